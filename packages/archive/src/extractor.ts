/**
 * The text-extraction port. Ingest hands it the bytes and the client's claims; it decides the
 * media type from the bytes (magic numbers beat a client's Content-Type) and returns the text it
 * could extract. It must never throw for a bad document: it reports a status instead.
 */
import type { TextQuality } from "@isnad/core";

export interface ExtractedText {
  mediaType: string;
  status: "ok" | "empty" | "unsupported" | "failed";
  text: string;
  message?: string;
  /** How far the extracted letters can be trusted (core/text/text-quality.ts); absent = not assessed. */
  quality?: TextQuality;
}

export interface Extractor {
  extract(
    bytes: Uint8Array,
    declaredMediaType: string | null,
    filename: string | null,
  ): Promise<ExtractedText>;
}
