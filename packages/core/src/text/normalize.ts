/**
 * Text normalization "isnad-norm-2": the folding applied identically to an archived text and to a
 * quote (DESIGN.md, "Quote verification: what is known"). Its id goes into signed records, so any
 * change of behaviour below needs a new NORMALIZATION_VERSION; the older versions stay available
 * (`tokenize(text, "isnad-norm-1")`) so that a record's fingerprint can always be recomputed.
 *
 * Per code point, in this order:
 * 0. (norm-2) bidi controls — ALM U+061C, LRM/RLM U+200E/F, the embeddings and overrides
 *    U+202A–202E and the isolates U+2066–2069 — are token boundaries. Viewers built on poppler
 *    (pdftotext, Evince, Okular) wrap each number of a right-to-left line in LRE … PDF and move
 *    the space next to it inside the embedding: "في ١٥ مارس" is copied as
 *    "في \u202A ١٥\u202Cمارس". Removing the controls, as norm-1 did, glued "١٥مارس".
 * 1. the other invisible format characters (general category Cf: ZWJ/ZWNJ, BOM, soft hyphen,
 *    word joiner …) and tatweel U+0640 are removed; they join, not split, what surrounds them.
 *    ZERO WIDTH SPACE U+200B is the one other Cf that separates words, so it is a boundary.
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
 * 5. (norm-2) a digit next to a letter is a token boundary, after folding: "١٥مارس", "15mars" and
 *    "COVID19" are two tokens each, so that a copy tool that moves or drops the space beside a
 *    number changes nothing, and a number is always a token of its own.
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

/** The normalizations a record may name; the last is the one used for new texts and quotes. */
export const NORMALIZATION_VERSIONS = ["isnad-norm-1", "isnad-norm-2"] as const;
export type NormalizationVersion = (typeof NORMALIZATION_VERSIONS)[number];
export const NORMALIZATION_VERSION: NormalizationVersion = "isnad-norm-2";

export function isNormalizationVersion(id: string): id is NormalizationVersion {
  return (NORMALIZATION_VERSIONS as readonly string[]).includes(id);
}

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

/** The bidi controls that norm-2 makes token boundaries (step 0 of the module comment). */
export function isBidiControl(cp: number): boolean {
  return (
    cp === 0x061c ||
    cp === 0x200e ||
    cp === 0x200f ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069)
  );
}

const BIDI_BOUNDARY: FoldedCodePoint = Object.freeze({ out: BOUNDARY, mark: false });

/** A folded letter is a digit when it is 0–9 (every digit Unicode folds to ASCII, and the Arabic ones). */
const isDigit = (ch: string): boolean => ch >= "0" && ch <= "9";

/**
 * Splits `text` into folded tokens with offsets into the original (see the module comment), with
 * the current normalization or, to recompute an older record's fingerprint, the one it names.
 * `maxTokens`: only the first ones, without reading the rest of a long text (the quote index
 * keeps the first 50,000 words of a text that may hold millions).
 */
export function tokenize(
  text: string,
  version: NormalizationVersion = NORMALIZATION_VERSION,
  maxTokens = Infinity,
): Token[] {
  const v2 = version !== "isnad-norm-1";
  const tokens: Token[] = [];
  let norm = "";
  let start = 0;
  let end = 0;
  const flush = (): void => {
    if (norm !== "") tokens.push({ norm, start, end });
    norm = "";
  };
  for (let i = 0; i < text.length && tokens.length < maxTokens;) {
    const cp = text.codePointAt(i)!; // a lone surrogate comes back as itself
    const next = i + (cp > 0xffff ? 2 : 1);
    const f = v2 && isBidiControl(cp) ? BIDI_BOUNDARY : foldCodePoint(cp);
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
        if (v2 && norm !== "" && isDigit(ch) !== isDigit(norm[norm.length - 1]!)) flush();
        if (norm === "") start = i;
        norm += ch;
        end = next;
      }
    }
    i = next;
  }
  flush();
  // Stopped at a boundary: what the last flush added may be a word cut short.
  return tokens.length > maxTokens ? tokens.slice(0, maxTokens) : tokens;
}

/** The normalized text: the tokens' folded forms joined by single spaces. */
export function normalizeText(text: string, version: NormalizationVersion = NORMALIZATION_VERSION): string {
  return tokenize(text, version)
    .map((t) => t.norm)
    .join(" ");
}

/**
 * The versioned fingerprint of a text: SHA-256 (hex) of its normalized UTF-8. Pass a record's
 * `fingerprint.normalization` to recompute the fingerprint it was signed with.
 */
export function fingerprintText(
  text: string,
  version: NormalizationVersion = NORMALIZATION_VERSION,
): { normalization: NormalizationVersion; sha256: string } {
  return { normalization: version, sha256: sha256Hex(utf8(normalizeText(text, version))) };
}
