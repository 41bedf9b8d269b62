/**
 * Quote cases for `npm run bench -- quote-fidelity` (issue #12, Done when): genuine quotes changed
 * the way copying changes them, and misquotes changed the way meaning is changed, all generated
 * from a seeded PRNG over the corpus (tests/corpus/quotes, seeds/). Nothing is picked by hand: a
 * case is only redrawn when it is not what its class says (a "misquote" that happens to occur in
 * the text verbatim, a window without a number for the number class).
 */
import { normalizeText, tokenize, isNegation, type Token } from "@isnad/core";

/** mulberry32: small, seeded, good enough to draw cases. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CorpusText {
  name: string;
  text: string;
  tokens: Token[];
  arabic: boolean;
  /** " norm norm … " for containment checks. */
  norm: string;
}

export function corpusText(name: string, text: string): CorpusText {
  return {
    name,
    text,
    tokens: tokenize(text),
    arabic: /\p{Script=Arabic}/u.test(text),
    norm: ` ${normalizeText(text)} `,
  };
}

export type Expect = "authentic" | "altered" | "not-altered";

export interface QuoteCase {
  cls: string;
  doc: CorpusText;
  quote: string;
  /** The words the quote stands for in the original: [start, end) UTF-16. */
  start: number;
  end: number;
  expect: Expect;
  /** For misquotes: where the change is in the original, and in the quote (a difference must touch either). */
  changeAt?: [number, number];
  changeInQuote?: [number, number];
  words: number;
  /** Damaged spans of the document (class "damaged"). */
  damaged?: [number, number][];
  /** The document as archived, when it differs from doc.text (class "damaged"). */
  archived?: string;
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

interface Window {
  from: number;
  to: number;
}

/**
 * A window of min–max words. A genuine quote never starts right after a negation of the original:
 * "member of staff was injured" cut from "no member of staff was injured" says the opposite, and
 * matchQuote rightly calls it altered (quote.ts), so such a window is a misquote, not a genuine one.
 */
function window(
  r: Rand,
  doc: CorpusText,
  min: number,
  max: number,
  must?: (t: Token) => boolean,
  genuine = false,
): Window {
  for (;;) {
    const len = int(r, min, max);
    const from = int(r, 0, doc.tokens.length - len);
    const to = from + len;
    const before = doc.tokens[from - 1];
    if (genuine && before && isNegation(before.norm)) continue;
    if (!must || doc.tokens.slice(from, to).some(must)) return { from, to };
  }
}

const raw = (doc: CorpusText, w: Window): string =>
  doc.text.slice(doc.tokens[w.from]!.start, doc.tokens[w.to - 1]!.end);
const inText = (doc: CorpusText, quote: string): boolean => doc.norm.includes(` ${normalizeText(quote)} `);

/** Replaces token k of window w (in the raw quote) by `by`. */
function replaceToken(doc: CorpusText, w: Window, k: number, by: string): string {
  const base = doc.tokens[w.from]!.start;
  const t = doc.tokens[k]!;
  const q = raw(doc, w);
  return q.slice(0, t.start - base) + by + q.slice(t.end - base);
}

// ——— benign edits: each returns the quote as a copy would give it ———

const HARAKAT = [..."\u064E\u064F\u0650\u0651\u0652\u064B\u064C\u064D"];
const VARIANTS: Record<string, string[]> = {
  ا: ["أ", "إ", "آ", "ٱ"],
  أ: ["ا", "إ"],
  إ: ["ا", "أ"],
  ي: ["ى", "ی"],
  ى: ["ي"],
  ة: ["ه"],
  ه: ["ة"],
  ك: ["ک"],
};
const AR_DIGITS = "٠١٢٣٤٥٦٧٨٩";

function tashkeel(r: Rand, q: string, arabic: boolean): string {
  if (!arabic)
    return q
      .normalize("NFD")
      .replace(/\p{Mn}/gu, (m) => (r() < 0.5 ? "" : m))
      .normalize("NFC");
  return [...q]
    .map((c) => (/\p{Script=Arabic}/u.test(c) && /\p{L}/u.test(c) && r() < 0.4 ? c + pick(r, HARAKAT) : c))
    .join("");
}

function letterVariants(r: Rand, q: string, arabic: boolean): string {
  if (!arabic)
    return [...q]
      .map((c) => (r() < 0.3 ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c))
      .join("");
  return [...q].map((c) => (VARIANTS[c] && r() < 0.5 ? pick(r, VARIANTS[c]) : c)).join("");
}

function digits(_r: Rand, q: string): string {
  return /[0-9]/.test(q)
    ? q.replace(/[0-9]/g, (d) => AR_DIGITS[Number(d)]!)
    : q.replace(/[٠-٩]/g, (d) => String(AR_DIGITS.indexOf(d)));
}

function punctuation(r: Rand, q: string, arabic: boolean): string {
  const marks = arabic ? ["،", "«", "»", "؛", '"', "."] : [",", "“", "”", '"', ";", "'"];
  return q
    .replace(/ /g, () => (r() < 0.3 ? `${pick(r, marks)} ` : r() < 0.1 ? ` ${pick(r, marks)}` : " "))
    .replace(/(?<![0-9٠-٩] ?)[،,.;؛](?! ?[0-9٠-٩])/gu, (p) => (r() < 0.5 ? "" : p)); // never next to a number: separators of numbers are compared
}

function bidiMarks(r: Rand, q: string): string {
  const marks = ["\u200E", "\u200F", "\u061C", "\u202B", "\u202C", "\u2067", "\u2069"];
  return q.replace(/ /g, () => (r() < 0.5 ? pick(r, [" " + pick(r, marks), pick(r, marks) + " "]) : " "));
}

function lineBreaks(r: Rand, q: string): string {
  return q.replace(/ /g, () => pick(r, [" ", "\n", "  ", "\u00A0", " \n", "\r\n"]));
}

/** What poppler's pdftotext gives: numbers in LRE…PDF with the space moved inside, lines in RLE…PDF. */
function pdftotextCopy(_r: Rand, q: string, arabic: boolean): string {
  const wrapped = q.replace(/ ?([0-9٠-٩]+(?:[.,٫٬][0-9٠-٩]+)*) ?/gu, (_m, n: string) => ` \u202A ${n}\u202C`);
  return arabic ? `\u202B${wrapped.trim()}\u202C` : wrapped.trim();
}

/** PDF glyph positioning: one word of ≥ 4 letters split by a space, as copy tools give it. */
function splitWord(r: Rand, q: string): string {
  const words = [...q.matchAll(/\p{L}{4,}/gu)];
  if (words.length === 0) return q;
  const w = pick(r, words);
  const at = w.index + int(r, 2, w[0].length - 2);
  return q.slice(0, at) + " " + q.slice(at);
}

export const BENIGN: Record<string, (r: Rand, q: string, arabic: boolean) => string> = {
  "tashkeel / accents": tashkeel,
  "letter variants / case": letterVariants,
  "digit forms": digits,
  punctuation,
  "bidi marks": bidiMarks,
  "line breaks, spaces": lineBreaks,
  "pdftotext-style copy": pdftotextCopy,
  "word split (PDF spacing)": splitWord,
};

export function benignCase(r: Rand, docs: CorpusText[], cls: string, min: number, max: number): QuoteCase {
  const doc = pick(r, docs);
  const needsDigit = cls === "digit forms" || cls === "pdftotext-style copy";
  const w = window(r, doc, min, max, needsDigit && r() < 0.7 ? (t) => /[0-9]/.test(t.norm) : undefined, true);
  const q = BENIGN[cls]!(r, raw(doc, w), doc.arabic);
  return {
    cls,
    doc,
    quote: q,
    start: doc.tokens[w.from]!.start,
    end: doc.tokens[w.to - 1]!.end,
    expect: "authentic",
    words: w.to - w.from,
  };
}

// ——— misquotes ———

const NEGATIONS_AR = ["لا", "لم", "لن", "ليس"];
const NEGATIONS_EN = ["not", "never"];
const NEGATIONS_FR = ["ne", "pas", "jamais"];

function negationsFor(doc: CorpusText): string[] {
  if (doc.arabic) return NEGATIONS_AR;
  return /\b(le|la|les|des|est)\b/u.test(doc.text) ? NEGATIONS_FR : NEGATIONS_EN;
}

type Mutation = (
  r: Rand,
  doc: CorpusText,
  w: Window,
) => { quote: string; at: [number, number]; inQuote?: [number, number] } | undefined;

/** A word of the same text, of another norm, not a negation and not a number. */
function otherWord(r: Rand, doc: CorpusText, not: string): string {
  for (;;) {
    const t = pick(r, doc.tokens);
    if (t.norm !== not && !isNegation(t.norm) && !/[0-9]/.test(t.norm) && t.norm.length > 1)
      return doc.text.slice(t.start, t.end);
  }
}

const substituteAt =
  (where: "start" | "middle" | "end" | "any"): Mutation =>
  (r, doc, w) => {
    const n = w.to - w.from;
    const k =
      w.from +
      (where === "start"
        ? 0
        : where === "end"
          ? n - 1
          : where === "middle"
            ? int(r, 1, n - 2)
            : int(r, 0, n - 1));
    const t = doc.tokens[k]!;
    return { quote: replaceToken(doc, w, k, otherWord(r, doc, t.norm)), at: [t.start, t.end] };
  };

const changeNumber: Mutation = (r, doc, w) => {
  const ks = [];
  for (let k = w.from; k < w.to; k++) if (/[0-9]/.test(doc.tokens[k]!.norm)) ks.push(k);
  if (ks.length === 0) return undefined;
  const k = pick(r, ks);
  const t = doc.tokens[k]!;
  const word = doc.text.slice(t.start, t.end);
  const idx = [...word].findIndex((c) => /[0-9٠-٩]/u.test(c));
  const chars = [...word];
  const arabicDigit = AR_DIGITS.includes(chars[idx]!);
  const value = arabicDigit ? AR_DIGITS.indexOf(chars[idx]!) : Number(chars[idx]);
  const next = (value + int(r, 1, 9)) % 10;
  chars[idx] = arabicDigit ? AR_DIGITS[next]! : String(next);
  return { quote: replaceToken(doc, w, k, chars.join("")), at: [t.start, t.end] };
};

const removeNegation: Mutation = (r, doc, w) => {
  const ks = [];
  for (let k = w.from; k < w.to; k++) if (isNegation(doc.tokens[k]!.norm)) ks.push(k);
  if (ks.length === 0) return undefined;
  const k = pick(r, ks);
  const t = doc.tokens[k]!;
  const base = doc.tokens[w.from]!.start;
  const q = raw(doc, w);
  // The word and the space after it (or before it, at the end).
  const [s, e] = k < w.to - 1 ? [t.start, doc.tokens[k + 1]!.start] : [doc.tokens[k - 1]!.end, t.end];
  return { quote: q.slice(0, s - base) + q.slice(e - base), at: [t.start, t.end] };
};

const addNegation: Mutation = (r, doc, w) => {
  const k = int(r, w.from + 1, w.to - 1);
  const t = doc.tokens[k]!;
  const base = doc.tokens[w.from]!.start;
  const q = raw(doc, w);
  const neg = pick(r, negationsFor(doc));
  const at = t.start - base;
  return {
    quote: `${q.slice(0, at)}${neg} ${q.slice(at)}`,
    at: [doc.tokens[k - 1]!.end, t.start],
    inQuote: [at, at + neg.length],
  };
};

const swapWords: Mutation = (r, doc, w) => {
  const k = int(r, w.from, w.to - 2);
  const [a, b] = [doc.tokens[k]!, doc.tokens[k + 1]!];
  if (a.norm === b.norm) return undefined;
  const base = doc.tokens[w.from]!.start;
  const q = raw(doc, w);
  const swapped =
    q.slice(0, a.start - base) +
    doc.text.slice(b.start, b.end) +
    doc.text.slice(a.end, b.start) +
    doc.text.slice(a.start, a.end) +
    q.slice(b.end - base);
  return { quote: swapped, at: [a.start, b.end], inQuote: [a.start - base, b.end - base] };
};

/** The window's first half joined, without an ellipsis, to words from ≥ 30 words away. */
const splice: Mutation = (r, doc, w) => {
  const n = w.to - w.from;
  const head = Math.max(2, Math.floor(n / 2));
  const tailLen = n - head;
  const far = int(r, 0, doc.tokens.length - tailLen);
  if (Math.abs(far - (w.from + head)) < 30) return undefined;
  const first = raw(doc, { from: w.from, to: w.from + head });
  const second = raw(doc, { from: far, to: far + tailLen });
  const cut = doc.tokens[w.from + head - 1]!.end;
  return { quote: `${first} ${second}`, at: [cut, cut], inQuote: [first.length, first.length + 1] };
};

export const MISQUOTES: Record<string, { mutate: Mutation; must?: (t: Token) => boolean }> = {
  "change at start": { mutate: substituteAt("start") },
  "change in the middle": { mutate: substituteAt("middle") },
  "change at end": { mutate: substituteAt("end") },
  "substituted word": { mutate: substituteAt("any") },
  "number changed": { mutate: changeNumber, must: (t) => /[0-9]/.test(t.norm) },
  "negation removed": { mutate: removeNegation, must: (t) => isNegation(t.norm) },
  "negation added": { mutate: addNegation },
  "swapped words": { mutate: swapWords },
  splice: { mutate: splice },
};

export function misquoteCase(r: Rand, docs: CorpusText[], cls: string, min: number, max: number): QuoteCase {
  const { mutate, must } = MISQUOTES[cls]!;
  for (;;) {
    const doc = pick(r, docs);
    if (must && !doc.tokens.some(must)) continue;
    const w = window(r, doc, min, max, must);
    const m = mutate(r, doc, w);
    if (!m || inText(doc, m.quote)) continue; // not a misquote after all: draw again
    return {
      cls,
      doc,
      quote: m.quote,
      start: doc.tokens[w.from]!.start,
      end: doc.tokens[w.to - 1]!.end,
      expect: "altered",
      changeAt: m.at,
      changeInQuote: m.inQuote,
      words: tokenize(m.quote).length,
    };
  }
}

/**
 * A genuine quote whose archived text was damaged by extraction in one of its words (glyphs lost,
 * a word split, a placeholder "#" or U+FFFD), with the damage reported as TextQuality would.
 */
export function damagedCase(r: Rand, docs: CorpusText[], min: number, max: number): QuoteCase {
  for (;;) {
    const doc = pick(r, docs);
    const w = window(r, doc, min, max, undefined, true);
    const k = int(r, w.from, w.to - 1);
    const t = doc.tokens[k]!;
    const word = doc.text.slice(t.start, t.end);
    if ([...word].length < 3 || /[0-9٠-٩]/u.test(word)) continue;
    const broken = pick(r, [
      () => word.slice(0, -1),
      () => `${word.slice(0, 2)} ${word.slice(2)}`,
      () => `${word.slice(0, 1)}#${word.slice(2)}`,
      () => `${word.slice(0, 1)}\uFFFD${word.slice(1)}`,
    ])();
    const archived = doc.text.slice(0, t.start) + broken + doc.text.slice(t.end);
    const shift = broken.length - word.length;
    const start = doc.tokens[w.from]!.start;
    const end = doc.tokens[w.to - 1]!.end + (k <= w.to - 1 ? shift : 0);
    return {
      cls: "genuine quote, damaged archive text",
      doc,
      quote: raw(doc, w),
      start,
      end,
      expect: "not-altered",
      words: w.to - w.from,
      damaged: [[t.start, t.start + broken.length]],
      archived,
    };
  }
}
