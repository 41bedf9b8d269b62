/**
 * OCR at ingest (issue #18): an image (PNG, JPEG, WebP, TIFF), or a PDF whose pages have no text
 * layer (a scanned release), becomes quotable text with status "ocr" and the engine named beside
 * it, so that pages and verdicts say the text was read by OCR and may hold recognition errors.
 * A busy or missing engine is no fault of the document: it is thrown (503 upstream, see
 * packages/archive/src/extractor.ts), never signed as "failed".
 */
import type { TextQuality } from "@isnad/core";
import { ChildRunError } from "./ocr-child";
import { createOcrReader, OcrError, type OcrReader } from "./ocr-reader";
import { tesseractRuns } from "./ocr-tesseract";
import { pdfPageImage, type PageImageOptions } from "./ocr-pdf-pages";
import { scanTextQuality } from "./text-quality-scan";
import { ExtractorUnavailableError } from "./worker-pool";

export interface OcrText {
  mediaType: string;
  status: "ocr" | "empty" | "failed";
  text: string;
  message?: string;
  quality?: TextQuality;
  pageStarts?: number[];
  /** E.g. "tesseract 5.3.0 (ara)". */
  engine?: string;
}

export interface OcrIngestOptions extends PageImageOptions {
  /** Scanned PDF pages read at most (a scanned release has a few; each costs about 2 s). */
  maxPages: number;
  /** All pages of one document together; past it the pages read so far are kept. */
  timeoutMs: number;
}

export const DEFAULT_OCR_INGEST: Readonly<OcrIngestOptions> = {
  pdftoppm: "pdftoppm",
  longSide: 3508,
  maxPages: 8,
  // Inside Lambda's 30 s with the original's storage and the log append still to come.
  timeoutMs: 20_000,
  memoryMb: 512,
  isolateNetwork: "auto",
};

/**
 * The reader ingest uses, from the environment: none with ISNAD_OCR=off; else tesseract at
 * ISNAD_TESSERACT (default: on PATH; on Lambda, a layer's binary, so there it must be set) with
 * TESSDATA_PREFIX, when it runs. Without one, images are archived as "unsupported", as before OCR.
 */
export function ocrReaderFromEnv(env: Record<string, string | undefined>): OcrReader | false {
  if (env.ISNAD_OCR === "off") return false;
  if (env.AWS_LAMBDA_FUNCTION_NAME !== undefined && !env.ISNAD_TESSERACT) return false;
  const binary = env.ISNAD_TESSERACT ?? "tesseract";
  if (!tesseractRuns(binary)) return false;
  return createOcrReader({ binary, ...(env.TESSDATA_PREFIX ? { tessdataDir: env.TESSDATA_PREFIX } : {}) });
}

/** ISNAD_PDFTOPPM: poppler's pdftoppm for scanned PDFs (on Lambda, in the same layer). */
export function ocrIngestOptionsFromEnv(env: Record<string, string | undefined>): Partial<OcrIngestOptions> {
  return env.ISNAD_PDFTOPPM ? { pdftoppm: env.ISNAD_PDFTOPPM } : {};
}

export async function ocrImage(reader: OcrReader, bytes: Uint8Array, mediaType: string): Promise<OcrText> {
  try {
    const read = await reader.read(bytes);
    return withText({ mediaType }, read.text, read.engine);
  } catch (e) {
    return failed(mediaType, e);
  }
}

/** The text of a PDF without a text layer, page by page through OCR; `pages` from pdf.js. */
export async function ocrPdf(
  reader: OcrReader,
  pdf: Uint8Array,
  pages: number,
  options: OcrIngestOptions,
): Promise<OcrText> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const last = Math.min(pages, options.maxPages);
  const pageStarts: number[] = [];
  let text = "";
  let engine: string | undefined;
  // A scan is mostly in one language: each page is tried first with the languages of the last.
  let prefer: readonly string[] | undefined;
  let stopped = "";
  try {
    for (let page = 1; page <= last; page++) {
      if (signal.aborted) {
        stopped = `; the ${options.timeoutMs / 1000} s budget ended after page ${page - 1}`;
        break;
      }
      const image = await pdfPageImage(pdf, page, options, signal);
      const read = await reader.read(image, { signal, ...(prefer ? { prefer } : {}) });
      engine = read.engine;
      prefer = read.languages;
      if (page > 1) text += "\n\n";
      pageStarts.push(text.length);
      text += read.text;
    }
  } catch (e) {
    // Pages already read are kept only when time ran out; any other failure fails the document.
    if (!signal.aborted) return failed("application/pdf", e);
    if (pageStarts.length === 0) {
      const message = `OCR of the scanned pages took longer than ${options.timeoutMs / 1000} s`;
      return { mediaType: "application/pdf", status: "failed", text: "", message };
    }
    stopped = `; the ${options.timeoutMs / 1000} s budget ended after page ${pageStarts.length}`;
  }
  const read = pageStarts.length;
  const note = read < pages ? `OCR read pages 1–${read} of ${pages}${stopped}` : undefined;
  return withText({ mediaType: "application/pdf", pageStarts }, text, engine, note);
}

function withText(
  base: { mediaType: string; pageStarts?: number[] },
  raw: string,
  engine?: string,
  note?: string,
): OcrText {
  const text = raw.trimEnd();
  if (!text.trim()) {
    return {
      mediaType: base.mediaType,
      status: "empty",
      text: "",
      message: `no text read by OCR (${engine ?? "tesseract"})`,
    };
  }
  return {
    ...base,
    status: "ocr",
    text,
    quality: scanTextQuality(text),
    ...(engine ? { engine } : {}),
    ...(note ? { message: note } : {}),
  };
}

function failed(mediaType: string, e: unknown): OcrText {
  if (e instanceof Error && e.name === "ExtractorBusyError") throw e;
  if (e instanceof OcrError && e.code === "UNAVAILABLE")
    throw new ExtractorUnavailableError(e.message, { cause: e });
  if (e instanceof ChildRunError && e.reason === "missing") {
    throw new ExtractorUnavailableError(`OCR is not available: ${e.message}`, { cause: e });
  }
  const message = e instanceof Error ? e.message : String(e);
  return { mediaType, status: "failed", text: "", message: `OCR: ${message}` };
}
