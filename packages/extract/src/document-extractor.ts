/**
 * The archive's Extractor port (packages/archive/src/extractor.ts), implemented by this package:
 * decide the media type from the bytes (cheap, here), then extract in a worker of the pool
 * (worker-pool.ts) under its heap cap, deadline and the input budgets. Structural typing keeps
 * this package free of any dependency on the archive.
 */
import { availableParallelism } from "node:os";
import type { TextQuality } from "@isnad/core";
import type { ExtractionBudgets } from "./budgets";
import { DOCX, HTML, MARKDOWN, PDF, PLAIN, XHTML, parseMediaType } from "./media-types";
import { JPEG, PNG, TIFF, WEBP } from "./ocr-image-size";
import {
  DEFAULT_OCR_INGEST,
  ocrImage,
  ocrIngestOptionsFromEnv,
  ocrPdf,
  ocrReaderFromEnv,
  type OcrIngestOptions,
} from "./ocr-ingest";
import type { OcrReader } from "./ocr-reader";
import { sniffMediaType } from "./sniff-media-type";
import type { Extraction } from "./types";
import { ExtractionPool, type PoolOptions } from "./worker-pool";

export interface DocumentExtractorOptions extends Partial<PoolOptions> {
  budgets?: Partial<ExtractionBudgets>;
  /**
   * OCR of images and of PDFs without a text layer (issue #18): a reader, or false for none
   * (images are then "unsupported"). Default: from the environment (ocr-ingest.ts,
   * ocrReaderFromEnv: tesseract when it runs, ISNAD_OCR=off for none). Pass the reader that
   * verify uses, so that one bound holds for all tesseract processes.
   */
  ocr?: OcrReader | false;
  ocrOptions?: Partial<OcrIngestOptions>;
}

export interface ExtractorResult {
  mediaType: string;
  /** "ocr": the text was read from the image(s) by OCR and may hold recognition errors. */
  status: Extraction["status"] | "ocr";
  text: string;
  message?: string;
  /** The extraction's quality report, when it made one, passed on unchanged. */
  quality?: TextQuality;
  /** PDF: where each page begins in `text` (Extraction.pageStarts), for "page 3 of the original". */
  pageStarts?: number[];
  /** OCR: the engine that read the text, e.g. "tesseract 5.3.0 (ara)". */
  engine?: string;
  /** Extraction.fingerprint: the text's fingerprint, computed in the worker. */
  fingerprint?: Extraction["fingerprint"];
}

const EXTRACTED = new Set([PLAIN, MARKDOWN, HTML, XHTML, DOCX, PDF]);
const IMAGES = new Set<string>([PNG, JPEG, WEBP, TIFF]);

/**
 * Where the worker's code is: beside this module. From source (tsx, vitest) that is
 * extract-worker.ts; in an esbuild bundle import.meta.url is the bundle's own file, and the
 * worker is the extract-worker.mjs built next to it (build-worker.ts).
 */
export function defaultWorkerFile(base: string = import.meta.url): URL {
  return new URL(base.endsWith(".ts") ? "./extract-worker.ts" : "./extract-worker.mjs", base);
}

/**
 * Sizes for the process this runs in. On Lambda (one request at a time, 1,024 MB) one worker with
 * a 384 MiB heap leaves room for the handler; elsewhere up to two workers of 256 MiB on two cores.
 * ISNAD_EXTRACT_WORKERS / ISNAD_EXTRACT_HEAP_MB override them.
 */
export function poolOptionsFromEnv(env: Record<string, string | undefined>): PoolOptions {
  const lambda = env.AWS_LAMBDA_FUNCTION_NAME !== undefined;
  const size = Number(env.ISNAD_EXTRACT_WORKERS) || (lambda ? 1 : Math.min(2, availableParallelism()));
  return {
    size,
    heapMb: Number(env.ISNAD_EXTRACT_HEAP_MB) || (size === 1 ? 384 : 256),
    // Lambda's own timeout is 30 s: the extraction must end well inside it, with time left to store
    // the original and append to the log.
    timeoutMs: 20_000,
    // The wait bounds an upload's answer time (5 s + 20 s + storage < 30 s); the count only bounds
    // bookkeeping, since each waiting document's bytes are held by its request anyway. Ordinary
    // documents take milliseconds, so two workers drain a burst of dozens within the wait.
    maxQueue: 32,
    queueTimeoutMs: 5_000,
    idleMs: 60_000,
    workerFile: defaultWorkerFile(),
    // One worker loads (pdf.js, mammoth) as the server starts, not when the first document comes.
    prestart: 1,
  };
}

