/**
 * The Extractor port end to end: sniffing here, extraction in a real worker thread, from source
 * (tsx) and from the bundle a Lambda deployment ships (build-worker.ts: extract-worker.mjs, run by
 * plain node with nothing but the file), with the budgets refusing hostile documents.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprintText } from "@isnad/core";
import { buildExtractWorker } from "./build-worker";
import { createDocumentExtractor, defaultWorkerFile, type DocumentExtractor } from "./document-extractor";
import { PDFDocument } from "pdf-lib";
import { DOCX, PDF } from "./media-types";
import { makeDocx } from "./testing/make-docx";
import { makeFlateBombPdf, makeManyParagraphDocx } from "./testing/make-hostile";
import { makeLatinPdf } from "./testing/make-pdf";

let dir: string;
const extractors: DocumentExtractor[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "isnad-worker-"));
}, 60_000);
afterAll(async () => {
  await Promise.all(extractors.map((e) => e.close()));
  await rm(dir, { recursive: true, force: true });
});

function extractor(options: Parameters<typeof createDocumentExtractor>[0] = {}): DocumentExtractor {
  const created = createDocumentExtractor({ size: 1, ...options });
  extractors.push(created);
  return created;
}

describe("documentExtractor", () => {
  it("finds the worker beside itself: the .ts source, or the .mjs beside a bundle", () => {
    expect(defaultWorkerFile("file:///src/document-extractor.ts").href).toBe("file:///src/extract-worker.ts");
    expect(defaultWorkerFile("file:///var/task/api.mjs").href).toBe("file:///var/task/extract-worker.mjs");
  });

  it("extracts PDF and DOCX in a worker, and answers 'unsupported' without one", async () => {
    const x = extractor();
    const pdf = await makeLatinPdf(["A statement from the office."]);
    expect(await x.extract(pdf, "application/octet-stream", "s.pdf")).toMatchObject({
      mediaType: PDF,
      status: "ok",
      text: "A statement from the office.",
      pageStarts: [0],
    });
    // Pages reach the port through the worker: each one's start in the text, for "page n of the original".
    const bytes = await makeLatinPdf(
      Array.from({ length: 30 }, (_, i) => `Line${i}`),
      { fontSize: 40 },
    );
    const pages = (await PDFDocument.load(bytes)).getPageCount();
    expect(pages).toBeGreaterThan(1);
    const paged = await x.extract(bytes, null, "p.pdf");
    expect(paged.pageStarts).toHaveLength(pages);
    expect(paged.pageStarts?.map((at) => paged.text.slice(at, at + 4))).toEqual(Array(pages).fill("Line"));
    const docx = await x.extract(makeDocx({ paragraphs: ["بيانٌ صحفيّ"] }), null, "s.docx");
    expect(docx).toMatchObject({ mediaType: DOCX, status: "ok", text: "بيانٌ صحفيّ" });
    // The worker fingerprints the text (normalizing a long one takes seconds, off the event loop).
    expect(docx.fingerprint).toEqual(fingerprintText("بيانٌ صحفيّ"));
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
    expect(await x.extract(zip, null, "a.zip")).toEqual({
      mediaType: "application/zip",
      status: "unsupported",
      text: "",
      message: "no text extraction for application/zip",
    });
  }, 120_000);

  it("refuses hostile documents by budget, each with its reason", async () => {
    const x = extractor();
    expect(await x.extract(makeFlateBombPdf(300), null, null)).toEqual({
      mediaType: PDF,
      status: "failed",
      text: "",
      message: "too large to extract: more than 64 MiB when decompressed",
    });
    expect(await x.extract(makeManyParagraphDocx(100_000), null, "many.docx")).toMatchObject({
      status: "failed",
      message: "too large to extract: more than 20,000 paragraphs (limit 20,000)",
    });
  }, 120_000);

  it("runs from the bundled worker (extract-worker.mjs) as a Lambda deployment does", async () => {
    const file = await buildExtractWorker(join(dir, "extract-worker.mjs"));
    const x = extractor({ workerFile: pathToFileURL(file) });
    const pdf = await makeLatinPdf(["Bundled worker, same text."]);
    expect(await x.extract(pdf, null, null)).toMatchObject({
      status: "ok",
      text: "Bundled worker, same text.",
    });
    expect(await x.extract(makeDocx({ paragraphs: ["one", "two"] }), null, "a.docx")).toMatchObject({
      status: "ok",
      text: "one\n\ntwo",
    });
    expect(await x.extract(makeFlateBombPdf(300), null, null)).toMatchObject({ status: "failed" });
  }, 120_000);
});
