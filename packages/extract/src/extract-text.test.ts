import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractText } from "./extract-text";
import { DOCX, HTML, MARKDOWN, PDF, PLAIN, XHTML } from "./media-types";
import { encodeCp1256 } from "./testing/cp1256";
import { makeDocx } from "./testing/make-docx";
import { makeArabicPdf } from "./testing/make-pdf";
import { readSeed } from "./testing/seed";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const STATUSES = ["ok", "empty", "unsupported", "failed"];
/** The quality report of a text with nothing damaged (text-quality-scan.ts). */
const CLEAN = {
  status: "ok",
  unmappedGlyphs: 0,
  replacementChars: 0,
  isolatedMarks: 0,
  reorderedRuns: 0,
  damaged: [],
};

describe("extractText: text and Markdown", () => {
  it("returns the seed statement byte for byte", async () => {
    const seed = readSeed();
    expect(await extractText(utf8(seed), "text/plain; charset=utf-8")).toEqual({
      status: "ok",
      mediaType: PLAIN,
      text: seed,
      warnings: [],
      quality: CLEAN,
    });
  });

  it("keeps Markdown as written (offsets refer to the source), LF line ends", async () => {
    const md = "# بيان\r\n\r\n**الائتلاف** [الوطني](https://example.org)\r\n";
    expect(await extractText(utf8(md), MARKDOWN)).toMatchObject({
      status: "ok",
      mediaType: MARKDOWN,
      text: "# بيان\n\n**الائتلاف** [الوطني](https://example.org)\n",
    });
  });

  it("decodes legacy windows-1256 files with a warning, and refuses undecodable bytes", async () => {
    const result = await extractText(encodeCp1256("بيان صحفي\r\n"), PLAIN);
    expect(result).toEqual({
      status: "ok",
      mediaType: PLAIN,
      text: "بيان صحفي\n",
      warnings: ["not valid UTF-8: decoded as windows-1256 (legacy Arabic)"],
      quality: CLEAN,
    });
    const latin1 = await extractText(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0xe0, 0xe8]), PLAIN);
    expect(latin1).toMatchObject({ status: "failed", text: "" });
    expect(latin1.message).toMatch(/not valid UTF-8/);
  });

  it("handles a 20 MiB text, and truncates past maxChars", async () => {
    const line = "وقال الائتلاف الوطني في بيان له إن قوات النظام ارتكبت نحو 80 خرقاً. Plain ASCII too.\r\n";
    const big = utf8(line.repeat(Math.ceil((20 * 1024 * 1024) / utf8(line).length)));
    expect(big.length).toBeGreaterThanOrEqual(20 * 1024 * 1024);
    // No timing asserted (tests check behaviour, never timings); the test's timeout bounds it.
    const result = await extractText(big, PLAIN);
    expect(result.status).toBe("ok");
    expect(result.text.startsWith(line.replace("\r\n", "\n"))).toBe(true);
    expect(result.text).not.toContain("\r");
    const capped = await extractText(big, PLAIN, { maxChars: 1000 });
    expect(capped.text).toHaveLength(1000);
    expect(capped.warnings).toEqual(["text truncated to its first 1000 characters (limit 1000)"]);
  });

  it("does not split a surrogate pair when truncating", async () => {
    const result = await extractText(utf8("ab😀cd"), PLAIN, { maxChars: 3 });
    expect(result.text).toBe("ab");
  });
});

describe("extractText: dispatch and limits", () => {
  it("says which types it does not extract", async () => {
    expect(await extractText(utf8("x"), "image/png")).toEqual({
      status: "unsupported",
      mediaType: "image/png",
      text: "",
      message: "no text extraction for image/png",
      warnings: [],
    });
    expect((await extractText(utf8("x"), "")).message).toBe("no text extraction for an unknown type");
  });

  it("extracts XHTML like HTML, honouring a charset parameter", async () => {
    const page = encodeCp1256("<html><body><p>نص</p></body></html>");
    expect(await extractText(page, `${XHTML}; charset=windows-1256`)).toMatchObject({
      status: "ok",
      mediaType: XHTML,
      text: "نص",
    });
  });

  it("reports empty documents as empty", async () => {
    expect(await extractText(new Uint8Array(0), PLAIN)).toMatchObject({
      status: "empty",
      message: "no text",
    });
    expect(await extractText(utf8("<html><head><title>only</title></head></html>"), HTML)).toMatchObject({
      status: "empty",
    });
  });

  it("refuses inputs over maxBytes before reading them", async () => {
    expect(await extractText(new Uint8Array(11), PDF, { maxBytes: 10 })).toMatchObject({
      status: "failed",
      message: "document too large: 11 bytes (limit 10)",
    });
  });

  it("never throws, whatever the bytes and the declared type", async () => {
    const pdf = await makeArabicPdf(["بيان قصير"]);
    const docx = makeDocx({ paragraphs: ["بيان قصير"] });
    const types = [PLAIN, MARKDOWN, HTML, XHTML, DOCX, PDF, "application/octet-stream"];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          // Real documents with a few bytes flipped or cut off: parsers' error paths.
          fc
            .tuple(fc.constantFrom(pdf, docx), fc.nat(), fc.nat(255), fc.boolean())
            .map(([doc, at, byte, cut]) => {
              const copy = doc.slice(0, cut ? at % doc.length : doc.length);
              if (copy.length > 0) copy[at % copy.length] = byte;
              return copy;
            }),
        ),
        fc.constantFrom(...types),
        async (bytes, type) => {
          const result = await extractText(bytes, type, { timeoutMs: 5000 });
          expect(STATUSES).toContain(result.status);
          expect(typeof result.text).toBe("string");
          if (result.status === "failed") expect(result.message).toBeTruthy();
        },
      ),
      { numRuns: 150 },
    );
  });
});