export function createDocumentExtractor(options: DocumentExtractorOptions = {}) {
  const { budgets, ocr: ocrReader, ocrOptions, ...pool } = options;
  const workers = new ExtractionPool({ ...poolOptionsFromEnv(process.env), ...pool });
  const ocr = ocrReader ?? ocrReaderFromEnv(process.env);
  const ocrSettings = { ...DEFAULT_OCR_INGEST, ...ocrIngestOptionsFromEnv(process.env), ...ocrOptions };
  return {
    sniffMediaType: sniff,
    async extract(
      bytes: Uint8Array,
      declaredMediaType: string | null,
      filename: string | null,
    ): Promise<ExtractorResult> {
      const mediaType = sniff(bytes, declaredMediaType, filename);
      const essence = parseMediaType(mediaType).essence;
      if (ocr && IMAGES.has(essence)) return shortened(await ocrImage(ocr, bytes, essence));
      if (!EXTRACTED.has(essence)) {
        // No worker for what no extractor reads (and for a prefix sniffed only for its type).
        const message = `no text extraction for ${essence || "an unknown type"}`;
        return { mediaType: essence, status: "unsupported", text: "", message };
      }
      const result = await workers.run(bytes, mediaType, budgets ? { budgets } : {});
      // A PDF that parsed but holds no text is a scan: its pages are read by OCR.
      if (ocr && essence === PDF && result.status === "empty" && result.pages) {
        return shortened(await ocrPdf(ocr, bytes, result.pages, ocrSettings));
      }
      return toPort(result);
    },
    close: () => workers.close(),
    pool: workers,
    /** The OCR reader ingest uses: verify passes it on, so one bound holds for every tesseract. */
    ocr,
  };
}

export type DocumentExtractor = ReturnType<typeof createDocumentExtractor>;

/** Reasons go into the signed record: a library's message could be long, or quote the file. */
const MAX_MESSAGE = 200;

function toPort(result: Extraction): ExtractorResult {
  const { mediaType, status, text } = result;
  const message = result.message === undefined ? undefined : shorten(result.message);
  const { quality, pageStarts, fingerprint } = result;
  return {
    mediaType,
    status,
    text,
    ...(message === undefined ? {} : { message }),
    ...(quality === undefined ? {} : { quality }),
    ...(fingerprint === undefined ? {} : { fingerprint }),
    ...(pageStarts === undefined || status !== "ok" ? {} : { pageStarts }),
  };
}

function shortened(result: ExtractorResult): ExtractorResult {
  return result.message === undefined ? result : { ...result, message: shorten(result.message) };
}

function shorten(message: string): string {
  if (message.length <= MAX_MESSAGE) return message;
  const cut = /[\ud800-\udbff]/.test(message[MAX_MESSAGE - 2] ?? "") ? MAX_MESSAGE - 2 : MAX_MESSAGE - 1;
  return `${message.slice(0, cut)}…`;
}

/** The media type to extract `bytes` as; cheap (a prefix is enough), on the calling thread. */
function sniff(bytes: Uint8Array, declaredMediaType: string | null, filename: string | null): string {
  return sniffMediaType(bytes, declaredMediaType ?? undefined, filename ?? undefined);
}

let shared: DocumentExtractor | undefined;

/** The process's extractor, its pool sized from the environment and started on first use. */
export const documentExtractor = {
  sniffMediaType: sniff,
  extract: (bytes: Uint8Array, declaredMediaType: string | null, filename: string | null) =>
    (shared ??= createDocumentExtractor()).extract(bytes, declaredMediaType, filename),
  /** Its OCR reader (false: none), for verify by screenshot in the same process. */
  ocr: (): OcrReader | false => (shared ??= createDocumentExtractor()).ocr,
};
