/**
 * The OCR engine on real tesseract (Debian tesseract-ocr, tesseract-ocr-ara, -fra) and a page
 * rendered by poppler's pdftoppm: both are required, without them these tests fail, they do not
 * skip. Accuracy on the screenshot corpus is measured by `npm run bench -- ocr`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeText } from "@isnad/core";
import { createOcrReader, OcrError } from "./ocr-reader";
import { tesseractArgv, tesseractEnv } from "./ocr-tesseract";

const PDF = new URL("../../../tests/corpus/pdf/pdf/naskh-plain.chromium.pdf", import.meta.url).pathname;
let dir: string;
let page: Uint8Array;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "isnad-ocr-"));
  execFileSync("pdftoppm", [
    "-r",
    "150",
    "-png",
    "-f",
    "1",
    "-l",
    "1",
    "-singlefile",
    PDF,
    join(dir, "page"),
  ]);
  page = readFileSync(join(dir, "page.png"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reader = createOcrReader({ languages: [["ara"]] });

/** A screenshot of tests/corpus/ocr. */
const corpusShot = (name: string) =>
  readFileSync(new URL(`../../../tests/corpus/ocr/images/${name}`, import.meta.url));

/** Every word's box within the image, and its offsets on its text. */
function expectWordsInside(read: Awaited<ReturnType<typeof reader.read>>) {
  for (const w of read.words) {
    expect(read.text.slice(w.start, w.end)).toBe(w.text);
    expect(w.box.x + w.box.width).toBeLessThanOrEqual(read.width);
    expect(w.box.y + w.box.height).toBeLessThanOrEqual(read.height);
  }
}

