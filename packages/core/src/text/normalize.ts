/**
 * Text normalization "isnad-norm-1": the folding applied identically to an archived text and to a
 * quote (DESIGN.md, "Quote verification: what is known"). Its id goes into signed records, so any
 * change of behaviour below needs a new NORMALIZATION_VERSION.
 *
 * Per code point, in this order:
 * 1. invisible format characters (general category Cf: ZWJ/ZWNJ, LRM/RLM, ALM U+061C, bidi
 *    controls U+202A–202E and U+2066–2069, BOM, soft hyphen, word joiner …) and tatweel U+0640
 *    are removed; they join, not split, what surrounds them. ZERO WIDTH SPACE U+200B is the one
 *    Cf that separates words, so it is a boundary.
 * 2. whitespace, controls, lone surrogates, punctuation (P*) and symbols (S*) — all quotation marks,
 *    the Arabic comma, semicolon, question mark and full stop, guillemets — are token boundaries.
 *    So is U+02BC MODIFIER LETTER APOSTROPHE, which word processors substitute for ’.
 * 3. NFKD (folds presentation forms such as ﻻ and ﷲ, ligatures, full-width forms), then
 *    toLowerCase (locale-independent, per character), then NFKD again.
 * 4. combining marks (Mn and Me: tashkeel U+064B–U+065F, superscript alef U+0670, Latin accents)
 *    are dropped, except HAMZA ABOVE U+0654 after و or ي, which makes the pair ء: NFKD splits
 *    ؤ and ئ that way, and folding them to ء must not depend on whether the text was precomposed.
 *    أ إ آ lose their mark and become ا; ٱ → ا; ى ی → ي; ک → ك; ة → ه; Arabic-Indic U+0660–0669
 *    and Persian U+06F0–06F9 digits → 0–9.
 * Nothing is stemmed, no stop-word dropped, no clitic split. Intl.Segmenter is not used: its
 * results follow the ICU version. Results depend only on Unicode data that the stability policy
 * freezes for assigned characters (decompositions, and in practice P/S/Cf/Mn categories).
 *
 * Numbers: digits are letters like any other and every separator is punctuation, so "80" and "٨٠"
 * are one token "80", while "1,000", "1.000" and "1 000" are the two tokens "1" "000" and "1.5" is
 * "1" "5". A changed digit always changes a token; quote.ts compares the separators themselves.
 */
import { sha256Hex } from "../sha256";
import { utf8 } from "../bytes";

export const NORMALIZATION_VERSION = "isnad-norm-1";

/** A word of the original text: its folded form and its UTF-16 offsets in the original. */
export interface Token {
  norm: string;
  start: number;
  end: number;
}

/** Marks a token boundary inside a folded code point (never part of a norm). */
export const BOUNDARY = " ";
/** Kept from NFKD as an instruction: turns a preceding و or ي into ء. */
export const HAMZA_ABOVE = "\u0654";

/**
 * The folded form of one code point. `out` holds letters, BOUNDARY and HAMZA_ABOVE; `mark` says that
 * a code point with an empty `out` is a combining mark, which extends the open token's `end` so
 * that a highlighted word keeps its diacritics.
 */
export interface FoldedCodePoint {
  out: string;
  mark: boolean;
}

const IS_MARK = /^[\p{Mn}\p{Me}]$/u;
const IS_REMOVED = /^[\p{Cf}\u0640]$/u;
const IS_BOUNDARY = /^[\p{White_Space}\p{P}\p{S}\p{Cc}\p{Cs}\u200B\u02BC]$/u;

const LETTER_MAP = new Map<string, string>([
  ["\u0671", "\u0627"], // ٱ alef wasla → ا (أ إ آ reach ا through NFKD and mark removal)
  ["\u0649", "\u064A"], // ى alef maksura → ي
  ["\u06CC", "\u064A"], // ی Farsi yeh → ي
  ["\u06A9", "\u0643"], // ک keheh → ك
  ["\u0629", "\u0647"], // ة ta marbuta → ه
]);
for (let d = 0; d < 10; d++) {
  LETTER_MAP.set(String.fromCharCode(0x0660 + d), String(d));
  LETTER_MAP.set(String.fromCharCode(0x06f0 + d), String(d));
}

function foldUncached(ch: string): FoldedCodePoint {
  // ZWSP is Cf but separates words, so the boundary test comes first.
  if (IS_BOUNDARY.test(ch)) return { out: BOUNDARY, mark: false };
  if (IS_REMOVED.test(ch)) return { out: "", mark: false };
  let out = "";
  for (const d of ch.normalize("NFKD")) {
    if (d === HAMZA_ABOVE) {
      out += HAMZA_ABOVE;
      continue;
    }
    for (const c of d.toLowerCase().normalize("NFKD")) {
      if (IS_MARK.test(c) || IS_REMOVED.test(c)) continue;
      out += IS_BOUNDARY.test(c) ? BOUNDARY : (LETTER_MAP.get(c) ?? c);
    }
  }
  return { out, mark: out === "" && IS_MARK.test(ch) };
}

const bmpCache: (FoldedCodePoint | undefined)[] = new Array<FoldedCodePoint | undefined>(0x10000);
const astralCache = new Map<number, FoldedCodePoint>();

/** The folding of one code point (cached: texts use few distinct characters). */
export function foldCodePoint(cp: number): FoldedCodePoint {
  if (cp < 0x10000) return (bmpCache[cp] ??= foldUncached(String.fromCharCode(cp)));
  let f = astralCache.get(cp);
  if (!f) astralCache.set(cp, (f = foldUncached(String.fromCodePoint(cp))));
  return f;
}

/** Splits `text` into folded tokens with offsets into the original (see the module comment). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let norm = "";
  let start = 0;
  let end = 0;
  const flush = (): void => {
    if (norm !== "") tokens.push({ norm, start, end });
    norm = "";
  };
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!; // a lone surrogate comes back as itself
    const next = i + (cp > 0xffff ? 2 : 1);
    const f = foldCodePoint(cp);
    if (f.mark && norm !== "") end = next;
    for (const ch of f.out) {
      if (ch === BOUNDARY) {
        flush();
      } else if (ch === HAMZA_ABOVE) {
        if (norm === "") continue;
        const last = norm[norm.length - 1];
        if (last === "\u0648" || last === "\u064A") norm = norm.slice(0, -1) + "\u0621";
        end = next;
      } else {
        if (norm === "") start = i;
        norm += ch;
        end = next;
      }
    }
    i = next;
  }
  flush();
  return tokens;
}

/** The normalized text: the tokens' folded forms joined by single spaces. */
export function normalizeText(text: string): string {
  return tokenize(text)
    .map((t) => t.norm)
    .join(" ");
}

/** The versioned fingerprint of a text: SHA-256 (hex) of its normalized UTF-8. */
export function fingerprintText(text: string): { normalization: string; sha256: string } {
  return { normalization: NORMALIZATION_VERSION, sha256: sha256Hex(utf8(normalizeText(text))) };
}
