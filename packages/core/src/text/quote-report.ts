/**
 * Turns aligned pieces of a quote into what a reader is shown: the spans in the original, what
 * normalization forgave, and every difference that may change meaning, with its offsets on both
 * sides. Internal to quote matching (see quote.ts for the rules).
 */
import type { AlignStep } from "./align";
import type { PreparedDocument } from "./document";
import { explainGapFolds, explainTokenFolds, type FoldKind } from "./fold-explain";
import { countNegations, hasDigit, isNegation } from "./negation";
import type { Token } from "./normalize";
import type { TextSpan } from "./text-quality";

export type DifferenceKind = "negation" | "number" | "word" | "missing" | "extra" | "splice";

/** A matched span: UTF-16 offsets in the original document and in the quote. */
export interface MatchedSpan {
  start: number;
  end: number;
  quoteStart: number;
  quoteEnd: number;
}

/**
 * One difference. `original`/`start`/`end` are the document's side (empty and zero-width when the
 * quote adds words), `quote`/`quoteStart`/`quoteEnd` the quote's (empty when it lacks words).
 * `damaged` is present when the archived text is damaged there (damage.ts): the UTF-16 range of
 * the damage it touches, in the original; such a difference cannot show that the quote is altered.
 * `ocr` is true when the quote was read by OCR and both sides have the same skeleton (the same
 * letters but for dots, hamza, punctuation and lookalike glyphs: ocr-skeleton.ts): the engine may
 * have misread the original's words, so this difference cannot show it either.
 */
export interface QuoteDifference extends MatchedSpan {
  kind: DifferenceKind;
  quote: string;
  original: string;
  damaged?: { start: number; end: number };
  ocr?: boolean;
}

export interface QuoteTokens {
  text: string;
  tokens: Token[];
  /** Token index ranges [start, end) of the ellipsis fragments. */
  fragments: [number, number][];
}

/** A run of the quote placed in the document; `fragment` is its ellipsis fragment. */
export interface Piece {
  steps: AlignStep[];
  fragment: number;
  spliced: boolean;
}

export function isMatch(s: AlignStep, q: QuoteTokens, doc: PreparedDocument): boolean {
  return s.q >= 0 && s.d >= 0 && q.tokens[s.q]!.norm === doc.tokens[s.d]!.norm;
}

/** The document token range a piece covers, or undefined if it has no document token. */
export function docRange(piece: Piece): [number, number] | undefined {
  const ds = piece.steps.filter((s) => s.d >= 0);
  return ds.length > 0 ? [ds[0]!.d, ds[ds.length - 1]!.d + 1] : undefined;
}

export function pieceSpan(piece: Piece, q: QuoteTokens, doc: PreparedDocument): MatchedSpan {
  const [ds, de] = docRange(piece)!;
  const qs = piece.steps.filter((s) => s.q >= 0);
  return {
    start: doc.tokens[ds]!.start,
    end: doc.tokens[de - 1]!.end,
    quoteStart: q.tokens[qs[0]!.q]!.start,
    quoteEnd: q.tokens[qs[qs.length - 1]!.q]!.end,
  };
}

/** Text and offsets of a token range on one side; zero-width at `at` when the range is empty. */
function side(text: string, tokens: readonly Token[], idx: number[], at: number): [string, number, number] {
  if (idx.length === 0) return ["", at, at];
  const start = tokens[idx[0]!]!.start;
  const end = tokens[idx[idx.length - 1]!]!.end;
  return [text.slice(start, end), start, end];
}

/** Builds the difference for quote tokens `qi` against document tokens `di` (either may be empty). */
export function difference(
  q: QuoteTokens,
  doc: PreparedDocument,
  qi: number[],
  di: number[],
  at: { doc: number; quote: number },
  kind?: DifferenceKind,
): QuoteDifference {
  const qn = qi.map((i) => q.tokens[i]!.norm);
  const dn = di.map((i) => doc.tokens[i]!.norm);
  kind ??=
    countNegations(qn) !== countNegations(dn)
      ? "negation"
      : qn.some(hasDigit) || dn.some(hasDigit)
        ? "number"
        : qn.length === 0
          ? "missing"
          : dn.length === 0
            ? "extra"
            : "word";
  const [quote, quoteStart, quoteEnd] = side(q.text, q.tokens, qi, at.quote);
  const [original, start, end] = side(doc.text, doc.tokens, di, at.doc);
  return { kind, quote, original, start, end, quoteStart, quoteEnd };
}

/**
 * Differences inside one piece: each maximal run of unmatched steps. A zero-width side sits after
 * the piece's last matched token, or before its next one; a piece placed nowhere in the document
 * has its words reported as extra at `docAt` (the end of the piece before it).
 */
