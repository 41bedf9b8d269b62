import type { TextQuality } from "@isnad/core";

/** What `extractText` returns. It never throws for a bad document: `status` says what happened. */
export type ExtractionStatus =
  | "ok" // text was extracted (possibly truncated or decoded from a legacy charset: see warnings)
  | "empty" // the document parsed but holds no text (a scanned PDF, an empty file)
  | "unsupported" // a media type we do not extract
  | "failed"; // the document is broken, hostile, encrypted, too large or too slow: see message

export interface Extraction {
  status: ExtractionStatus;
  /** The extracted text, LF line ends. Quote offsets refer to exactly this string. */
  text: string;
  /** The media type that was extracted, lower case and without parameters. */
  mediaType: string;
  message?: string;
  /** PDF only: the number of pages in the document. */
  pages?: number;
  /**
   * PDF only: where each page that was read begins in `text` (UTF-16 offsets, ascending; page n
   * starts at pageStarts[n - 1]). The page of an offset is the last start at or before it. Kept
   * beside the text, not in the signed record.
   */
  pageStarts?: number[];
  /** How far the letters of `text` can be trusted (issue #12); set for every "ok" extraction. */
  quality?: TextQuality;
  /**
   * The text's versioned fingerprint (core's fingerprintText), computed in the worker that
   * extracted it: normalizing millions of characters takes seconds, off the server's event loop.
   */
  fingerprint?: { normalization: string; sha256: string };
  warnings: string[];
}

export interface ZipLimits {
  /** Sum of the declared uncompressed sizes of all entries. */
  maxTotalUncompressed: number;
  /** Compression ratio above which a large entry is refused (deflate tops out near 1032:1). */
  maxRatio: number;
  /** Entries smaller than this are never refused for their ratio (small XML compresses well). */
  ratioMinSize: number;
  maxEntries: number;
}

export interface ExtractOptions {
  /** Refuse larger inputs outright. */
  maxBytes?: number;
  /** Truncate the text beyond this many UTF-16 code units (with a warning). */
  maxChars?: number;
  /** PDF: read at most this many pages (with a warning). */
  maxPages?: number;
  /** Wall-clock budget for one document; past it the extraction fails. */
  timeoutMs?: number;
  zip?: Partial<ZipLimits>;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalUncompressed: 200 * 1024 * 1024,
  maxRatio: 100,
  ratioMinSize: 1024 * 1024,
  maxEntries: 10_000,
};

export type Limits = Required<Omit<ExtractOptions, "zip">>;

export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxBytes: 64 * 1024 * 1024,
  maxChars: 32 * 1024 * 1024,
  maxPages: 2_000,
  timeoutMs: 30_000,
};

/** Thrown inside the extractors for an expected refusal; `extractText` turns it into a result. */
export class ExtractionError extends Error {
  override readonly name = "ExtractionError";
  constructor(
    readonly status: "failed" | "empty" | "unsupported",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
