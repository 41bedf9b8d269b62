/**
 * OCR at ingest through the document extractor (issue #18), on real tesseract and pdftoppm
 * (Debian tesseract-ocr, tesseract-ocr-ara, poppler-utils; required: without them these tests
 * fail). Images of the screenshot corpus (tests/corpus/ocr) become text with status "ocr".
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { normalizeText } from "@isnad/core";
import { createDocumentExtractor } from "./document-extractor";
import { createOcrReader } from "./ocr-reader";
import { ocrReaderFromEnv } from "./ocr-ingest";
import { makeScannedPdf } from "./testing/make-scanned-pdf";

const corpus = (file: string) =>
  readFileSync(new URL(`../../../tests/corpus/ocr/images/${file}`, import.meta.url));
const ARABIC = "daraa.dejavu-sans.20px.png";
const ENGLISH = "harbour.dejavu-sans.20px.png";

// The 20 s budget of a scan holds on an idle machine; a test machine shared with other suites may be slower.
const extractor = createDocumentExtractor({
  size: 1,
  prestart: 0,
  ocr: createOcrReader(),
  ocrOptions: { timeoutMs: 100_000 },
});
afterAll(() => extractor.close());

describe("OCR at ingest", () => {
  it("reads a PNG screenshot into quotable text with status ocr and the engine's name", async () => {
    const result = await extractor.extract(corpus(ARABIC), "application/octet-stream", "shot.png");
    expect(result).toMatchObject({
      mediaType: "image/png",
      status: "ocr",
      engine: expect.stringMatching(/^tesseract \d/),
    });
    expect(normalizeText(result.text)).toContain(normalizeText("يخرقون اتفاق وقف إطلاق النار"));
    expect(result.quality?.status).toBeDefined();
  });

  it("reads a JPEG in English with the Latin languages after the Arabic reading is unsure", async () => {
    const result = await extractor.extract(corpus(ENGLISH.replace(".png", ".q70.jpg")), null, null);
    expect(result).toMatchObject({ mediaType: "image/jpeg", status: "ocr" });
    expect(result.engine).toMatch(/\(eng\+fra\)$/);
    expect(normalizeText(result.text)).toContain(normalizeText("northern container terminal will reopen"));
  });

  it("reads a PDF without a text layer page by page, with the page starts", async () => {
    const pdf = await makeScannedPdf([corpus(ENGLISH), corpus(ARABIC)]);
    const result = await extractor.extract(pdf, "application/pdf", "scan.pdf");
    expect(result).toMatchObject({ mediaType: "application/pdf", status: "ocr" });
    expect(result.pageStarts).toHaveLength(2);
    const second = result.text.slice(result.pageStarts![1]);
    expect(normalizeText(second)).toContain(normalizeText("وقف إطلاق النار"));
    expect(result.text.slice(0, result.pageStarts![1])).toContain("Harbour Authority");
  }, 120_000); // the worker loads pdf.js from source first

  it("fails a scan whose first page is not read within the document's OCR budget", async () => {
    const hasty = createDocumentExtractor({
      size: 1,
      prestart: 0,
      ocr: createOcrReader(),
      ocrOptions: { timeoutMs: 1 },
    });
    try {
      const result = await hasty.extract(await makeScannedPdf([corpus(ENGLISH)]), "application/pdf", null);
      expect(result).toMatchObject({
        status: "failed",
        message: "OCR of the scanned pages took longer than 0.001 s",
      });
    } finally {
      await hasty.close();
    }
  }, 120_000);

  it("records an image bomb as a failed extraction, without running the engine", async () => {
    const bomb = Buffer.from(corpus(ENGLISH));
    bomb.writeUInt32BE(30_000, 16);
    bomb.writeUInt32BE(30_000, 20);
    const noEngine = createDocumentExtractor({
      size: 1,
      prestart: 0,
      ocr: createOcrReader({ binary: "/nonexistent" }),
    });
    try {
      const result = await noEngine.extract(bomb, "image/png", null);
      expect(result).toMatchObject({ status: "failed", mediaType: "image/png" });
      expect(result.message).toMatch(/too large to read: 30000 × 30000 pixels/);
      // A missing engine, on the other hand, is no fault of the image: the upload is retried.
      await expect(noEngine.extract(corpus(ENGLISH), "image/png", null)).rejects.toMatchObject({
        name: "ExtractorUnavailableError",
      });
    } finally {
      await noEngine.close();
    }
  });

  it("leaves images unsupported when OCR is off", async () => {
    const off = createDocumentExtractor({ size: 1, prestart: 0, ocr: false });
    try {
      expect(await off.extract(corpus(ENGLISH), null, null)).toMatchObject({
        status: "unsupported",
        mediaType: "image/png",
      });
    } finally {
      await off.close();
    }
  });

  it("takes its reader from the environment: none when off, missing, or on Lambda without a layer", () => {
    expect(ocrReaderFromEnv({ ISNAD_OCR: "off" })).toBe(false);
    expect(ocrReaderFromEnv({ ISNAD_TESSERACT: "/nonexistent/tesseract" })).toBe(false);
    expect(ocrReaderFromEnv({ AWS_LAMBDA_FUNCTION_NAME: "api" })).toBe(false);
    const reader = ocrReaderFromEnv({});
    expect(reader && reader.engine()).toMatch(/^tesseract \d+\.\d+/);
  });
});