export function pieceDifferences(
  piece: Piece,
  q: QuoteTokens,
  doc: PreparedDocument,
  out: QuoteDifference[],
  docAt: number,
  folded: Set<FoldKind>,
): void {
  let qi: number[] = [];
  let di: number[] = [];
  let at: { doc: number; quote: number } | undefined;
  const flush = (next: AlignStep | undefined): void => {
    if (qi.length + di.length === 0) return;
    if (isRespaced(qi, di, q, doc)) {
      explainRespacing(qi, di, q, doc, folded);
      qi = [];
      di = [];
      return;
    }
    const where =
      at ??
      (next ? { doc: doc.tokens[next.d]!.start, quote: q.tokens[next.q]!.start } : { doc: docAt, quote: 0 });
    out.push(difference(q, doc, qi, di, where));
    qi = [];
    di = [];
  };
  for (const s of piece.steps) {
    if (isMatch(s, q, doc)) {
      flush(s);
      at = { doc: doc.tokens[s.d]!.end, quote: q.tokens[s.q]!.end };
    } else {
      if (s.q >= 0) qi.push(s.q);
      if (s.d >= 0) di.push(s.d);
    }
  }
  flush(undefined);
}

/**
 * Whether quote tokens `qi` and document tokens `di` are the same letters with the word breaks
 * elsewhere: PDF copy tools move spaces and split words at glyph gaps ("أبريل" → "أبر يل"), and a
 * stray bidi mark inside a word splits it since norm-2. Not when a number is involved ("15 00" is
 * not "1500"), nor when a Latin negation appears or disappears between two readings that are both
 * words: "not able" is not "notable", "now here" is not "nowhere". A quote that splits a word into
 * a piece that is no word of the text reads as nothing else, negation-like piece or not ("no
 * vembre", "Ju ne", "jama is", "au cun": PDF spacing, 4 of 250 genuine 4–8-word quotes called
 * altered). What is a word: a negation, or a word of the text's own vocabulary (no dictionary in
 * core), so a quote "not able" stays altered wherever the text has "able". An Arabic particle written joined ("لايمكن")
 * reads the same as written apart.
 */
export function isRespaced(qi: number[], di: number[], q: QuoteTokens, doc: PreparedDocument): boolean {
  if (qi.length === 0 || di.length === 0 || qi.length + di.length < 3) return false;
  const qn = qi.map((i) => q.tokens[i]!.norm);
  const dn = di.map((i) => doc.tokens[i]!.norm);
  if (qn.join("") !== dn.join("")) return false;
  if (qn.some(hasDigit) || dn.some(hasDigit)) return false;
  const latinNegations = (ns: string[]): number =>
    ns.filter((n) => isNegation(n) && /^[a-z]+$/.test(n)).length;
  if (latinNegations(qn) === latinNegations(dn)) return true; // "no body" is "nobody"
  return qn.length > dn.length && qn.some((n) => !isNegation(n) && !doc.positions.has(n));
}

/** The raw text from the first to the last token of `idx`. */
const rawRange = (text: string, tokens: readonly Token[], idx: number[]): string =>
  text.slice(tokens[idx[0]!]!.start, tokens[idx[idx.length - 1]!]!.end);

/** What a respaced run forgave: the spacing (or punctuation) itself, and its letters' folds. */
function explainRespacing(
  qi: number[],
  di: number[],
  q: QuoteTokens,
  doc: PreparedDocument,
  folded: Set<FoldKind>,
): void {
  const a = rawRange(q.text, q.tokens, qi);
  const b = rawRange(doc.text, doc.tokens, di);
  explainTokenFolds(a, b, folded);
  const breaks = (raw: string): string =>
    [...raw].filter((c) => /[\p{White_Space}\p{P}\p{S}\p{Cf}]/u.test(c)).join("");
  const [ba, bb] = [breaks(a), breaks(b)];
  if (ba === bb)
    folded.add("whitespace"); // the same breaks, between other letters: a space moved
  else explainGapFolds(ba, bb, folded);
}

const SEPARATORS = /[.,\u060C\u066B\u066C]/gu;
const SEPARATOR_MAP: Record<string, string> = { "\u060C": ",", "\u066B": ".", "\u066C": "," };

/** The decimal and thousands separators of a gap, Arabic ones written as their Latin equivalents. */
function separators(gap: string): string {
  return (gap.match(SEPARATORS) ?? []).map((c) => SEPARATOR_MAP[c] ?? c).join("");
}

