/**
 * OCR-tolerant verdicts (issue #18): a quote read from a screenshot by OCR carries the engine's own
 * errors — dots lost or added, ة for ه, the Arabic comma read as a ء glued to the word, rn for m —
 * and tesseract's word confidences do not flag them. Under `matchQuote(…, { ocr: true })`:
 * - while aligning, a quote word OCR may have made of the original's word counts as matched, so
 *   that the place where only such readings differ wins, and a screenshot full of them is found;
 * - a difference whose two sides are such a reading is marked `ocr`: it cannot show that the
 *   quote is altered, so a quote whose every difference is so marked (or on damaged text) is
 *   "uncertain", never "altered". A different word, number or negation stays a difference that
 *   makes the quote altered, naming the word.
 *
 * What OCR may make of a word (isOcrReading):
 * - the same skeleton (ocr-skeleton.ts: the rasm without dots and hamza, lookalike glyphs,
 *   punctuation left out): a confusion;
 * - or one measured shape confusion (NEAR_SHAPES) in a word of at least NEAR_MIN skeleton letters
 *   — an extra tooth ("الائنتلاف"), medial ه read as a tooth ("شبيدا" for "شهيدا"), ل read as
 *   an alef — provided that neither side has a digit (a number keeps every digit) and both have
 *   the same negations;
 * - or a stray mark of at most one letter shape read where the original has nothing.
 * A one-word fabrication replaces a word by another, which differs in other shapes or in more of
 * them; a word one measured shape away from the original is the limit: it reads "uncertain".
 */
import type { AlignStep } from "./align";
import type { PreparedDocument } from "./document";
import { countNegations, hasDigit } from "./negation";
import { tokenize } from "./normalize";
import { ocrSkeleton } from "./ocr-skeleton";
import type { QuoteDifference, QuoteTokens } from "./quote-report";
import type { TextSpan } from "./text-quality";

/** Skeleton letters a word needs before one differing shape is forgiven. */
export const NEAR_MIN = 4;
/** Longest skeleton compared by edit distance (a difference longer than this is no OCR slip). */
const NEAR_MAX = 64;

/**
 * The shapes tesseract 5.3 (ara) read one for another beyond the rasm, measured on Chromium renders
 * of the seed in Amiri, Noto Naskh Arabic and DejaVu Sans (skeleton letters; "" is a shape read
 * from nothing or lost): an extra or lost tooth, medial ه and م read as a tooth, initial ف as غ,
 * a lost stroke (the lam of Amiri's stacked lam–mim and lam–jim ligatures: "امجتمع" for
 * "المجتمع"), the article ال lost before them ("مجلس" for "المجلس"), a final ة read with an
 * extra ه.
 */
const NEAR_SHAPES: ReadonlySet<string> = new Set(
  [
    ["ٮ", ""],
    ["ه", "ٮ"],
    ["م", "ٮ"],
    ["ڡ", "ع"],
    ["|", ""],
    ["||", ""],
    ["ه", ""],
  ].flatMap(([x, y]) => [`${x}>${y}`, `${y}>${x}`]),
);

/**
 * A final ي lost or added, in a word of any length: Amiri stacks it under the letter before ("في"
 * read as "ف", measured), and a word that differs from another only by it is the same word with a
 * suffix at most, never another number or negation (those are checked apart).
 */
const FINAL_YEH: ReadonlySet<string> = new Set(["ى>", ">ى"]);

/** The one contiguous edit that turns `a` into `b`, as "x>y" (the parts between their common prefix and suffix). */
function oneEdit(a: string, b: string): string {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return `${a.slice(p, a.length - s)}>${b.slice(p, b.length - s)}`;
}

/** Folded tokens of a side, for its numbers and negations. */
const norms = (text: string): string[] => tokenize(text).map((t) => t.norm);

/**
 * Whether OCR may have read `original` as `read` (see the module comment); `skeleton` lets a
 * caller pass a cache.
 */
export function isOcrReading(
  read: string,
  original: string,
  skeleton: (text: string) => string = ocrSkeleton,
): boolean {
  const [a, b] = [skeleton(read), skeleton(original)];
  if (a === b) return true;
  if (b === "") return a.length <= 1 && countNegations(norms(read)) === 0;
  if (a === "" || Math.max(a.length, b.length) > NEAR_MAX) return false;
  const edit = oneEdit(b, a);
  if (!NEAR_SHAPES.has(edit) && !FINAL_YEH.has(edit)) return false;
  if (Math.min(a.length, b.length) < NEAR_MIN && !FINAL_YEH.has(edit)) return false;
  const [rn, on] = [norms(read), norms(original)];
  return !rn.some(hasDigit) && !on.some(hasDigit) && countNegations(rn) === countNegations(on);
}

