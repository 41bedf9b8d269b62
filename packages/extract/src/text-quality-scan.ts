/**
 * The quality report of an extracted text (core's TextQuality, issue #12 §3): what the extractor
 * knows it lost (unmapped glyphs, runs it could not order), plus a cheap scan that works for any
 * format: U+FFFD (a byte sequence or glyph that decoded to nothing) and combining marks with no
 * letter to sit on. Each finding damages the word around it; quote matching turns a difference on
 * a damaged word into "uncertain" rather than "altered".
 */
import { MAX_DAMAGED_SPANS, type TextQuality, type TextSpan } from "@isnad/core";

export interface KnownDamage {
  /** Offsets (in the final text) where a glyph without a character was dropped. */
  unmappedAt?: readonly number[];
  /** Ranges whose order the extractor could not restore with confidence. */
  reordered?: readonly TextSpan[];
}

const REPLACEMENT = /\uFFFD/g;
// A mark after neither a letter nor another mark (nor a joiner, which marks may follow in Arabic).
const ISOLATED_MARK = /(?<![\p{L}\p{M}\u200c\u200d])\p{M}+/gu;

/** Scans `text` and merges what the extractor reported into one TextQuality. */
export function scanTextQuality(text: string, known: KnownDamage = {}): TextQuality {
  const spans: TextSpan[] = [];
  const unmappedAt = known.unmappedAt ?? [];
  for (const at of unmappedAt) spans.push(wordAround(text, Math.min(at, text.length)));
  let replacementChars = 0;
  for (const m of text.matchAll(REPLACEMENT)) {
    replacementChars++;
    spans.push(wordAround(text, m.index));
  }
  let isolatedMarks = 0;
  for (const m of text.matchAll(ISOLATED_MARK)) {
    isolatedMarks += [...m[0]].length;
    // The mark belongs to the word before it, if one ends right there (a detached tanween).
    spans.push(wordAround(text, m.index > 0 && /\s/.test(text[m.index - 1] ?? "") ? m.index - 1 : m.index));
  }
  const reordered = known.reordered ?? [];
  spans.push(...reordered);
  const counts = {
    unmappedGlyphs: unmappedAt.length,
    replacementChars,
    isolatedMarks,
    reorderedRuns: reordered.length,
  };
  const degraded = Object.values(counts).some((n) => n > 0);
  return { status: degraded ? "degraded" : "ok", ...counts, damaged: mergeSpans(spans) };
}

/** The whitespace-delimited word that contains or touches offset `at` (at least one code unit). */
export function wordAround(text: string, at: number): TextSpan {
  let start = at;
  while (start > 0 && !/\s/.test(text[start - 1] ?? "")) start--;
  let end = at;
  while (end < text.length && !/\s/.test(text[end] ?? "")) end++;
  if (end === start) end = Math.min(text.length, start + 1);
  return [start, end];
}

/**
 * Sorted, disjoint spans, at most MAX_DAMAGED_SPANS: overlapping and touching spans merge, then the
 * closest neighbours merge until few enough remain (a damaged page becomes one long span rather
 * than the record outgrowing its 64 KiB).
 */
export function mergeSpans(spans: readonly TextSpan[], max = MAX_DAMAGED_SPANS): TextSpan[] {
  const sorted = spans.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  if (merged.length <= max) return merged;
  // Merge across the smallest gaps: find the gap size below which merging leaves ≤ max spans.
  const gaps = merged.slice(1).map((span, i) => span[0] - merged[i]![1]);
  const threshold = [...gaps].sort((a, b) => a - b)[merged.length - max - 1]!;
  const out: [number, number][] = [[...merged[0]!]];
  let budget = merged.length - max; // merge exactly this many gaps, the smallest first
  let ties = gaps.filter((g) => g < threshold).length;
  ties = budget - ties; // how many gaps equal to the threshold may still merge
  for (let i = 1; i < merged.length; i++) {
    const gap = gaps[i - 1]!;
    const last = out[out.length - 1]!;
    const take = budget > 0 && (gap < threshold || (gap === threshold && ties-- > 0));
    if (take) {
      last[1] = merged[i]![1];
      budget--;
    } else out.push([...merged[i]!]);
  }
  return out;
}

/**
 * The report for an extraction's final text: the extractor's own (spans clipped to a truncated
 * text), or for formats whose extractor makes none the generic scan.
 */
export function finalQuality(
  extracted: { warnings: string[]; quality?: TextQuality },
  text: string,
): TextQuality {
  const own = extracted.quality;
  if (!own) return scanTextQuality(text);
  const damaged = own.damaged
    .filter(([s]) => s < text.length)
    .map(([s, e]): TextSpan => [s, Math.min(e, text.length)]);
  return { ...own, damaged };
}

/** The page of an offset lives in core now (the archive reads it too); re-exported for this package. */
export { pageOf } from "@isnad/core";