/**
 * Adds what was folded between the matched tokens of a piece and, where two adjacent numbers are
 * joined by different separators ("1,500" quoted as "1.500"), a "number" difference: the tokens
 * are equal, the number may not be.
 */
export function compareMatches(
  piece: Piece,
  q: QuoteTokens,
  doc: PreparedDocument,
  folded: Set<FoldKind>,
  out: QuoteDifference[],
): void {
  let prev: AlignStep | undefined;
  for (const s of piece.steps) {
    if (!isMatch(s, q, doc)) {
      prev = undefined;
      continue;
    }
    const qt = q.tokens[s.q]!;
    const dt = doc.tokens[s.d]!;
    explainTokenFolds(q.text.slice(qt.start, qt.end), doc.text.slice(dt.start, dt.end), folded);
    if (prev && prev.q === s.q - 1 && prev.d === s.d - 1) {
      const qp = q.tokens[prev.q]!;
      const dp = doc.tokens[prev.d]!;
      const qGap = q.text.slice(qp.end, qt.start);
      const dGap = doc.text.slice(dp.end, dt.start);
      explainGapFolds(qGap, dGap, folded);
      if (hasDigit(qt.norm) && hasDigit(qp.norm) && separators(qGap) !== separators(dGap)) {
        out.push(difference(q, doc, [prev.q, s.q], [prev.d, s.d], { doc: 0, quote: 0 }, "number"));
      }
    }
    prev = s;
  }
}

/**
 * A quote that starts right after a negation of the original ("يمكن أن …" cut from "لا يمكن أن …",
 * "acceptable" cut from "not acceptable") says the opposite with the original's own words. The
 * negation counts when only spaces or invisible characters separate it from the quoted words.
 */
export function negationBefore(
  first: number,
  quoteAt: number,
  doc: PreparedDocument,
): QuoteDifference | undefined {
  const prev = doc.tokens[first - 1];
  if (!prev || !isNegation(prev.norm)) return undefined;
  if (!/^[\p{White_Space}\p{Cf}]*$/u.test(doc.text.slice(prev.end, doc.tokens[first]!.start)))
    return undefined;
  const original = doc.text.slice(prev.start, prev.end);
  return {
    kind: "negation",
    quote: "",
    original,
    start: prev.start,
    end: prev.end,
    quoteStart: quoteAt,
    quoteEnd: quoteAt,
  };
}

/** How close to the edge of an omission a negation must be to count (see omissionNegations). */
const OMISSION_EDGE = 2;

/**
 * An ellipsis must not hide a negation that governs the quoted words: negations among the first or
 * last OMISSION_EDGE words of an omission [from, to) are differences; deeper ones are left alone,
 * since leaving out whole clauses is what an ellipsis is for.
 */
export function omissionNegations(
  from: number,
  to: number,
  quoteAt: number,
  doc: PreparedDocument,
  out: QuoteDifference[],
): void {
  const edges = new Set<number>();
  for (let k = 0; k < OMISSION_EDGE; k++) edges.add(from + k).add(to - 1 - k);
  for (const i of [...edges].filter((i) => i >= from && i < to).sort((a, b) => a - b)) {
    const t = doc.tokens[i]!;
    if (!isNegation(t.norm)) continue;
    const original = doc.text.slice(t.start, t.end);
    out.push({
      kind: "negation",
      quote: "",
      original,
      start: t.start,
      end: t.end,
      quoteStart: quoteAt,
      quoteEnd: quoteAt,
    });
  }
}

export type QuoteVerdict = "verbatim" | "same-words" | "abridged" | "uncertain" | "altered" | "not-found";

export interface MatchOptions {
  /** Where the document's text is damaged (TextQuality.damaged of its record): UTF-16 [start, end). */
  damaged?: readonly TextSpan[];
  /**
   * The quote was read by OCR (a screenshot, issue #18): differences that OCR confusions explain
   * make it "uncertain" with `ocr` on each, never "altered" (ocr-verdict.ts).
   */
  ocr?: boolean;
  /**
   * With `ocr`: where in the quote the engine was unsure of what it read (its low-confidence
   * words), UTF-16 [start, end). A number read differently there is uncertain too: tesseract
   * misreads Arabic-Indic digits and reverses their order, and then says so by its confidence.
   */
  ocrUnsure?: readonly TextSpan[];
}

export interface QuoteMatch {
  verdict: QuoteVerdict;
  /** The normalization the comparison used (its id goes into signed records). */
  normalization: string;
  /** Where the quote's parts are in the original, in quote order. */
  fragments: MatchedSpan[];
  /** What normalization forgave, in a fixed order. */
  folded: FoldKind[];
  differences: QuoteDifference[];
}
