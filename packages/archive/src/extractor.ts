/**
 * The text-extraction port. Ingest hands it the bytes and the client's claims; it decides the
 * media type from the bytes (magic numbers beat a client's Content-Type) and returns the text it
 * could extract. It must never throw for a bad document: it reports a status instead.
 */
import type { TextQuality } from "@isnad/core";
import { ArchiveError } from "./errors";

export interface ExtractedText {
  mediaType: string;
  /** "ocr": read from the image(s) by OCR (issue #18): quotable, with recognition errors possible. */
  status: "ok" | "ocr" | "empty" | "unsupported" | "failed";
  text: string;
  message?: string;
  /** How far the extracted letters can be trusted (core/text/text-quality.ts); absent = not assessed. */
  quality?: TextQuality;
  /**
   * Paged formats (PDF): where each page begins in `text` (UTF-16 offsets, ascending, page n at
   * pageStarts[n - 1]). Stored beside the text, not signed: a verdict names the page of the original.
   */
  pageStarts?: number[];
  /** "ocr" only: the engine that read the text, e.g. "tesseract 5.3.0 (ara)", signed beside it. */
  engine?: string;
  /**
   * The text's fingerprint when the extractor computed it off the event loop (its worker); ingest
   * computes it otherwise. It must be deps.fingerprint's for this very text.
   */
  fingerprint?: { normalization: string; sha256: string };
}

export interface Extractor {
  extract(
    bytes: Uint8Array,
    declaredMediaType: string | null,
    filename: string | null,
  ): Promise<ExtractedText>;
  /**
   * The media type alone, decided from the bytes (a prefix is enough) without extracting: for
   * documents archived without text (presigned uploads). Absent: `extract` is used and its text
   * dropped.
   */
  sniffMediaType?(bytes: Uint8Array, declaredMediaType: string | null, filename: string | null): string;
}

/**
 * An extractor that cannot take a document now (every worker busy, its queue full) throws an
 * error named "ExtractorBusyError" (packages/extract/src/worker-pool.ts). That is no fault of the
 * document, and archiving it without text would be forever (the record is signed): the upload is
 * answered 503 + Retry-After instead, before anything is stored, and the client sends it again.
 * So is an extractor that could not start ("ExtractorUnavailableError": its worker never loaded).
 */
const UNAVAILABLE = new Set(["ExtractorBusyError", "ExtractorUnavailableError"]);

export function withBusyAsUnavailable(extractor: Extractor): Extractor {
  return {
    ...(extractor.sniffMediaType ? { sniffMediaType: extractor.sniffMediaType.bind(extractor) } : {}),
    async extract(bytes, declaredMediaType, filename) {
      try {
        return await extractor.extract(bytes, declaredMediaType, filename);
      } catch (error) {
        if (error instanceof Error && UNAVAILABLE.has(error.name)) {
          throw new ArchiveError("UNAVAILABLE", "text extraction is not available now: retry shortly", {
            cause: error,
          });
        }
        throw error;
      }
    },
  };
}
