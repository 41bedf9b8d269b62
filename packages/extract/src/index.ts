// pdf.js and mammoth are reachable only from extract-worker.ts: nothing exported here imports them,
// so the server (and its Lambda bundle) never loads them (issue #13, and cold starts, issue #15).
export { sniffMediaType } from "./sniff-media-type";
export { DOCX, HTML, MARKDOWN, PDF, PLAIN, XHTML, parseMediaType } from "./media-types";
export type { ParsedMediaType } from "./media-types";
export { DEFAULT_LIMITS, DEFAULT_ZIP_LIMITS } from "./types";
export type { ExtractOptions, Extraction, ExtractionStatus, ZipLimits } from "./types";
export { DEFAULT_BUDGETS } from "./budgets";
export type { ExtractionBudgets } from "./budgets";
export {
  createDocumentExtractor,
  defaultWorkerFile,
  documentExtractor,
  poolOptionsFromEnv,
} from "./document-extractor";
export type { DocumentExtractor, DocumentExtractorOptions } from "./document-extractor";
export { ExtractionPool, ExtractorBusyError, ExtractorUnavailableError } from "./worker-pool";
export type { PoolOptions } from "./worker-pool";
// OCR (issue #18): the tesseract command in a child process; nothing here loads an OCR library.
export { createOcrReader, DEFAULT_OCR_OPTIONS, OcrError, checkImage } from "./ocr-reader";
export type { OcrErrorCode, OcrReadResult, OcrReader, OcrReaderOptions } from "./ocr-reader";
export { imageTypeOf, readImageSize } from "./ocr-image-size";
export type { ImageSize, ImageType } from "./ocr-image-size";
export { ocrReaderFromEnv } from "./ocr-ingest";
export { sourceBootstrap } from "./source-worker";
