/**
 * How far the letters of an extracted text can be trusted (issue #12 §3). Extraction fills it in
 * (packages/extract), the signed record keeps it (text.quality), and quote matching reads the
 * damaged spans: a difference that falls on damaged letters is *uncertain*, never *altered*,
 * because the archive cannot tell a misquote from its own extraction damage there.
 */

/** A UTF-16 [start, end) range of the extracted text. */
export type TextSpan = readonly [start: number, end: number];

/** Spans kept per text; past it, neighbours are merged (the record is a ≤ 64 KiB log entry). */
export const MAX_DAMAGED_SPANS = 512;

export interface TextQuality {
  /** "degraded" when any count below is non-zero. */
  status: "ok" | "degraded";
  /** Glyphs that the document's fonts map to no character (pdf.js gives "\u0000") and that were not recovered. */
  unmappedGlyphs: number;
  /** U+FFFD, or a placeholder such as "#", standing where a letter was lost. */
  replacementChars: number;
  /** Combining marks (tashkeel, accents) left with no base letter. */
  isolatedMarks: number;
  /** Runs whose visual order could not be put back into logical order with confidence. */
  reorderedRuns: number;
  /** Where the letters cannot be trusted: sorted, disjoint, at most MAX_DAMAGED_SPANS. */
  damaged: TextSpan[];
}

/** The quality of a text with nothing wrong in it. */
export const PERFECT_QUALITY: TextQuality = Object.freeze({
  status: "ok",
  unmappedGlyphs: 0,
  replacementChars: 0,
  isolatedMarks: 0,
  reorderedRuns: 0,
  damaged: [],
}) as TextQuality;
