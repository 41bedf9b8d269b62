/**
 * OCR at ingest end to end (issue #18): a PNG screenshot and a scanned PDF go through the real
 * extractor (tesseract, pdftoppm: required, these tests fail without them), ingest and quote
 * verification on the emulators. Their text is signed with status "ocr" and the engine's name,
 * stored, indexed and quotable; the scanned PDF's page starts are stored beside its text.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprintText, generateEd25519Seed } from "@isnad/core";
import {
  createKeyring,
  createSigner,
  createTextIndexer,
  ingest,
  systemClock,
  verifyQuote,
  type ArchiveDeps,
} from "@isnad/archive";
import { createDocumentExtractor, createOcrReader } from "@isnad/extract";
import { makeScannedPdf } from "../../packages/extract/src/testing/make-scanned-pdf";
import { readTextPages } from "../../packages/archive/src/text-pages";
import { imagePath, loadCorpus } from "../corpus/ocr/cases";
import { startTestStorage, type TestStorage } from "../support/storage";

let storage: TestStorage;
const signer = createSigner(generateEd25519Seed());
const keyring = createKeyring(signer);
// The document's OCR budget is 20 s in production; on a test machine shared with other suites
// two pages may take longer, and the budget is not what this test is about.
const extractor = createDocumentExtractor({
  size: 1,
  prestart: 0,
  ocr: createOcrReader(),
  ocrOptions: { timeoutMs: 100_000 },
});

beforeAll(async () => {
  storage = await startTestStorage();
});
afterAll(async () => {
  await extractor.close();
  await storage?.close();
});

const deps = (): ArchiveDeps => ({
  objects: storage.objects,
  items: storage.items,
  indexText: createTextIndexer(storage.items),
  signer,
  clock: systemClock,
  extractor,
  fingerprint: fingerprintText,
  limits: { maxUploadBytes: 8 * 1024 * 1024 },
});

const screenshot = (file: string) => {
  const image = loadCorpus().find((i) => i.file === file);
  if (!image) throw new Error(`${file} is not in tests/corpus/ocr/corpus.json`);
  return { image, bytes: readFileSync(imagePath(image)) };
};

async function archive(body: Uint8Array, declaredMediaType: string, filename: string) {
  const { statement } = await ingest(deps(), {
    publisher: "pub-ocr",
    body,
    declaredMediaType,
    filename,
    fields: {},
  });
  return statement.record;
}

describe("OCR at ingest, on the emulators", () => {
  it("archives a PNG screenshot with its text read by OCR, signed as such and quotable", async () => {
    const { bytes } = screenshot("daraa.dejavu-sans.20px.png");
    const record = await archive(bytes, "image/png", "statement.png");
    expect(record.original.mediaType).toBe("image/png");
    expect(record.text).toMatchObject({
      status: "ocr",
      ocrEngine: expect.stringMatching(/^tesseract \d.*\(ara\)$/),
    });
    expect(record.text?.length).toBeGreaterThan(200);

    const quote = "أن النظام وداعميه يخرقون اتفاق وقف إطلاق النار";
    const answer = await verifyQuote({ items: storage.items, objects: storage.objects }, quote, keyring.byId);
    expect(answer.results[0]?.view.record.id).toBe(record.id);
    expect(["verbatim", "same-words"]).toContain(answer.verdict);
  }, 60_000);

  it("archives a scanned PDF (no text layer) with each page read by OCR and its page starts", async () => {
    const pages = [screenshot("harbour.dejavu-sans.20px.png"), screenshot("crue.noto-sans.20px.png")];
    const pdf = await makeScannedPdf(pages.map((p) => p.bytes));
    const record = await archive(pdf, "application/pdf", "scan.pdf");
    expect(record.text).toMatchObject({ status: "ocr", ocrEngine: expect.stringMatching(/\(eng\+fra\)$/) });
    const text = record.text!;
    const starts = await readTextPages(storage.objects, record.original.sha256, text.sha256!, text.length);
    expect(starts).toHaveLength(2);

    const answer = await verifyQuote(
      { items: storage.items, objects: storage.objects },
      "Aucune victime n'est à déplorer",
      keyring.byId,
    );
    expect(answer.verdict).not.toBe("not-found");
    // Any difference (an OCR slip) is on page 2 of the original, where the French page is.
    for (const d of answer.results[0]!.match.differences) expect(d).toMatchObject({ page: 2 });
  }, 120_000);
});