/** Skeletons of the words seen during one match, by their written form, and where OCR was unsure. */
export class OcrSkeletons {
  private readonly cache = new Map<string, string>();

  constructor(readonly unsure: readonly TextSpan[] = []) {}

  /**
   * Whether [start, end] of the quote touches unsure words; a zero-width side (a number not read)
   * looks one character further either way, across the space to what was read instead ("©" for ٣).
   */
  isUnsure(start: number, end: number): boolean {
    const [from, to] = start === end ? [start - 1, end + 1] : [start, end];
    return this.unsure.some(([s, e]) => s <= to && e >= from);
  }

  readonly of = (raw: string): string => {
    let s = this.cache.get(raw);
    if (s === undefined) this.cache.set(raw, (s = ocrSkeleton(raw)));
    return s;
  };

  /** Whether an alignment step pairs a quote word with an original word OCR may have read as it. */
  isReading(s: AlignStep, q: QuoteTokens, doc: PreparedDocument): boolean {
    if (s.q < 0 || s.d < 0) return false;
    const qt = q.tokens[s.q]!;
    const dt = doc.tokens[s.d]!;
    return isOcrReading(q.text.slice(qt.start, qt.end), doc.text.slice(dt.start, dt.end), this.of);
  }
}

/**
 * Marks `ocr: true` on each difference OCR may have made (see the module comment), and on a number
 * read differently where the engine was unsure of its reading (MatchOptions.ocrUnsure) — one
 * number for one (or for nothing): a difference of more words that holds a number is no misread
 * number (a fabricated sentence on a line of its own was aligned against the original's next
 * sentence, which held "٨٠", and one unsure word in it had made all of it "uncertain").
 */
export function markOcr(differences: QuoteDifference[], skeletons: OcrSkeletons): void {
  for (const d of differences) {
    if (d.kind === "splice") continue;
    if (isOcrReadingByWords(d.quote, d.original, skeletons.of)) d.ocr = true;
    else if (d.kind === "number" && isOneNumber(d) && skeletons.isUnsure(d.quoteStart, d.quoteEnd))
      d.ocr = true;
  }
}

/**
 * isOcrReading for a difference of several words: word by word when both sides have as many, so
 * that a short word changed among misread ones ("له" for "أنه" beside "ظرف بفترض" for "طرف
 * يفترض") is not forgiven as one shape confusion in a long skeleton; as a whole otherwise (OCR
 * lost or added a space).
 */
function isOcrReadingByWords(read: string, original: string, skeleton: (text: string) => string): boolean {
  const [rw, ow] = [tokenize(read), tokenize(original)];
  if (rw.length > 1 && rw.length === ow.length)
    return rw.every((t, i) =>
      isOcrReading(read.slice(t.start, t.end), original.slice(ow[i]!.start, ow[i]!.end), skeleton),
    );
  return isOcrReading(read, original, skeleton);
}

/** Whether each side of a difference is at most one token. */
const isOneNumber = (d: QuoteDifference): boolean =>
  tokenize(d.quote).length <= 1 && tokenize(d.original).length <= 1;

const LETTER_OF: Record<string, string> = { "0": "o", "1": "l" };
const DIGIT_OF: Record<string, string> = { o: "0", O: "0", l: "1", I: "1" };

/**
 * The quote read again with OCR's digit–letter lookalikes put back (quote.ts tries it as another
 * reading): a digit is a token boundary next to a letter (normalize.ts), so "counci1" and "fu11"
 * would split into words that match nothing. In a run of Latin letters and digits, lookalike digits
 * become letters when the run has other letters ("fu11" → "full"), and lookalike letters become
 * digits when the run's other characters are all digits ("2O15" → "2015"). One UTF-16 unit for
 * one, so every offset stays right.
 */
export function ocrRespell(text: string): string {
  return text.replace(/[0-9A-Za-z]+/g, (run) => {
    if (!/[0-9]/.test(run)) return run;
    if (/[A-Za-z]/.test(run.replace(/[oOlI]/g, ""))) return run.replace(/[01]/g, (c) => LETTER_OF[c]!);
    return run.replace(/[oOlI]/g, (c) => DIGIT_OF[c]!);
  });
}
