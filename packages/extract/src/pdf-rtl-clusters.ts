import { isRtlLevelChar } from "./rtl";

/** A text item as pdf.js's getTextContent returns it (after its bidi reordering). */
export interface BidiItem {
  str: string;
  dir: string;
}

// How far ahead of the cursor a match may start: pdf.js drops some glyphs from text content
// (a glyph drawn twice at the same place, for fake bold) that the operator list still has.
const MAX_SKIP = 4096;

/**
 * Undoes pdf.js reversing *inside* multi-character glyphs of right-to-left text.
 *
 * Arabic PDFs draw glyphs in visual order, and pdf.js's bidi() reverses each right-to-left text item
 * character by character to get logical order back. A ligature glyph whose ToUnicode entry holds
 * several characters (lam-alef "لا", "لأ", "الله") is already logical, so the reversal scrambles it:
 * "لا" comes back as "ال", turning the negation لا into the article ال. The same bug is known in
 * PDFBox (PDFBOX-4531), pypdf (#1589) and pdfminer (#850).
 *
 * `glyphs` are the Unicode strings of each glyph shown on the page, in content-stream order (from
 * the operator list). For each right-to-left item, its level-1 characters read back to front are a
 * subsequence of that stream (digits and Latin runs keep their order but contain no such
 * characters); where a glyph contributed several of them, that span of the item is reversed again.
 * Items that cannot be aligned are returned unchanged.
 */
export function repairRtlClusters(items: readonly BidiItem[], glyphs: readonly string[]): string[] {
  const stream: number[] = []; // level-1 code units of the page, in content order
  const clusterLength: number[] = []; // at a glyph's first such code unit: how many it has
  for (const glyph of glyphs) {
    const codes = codesOf(glyph);
    codes.forEach((code, i) => {
      stream.push(code);
      clusterLength.push(i === 0 ? codes.length : 0);
    });
  }
  let cursor = 0;
  return items.map((item) => {
    const positions = levelOnePositions(item.str);
    if (positions.length === 0) return item.str;
    if (item.dir !== "rtl") {
      // A left-to-right item reverses each right-to-left run separately: keep the cursor moving
      // but do not guess the runs (such mixed items are rare in Arabic statements).
      cursor += positions.length;
      return item.str;
    }
    const raw = positions.map((p) => item.str.charCodeAt(p)).reverse();
    const matched = matchSubsequence(stream, raw, cursor);
    if (!matched) return item.str;
    cursor = (matched[matched.length - 1] ?? cursor) + 1;
    return reverseClusters(item.str, positions, matched, clusterLength);
  });
}

function codesOf(glyph: string): number[] {
  const codes: number[] = [];
  for (let i = 0; i < glyph.length; i++) {
    const code = glyph.charCodeAt(i);
    if (isRtlLevelChar(code)) codes.push(code);
  }
  return codes;
}

function levelOnePositions(str: string): number[] {
  const positions: number[] = [];
  for (let i = 0; i < str.length; i++) if (isRtlLevelChar(str.charCodeAt(i))) positions.push(i);
  return positions;
}

function matchSubsequence(stream: number[], raw: number[], from: number): number[] | undefined {
  const matched: number[] = [];
  let k = from;
  let skipped = 0;
  for (const code of raw) {
    while (k < stream.length && stream[k] !== code) {
      if (++skipped > MAX_SKIP) return undefined;
      k++;
    }
    if (k >= stream.length) return undefined;
    matched.push(k++);
  }
  return matched;
}

function reverseClusters(
  str: string,
  positions: number[],
  matched: number[],
  clusterLength: number[],
): string {
  const chars = str.split("");
  const n = positions.length;
  for (let j = 0; j < n; j++) {
    const start = matched[j] ?? -1;
    const length = clusterLength[start] ?? 0;
    if (length < 2 || j + length > n) continue;
    // The whole glyph must have matched contiguously, or we do not know what we are reversing.
    if (matched[j + length - 1] !== start + length - 1) continue;
    // Raw index j maps to item position positions[n - 1 - j]; the glyph spans downwards from it.
    const hi = positions[n - 1 - j] ?? 0;
    const lo = positions[n - j - length] ?? 0;
    const span = chars.slice(lo, hi + 1).reverse();
    chars.splice(lo, span.length, ...span);
    j += length - 1;
  }
  return chars.join("");
}

const LEADING_MARKS = /^\p{M}+/u;
// Hebrew and Arabic marks ending a left-to-right item ("80ً") after a character they cannot sit on.
const TRAILING_RTL_MARKS =
  /(?<![\u0590-\u08ff\ufb1d-\ufefc])[\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+$/u;

/**
 * pdf.js appends a zero-width diacritic that opens a new text object to the *previous* item (it
 * skips its position check for diacritics). In visual order a word's final mark (tanween: مديناً)
 * is its first glyph, so the mark lands on the item before: leading the string once a
 * right-to-left item is reversed, trailing a left-to-right one ("80ً"). Either way it goes back to
 * the end of the next right-to-left item, the word it was drawn with.
 */
export function reattachStrandedMarks(items: readonly BidiItem[], strs: string[]): string[] {
  const out = [...strs];
  for (let i = 0; i + 1 < out.length; i++) {
    if (items[i + 1]?.dir !== "rtl") continue;
    const str = out[i] ?? "";
    const rtl = items[i]?.dir === "rtl";
    const marks = (rtl ? LEADING_MARKS : TRAILING_RTL_MARKS).exec(str)?.[0];
    if (!marks || marks.length === str.length) continue;
    out[i] = rtl ? str.slice(marks.length) : str.slice(0, str.length - marks.length);
    out[i + 1] = (out[i + 1] ?? "") + marks;
  }
  return out;
}
