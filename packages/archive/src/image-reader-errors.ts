/**
 * An ImageReader whose refusals are ArchiveErrors (the port's promise, image-reader.ts): the OCR
 * engine (packages/extract, ocr-reader.ts) cannot import the archive, so it throws errors named
 * "OcrError" that carry an ArchiveErrorCode, and "ExtractorBusyError" when every engine is busy;
 * both become the ArchiveError the API maps to a problem document (busy: 503 + Retry-After).
 */
import { ArchiveError, type ArchiveErrorCode } from "./errors";
import type { ImageReader } from "./image-reader";

const CODES = new Set<ArchiveErrorCode>([
  "UNSUPPORTED_MEDIA_TYPE",
  "TOO_LARGE",
  "BAD_REQUEST",
  "UNAVAILABLE",
]);

export function withOcrErrorsAsArchiveErrors(reader: ImageReader): ImageReader {
  return {
    async read(image, options) {
      try {
        return await reader.read(image, options);
      } catch (error) {
        throw asArchiveError(error);
      }
    },
  };
}

function asArchiveError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof ArchiveError) return error;
  if (error.name === "ExtractorBusyError") {
    return new ArchiveError("UNAVAILABLE", "OCR is busy: retry shortly", { cause: error });
  }
  const code = (error as { code?: unknown }).code as ArchiveErrorCode;
  if (error.name === "OcrError" && CODES.has(code))
    return new ArchiveError(code, error.message, { cause: error });
  return error;
}
