/**
 * Says what normalization forgave when two texts with equal tokens differ in their raw form, so
 * that a verdict of "same-words" can show its reasons ("diacritics", "alef variants" …) instead of
 * asking to be trusted. Diagnostic only: nothing here decides whether tokens are equal.
 */
import { BOUNDARY, HAMZA_ABOVE, foldCodePoint } from "./normalize";

export type FoldKind =
  | "whitespace"
  | "punctuation"
  | "invisible characters"
  | "tatweel"
  | "diacritics"
  | "compatibility forms"
  | "alef variants"
  | "hamza variants"
  | "ya variants"
  | "kaf variants"
  | "ta marbuta"
  | "digits"
  | "case";

/** The order in which fold kinds are listed, so that equal inputs give equal outputs. */
export const FOLD_KINDS: readonly FoldKind[] = [
  "whitespace",
  "punctuation",
  "invisible characters",
  "tatweel",
  "diacritics",
  "compatibility forms",
  "alef variants",
  "hamza variants",
  "ya variants",
  "kaf variants",
  "ta marbuta",
  "digits",
  "case",
];

export function sortFoldKinds(kinds: Iterable<FoldKind>): FoldKind[] {
  const set = new Set(kinds);
  return FOLD_KINDS.filter((k) => set.has(k));
}

const LETTER_KINDS = new Map<number, FoldKind>([
  [0x0622, "alef variants"],
  [0x0623, "alef variants"],
  [0x0625, "alef variants"],
  [0x0671, "alef variants"],
  [0x0624, "hamza variants"],
  [0x0626, "hamza variants"],
  [0x0649, "ya variants"],
  [0x06cc, "ya variants"],
  [0x06a9, "kaf variants"],
  [0x0629, "ta marbuta"],
]);

const IS_MARK = /^[\p{Mn}\p{Me}]$/u;
const IS_INVISIBLE = /^\p{Cf}$/u;
const IS_DIGIT = /^[\u0660-\u0669\u06F0-\u06F9]$/u;

/** The fold kinds a code point takes part in, whatever it is compared with. */
function kindsOf(text: string, into: Set<FoldKind>): void {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const letter = LETTER_KINDS.get(cp);
    if (letter) {
      into.add(letter); // not also "diacritics" for the hamza or madda NFD splits off
      continue;
    }
    if (cp === 0x0640) into.add("tatweel");
    else if (IS_INVISIBLE.test(ch)) into.add("invisible characters");
    else if (IS_MARK.test(ch)) into.add("diacritics");
    else if (IS_DIGIT.test(ch)) into.add("digits");
    const nfd = ch.normalize("NFD");
    const nfkd = ch.normalize("NFKD");
    if (nfkd !== nfd) {
      into.add("compatibility forms");
      kindsOf(nfkd.normalize("NFC"), into);
    } else if (nfd !== ch) {
      kindsOf(nfd, into); // é → e + ◌́ (diacritics); É adds case through E
    }
    if (ch.toLowerCase() !== ch) into.add("case");
  }
}

/** Kinds of a pair that differs: what one side has and the other lacks, else what both share. */
function pairKinds(a: string, b: string, into: Set<FoldKind>): void {
  const ka = new Set<FoldKind>();
  const kb = new Set<FoldKind>();
  kindsOf(a, ka);
  kindsOf(b, kb);
  const only = [...ka].filter((k) => !kb.has(k)).concat([...kb].filter((k) => !ka.has(k)));
  for (const k of only.length > 0 ? only : [...ka, ...kb]) into.add(k);
}

/** One side of a token: each output letter, the raw text that produced it and that text's index
 *  among the token's code points, and the ignored code points (marks, invisible characters,
 *  tatweel) found before each letter and at the end. */
interface Attributed {
  letters: string[];
  raws: string[];
  sources: number[];
  ignored: string[];
}

function attribute(raw: string): Attributed {
  const a: Attributed = { letters: [], raws: [], sources: [], ignored: [""] };
  let source = 0;
  for (const ch of raw) {
    source++;
    const { out } = foldCodePoint(ch.codePointAt(0)!);
    if (out === "") {
      a.ignored[a.letters.length] += ch;
      continue;
    }
    let pushed = false;
    for (const c of out) {
      if (c === BOUNDARY) continue;
      const last = a.letters.length - 1;
      if (c !== HAMZA_ABOVE) {
        a.letters.push(c);
        a.raws.push(ch);
        a.sources.push(source);
        a.ignored.push("");
        pushed = true;
      } else if (last < 0) {
        a.ignored[0] += ch;
      } else {
        // As in tokenize: و or ي followed by hamza above is ء, whether precomposed or not.
        if (a.letters[last] === "\u0648" || a.letters[last] === "\u064A") a.letters[last] = "\u0621";
        if (!pushed) a.raws[last] += ch;
      }
    }
  }
  return a;
}

/** The raw text behind letters [from, to), each source code point once. */
function rawOf(a: Attributed, from: number, to: number): string {
  let out = "";
  for (let i = from; i < to; i++) if (i === from || a.sources[i] !== a.sources[i - 1]) out += a.raws[i]!;
  return out;
}

/** Adds to `into` why the raw tokens `a` and `b` (of equal norm) are written differently. */
export function explainTokenFolds(a: string, b: string, into: Set<FoldKind>): void {
  if (a === b) return;
  const x = attribute(a);
  const y = attribute(b);
  if (x.letters.join("") !== y.letters.join("")) {
    pairKinds(a, b, into); // one code point made several tokens (ﷺ): explain coarsely
    return;
  }
  const n = x.letters.length;
  // Compare letter groups that come from the same code points on both sides (ﻷ against لأ).
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && (x.sources[j] === x.sources[j - 1] || y.sources[j] === y.sources[j - 1])) j++;
    const xr = rawOf(x, i, j);
    const yr = rawOf(y, i, j);
    if (xr !== yr) pairKinds(xr, yr, into);
    i = j;
  }
  for (let i = 0; i <= n; i++) {
    if (x.ignored[i] !== y.ignored[i]) pairKinds(x.ignored[i]!, y.ignored[i]!, into);
  }
}

const WHITESPACE = /\p{White_Space}+/gu;
const INVISIBLE = /\p{Cf}/gu;

/** Adds to `into` why two raw gaps between equal tokens differ (punctuation, spacing, invisibles). */
export function explainGapFolds(a: string, b: string, into: Set<FoldKind>): void {
  if (a === b) return;
  const visibleA = a.replace(INVISIBLE, "");
  const visibleB = b.replace(INVISIBLE, "");
  if (visibleA !== visibleB) {
    into.add(
      visibleA.replace(WHITESPACE, "") === visibleB.replace(WHITESPACE, "") ? "whitespace" : "punctuation",
    );
  }
  if (a.replace(/\P{Cf}/gu, "") !== b.replace(/\P{Cf}/gu, "")) into.add("invisible characters");
}