describe("createOcrReader (tesseract)", () => {
  it("reads an Arabic page into words with boxes, offsets and the engine's name", async () => {
    const result = await reader.read(page);
    expect(result.engine).toMatch(/^tesseract 5\.\d+\.\d+ \(ara\)$/);
    expect(result.width).toBeGreaterThan(1000);
    // The title line of the page, normalized as quotes are: OCR's errors may fall elsewhere.
    expect(normalizeText(result.text)).toContain(normalizeText("بقرار مجلس الأمن بشأن المساعدات"));
    for (const w of result.words.slice(0, 20)) {
      expect(result.text.slice(w.start, w.end)).toBe(w.text);
      expect(w.box.x + w.box.width).toBeLessThanOrEqual(result.width);
    }
  });

  it("refuses an image bomb from its header, before any engine runs", async () => {
    const bomb = Buffer.from(page);
    bomb.writeUInt32BE(30_000, 16); // IHDR width and height
    bomb.writeUInt32BE(30_000, 20);
    await expect(reader.read(bomb)).rejects.toMatchObject({ name: "OcrError", code: "TOO_LARGE" });
    // With no engine at all the answer is the same: the header alone decided.
    const noEngine = createOcrReader({ binary: "/nonexistent/tesseract" });
    await expect(noEngine.read(bomb)).rejects.toThrow(/30000 × 30000 pixels \(limit 40 MP\)/);
    await expect(noEngine.read(page)).rejects.toMatchObject({ code: "UNAVAILABLE" });
  });

  it("reads a screenshot scaled ×2, its boxes in the image's own pixels", async () => {
    const shot = corpusShot("daraa.amiri.30px.png");
    const once = await reader.read(shot);
    const twice = await reader.read(shot, { scale: 2 });
    expect([twice.width, twice.height]).toEqual([once.width, once.height]);
    expect(normalizeText(twice.text)).toContain(normalizeText("درعا"));
    expectWordsInside(twice);
  });

  it("reads the words it is unsure of again at twice the size, keeping the surer reading", async () => {
    // tests/corpus/ocr: Amiri 20 px at ×1 read "وخمس سنوات. ولن" as "ومس" (confidence 0) and
    // "وإن" (24); at ×2 as written, with 84 and 92 (ocr-merge.ts).
    const shot = corpusShot("health.amiri.20px.png");
    const read = await reader.read(shot);
    expect(normalizeText(read.text)).toContain(normalizeText("وخمس سنوات. ولن"));
    expectWordsInside(read);
  });

  it("reads a comma written against a word as the comma, not as a final hamza", async () => {
    // tests/corpus/ocr: the TSV said "درعاء" (92); hOCR's runner-up for that "ء" is "." (ocr-hocr.ts).
    const shot = corpusShot("daraa.dejavu-sans.20px.png");
    const read = await reader.read(shot);
    expect(read.text).toContain("في درعا، مديناً");
  });

  it("reads a phone crop's post without its avatar and icon row, boxes where the words are", async () => {
    // tests/corpus/ocr: psm 3 put the avatar, the name bars and the four action icons into the
    // blocks of the text, and the second reading read them as "o=" and "O O O O" (ocr-layout.ts).
    const shot = corpusShot("harbour.noto-sans.17px.phone.q70.jpg");
    const read = await createOcrReader().read(shot);
    expect(read.text.startsWith("The Port and Harbour Authority")).toBe(true);
    expect(read.text.trimEnd().endsWith("was injured.")).toBe(true);
    // The first word stands at the text's top left in the image (56, 210 as rendered), not in the padding.
    expect(read.words[0]!.box.x).toBeGreaterThan(50);
    expect(read.words[0]!.box.x).toBeLessThan(62);
    expect(read.words[0]!.box.y).toBeGreaterThan(204);
    expect(read.words[0]!.box.y).toBeLessThan(216);
  });

  it("refuses a scale past its pixel bound from the header, before any engine runs", async () => {
    const big = Buffer.from(page);
    big.writeUInt32BE(2_000, 16); // 4 MP: 16 MP at ×2
    big.writeUInt32BE(2_000, 20);
    const noEngine = createOcrReader({ binary: "/nonexistent/tesseract" });
    await expect(noEngine.read(big, { scale: 2 })).rejects.toMatchObject({ code: "TOO_LARGE" });
    await expect(noEngine.read(page, { scale: 5 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(noEngine.read(page, { scale: 1.5 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses bytes that are no image, and an image the engine cannot decode", async () => {
    await expect(reader.read(new TextEncoder().encode("%PDF-1.7\n"))).rejects.toMatchObject({
      code: "UNSUPPORTED_MEDIA_TYPE",
    });
    const truncated = page.subarray(0, 200); // a valid header, no image data
    await expect(reader.read(truncated)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(reader.read(page, { languages: ["../etc"] })).rejects.toBeInstanceOf(OcrError);
  });

  it("holds the engine to its memory cap", async () => {
    // 64 MiB of address space does not hold tesseract's model and a decoded page: the read fails.
    const starved = createOcrReader({ languages: [["ara"]], memoryMb: 64 });
    await expect(starved.read(page)).rejects.toBeInstanceOf(OcrError);
    await expect(createOcrReader({ languages: [["ara"]], memoryMb: 512 }).read(page)).resolves.toBeDefined();
  });

  it("kills the engine at its deadline", async () => {
    const hasty = createOcrReader({ languages: [["ara"]], timeoutMs: 50 });
    await expect(hasty.read(page)).rejects.toThrow(/took longer than 0.05 s/);
  });

  it("runs without network, secrets or a URL: local traineddata, an empty environment, no interfaces", () => {
    const settings = {
      binary: "tesseract",
      timeoutMs: 1_000,
      memoryMb: 512,
      isolateNetwork: "auto" as const,
    };
    const env = tesseractEnv(settings);
    expect(Object.keys(env).sort()).toEqual(["LC_ALL", "OMP_THREAD_LIMIT", "PATH"]);
    const argv = tesseractArgv(settings, ["ara"]);
    expect(argv.join(" ")).not.toMatch(/https?:|:\/\//);
    expect(argv).toContain("-"); // the image comes on stdin: tesseract fetches only inputs named by URL
    const langs = spawnSync("tesseract", ["--list-langs"], { encoding: "utf8", env });
    expect(langs.stdout).toMatch(/^ara$/m);
    expect(langs.stdout).toMatch(/^List of available languages in "\/[^"]+"/); // a local directory
    if (argv[0] === "unshare") {
      // Inside the same namespace as the engine, only a loopback (down) exists.
      const links = spawnSync("unshare", ["-n", "--", "cat", "/proc/net/dev"], { encoding: "utf8" });
      expect(
        links.stdout
          .split("\n")
          .slice(2)
          .filter(Boolean)
          .map((l) => l.split(":")[0]!.trim()),
      ).toEqual(["lo"]);
    } else if (process.env.CI === "true") {
      throw new Error(
        "unshare -n is not available: OCR would run with the network (needs root or user namespaces)",
      );
    }
  });
});
