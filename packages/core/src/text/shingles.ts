/**
 * Hashed word shingles: the keys of the quote index (DESIGN.md: "An index of hashed word shingles
 * (5 tokens, plus 3 for short fragments) … finds candidates in a few parallel reads").
 *
 * Key = `<size>:` + the first 16 hex digits (64 bits) of SHA-256 over the tokens' folded forms
 * joined by single spaces. A collision only adds a candidate, which the alignment then rejects;
 * the index's partition should carry NORMALIZATION_VERSION, since keys change with normalization.
 *
 * Index budget (indexShingles): a 5-shingle at every position and a 3-shingle at every position,
 * each distinct key once per document: at most 2 items per word (repeated phrases make it less).
 * 3-shingles at every position, not every other, so that any 3- or 4-word fragment is found alone;
 * 5-shingles keep longer quotes selective, since common 3-word phrases occur in many statements.
 * A document of fewer than 3 words has no shingles, and a quote needs a fragment of 3 words.
 */
import { IsnadError } from "../errors";
import { sha256Hex } from "../sha256";
import { utf8 } from "../bytes";
import { tokenize, type Token } from "./normalize";
import { splitQuote } from "./split-quote";

export const SHINGLE_SIZE = 5;
export const SHORT_SHINGLE_SIZE = 3;
/** How many index reads a quote costs by default. */
export const DEFAULT_QUERY_SHINGLES = 4;

/** A shingle key and the index (in the token list it came from) of its first token. */
export interface Shingle {
  key: string;
  size: number;
  index: number;
}

/** The key of one shingle, given its tokens' folded forms. */
export function shingleKey(norms: readonly string[]): string {
  return `${norms.length}:${sha256Hex(utf8(norms.join(" "))).slice(0, 16)}`;
}

/** Every shingle of `size` tokens, at every position. */
export function shingleKeys(tokens: readonly Token[], size: number): Shingle[] {
  if (!Number.isInteger(size) || size < 1) {
    throw new IsnadError("INVALID_ARGUMENT", `shingle size must be a positive integer, got ${size}`);
  }
  const norms = tokens.map((t) => t.norm);
  const out: Shingle[] = [];
  for (let i = 0; i + size <= norms.length; i++) {
    out.push({ key: shingleKey(norms.slice(i, i + size)), size, index: i });
  }
  return out;
}

/**
 * The shingles to store for a document: distinct keys, each with its first position. Repeated
 * phrases are hashed once (the folded words are compared before anything is hashed).
 */
export function indexShingles(tokens: readonly Token[]): Shingle[] {
  const norms = tokens.map((t) => t.norm);
  const seen = new Set<string>();
  const out: Shingle[] = [];
  for (const size of [SHINGLE_SIZE, SHORT_SHINGLE_SIZE]) {
    for (let i = 0; i + size <= norms.length; i++) {
      const words = norms.slice(i, i + size);
      const text = `${size}:${words.join(" ")}`;
      if (seen.has(text)) continue;
      seen.add(text);
      out.push({ key: shingleKey(words), size, index: i });
    }
  }
  return out;
}

/** `count` positions from 0 to `last`, evenly spread and distinct (both ends included). */
function spread(last: number, count: number): number[] {
  if (last + 1 <= count) return Array.from({ length: last + 1 }, (_, i) => i);
  if (count === 1) return [0];
  return Array.from({ length: count }, (_, k) => Math.round((k * last) / (count - 1)));
}

/**
 * A few shingles of one run of words (a quote fragment) to look up: 5-shingles spread over the
 * run, so that a changed word spoils as few lookups as possible; 3-shingles when the run has only
 * 3 or 4 words; none below 3 words.
 */
export function selectQueryShingles(tokens: readonly Token[], max = DEFAULT_QUERY_SHINGLES): Shingle[] {
  const size = tokens.length >= SHINGLE_SIZE ? SHINGLE_SIZE : SHORT_SHINGLE_SIZE;
  if (tokens.length < size || max < 1) return [];
  const norms = tokens.map((t) => t.norm);
  return spread(tokens.length - size, max).map((index) => ({
    key: shingleKey(norms.slice(index, index + size)),
    size,
    index,
  }));
}

/** A query shingle of a quote: `fragment` indexes splitQuote(quote), `index` that fragment's tokens. */
export interface QuoteShingle extends Shingle {
  fragment: number;
}

/**
 * The index lookups for a quote: at most `max` shingles, taken in turn from its ellipsis
 * fragments, longest first, so that every fragment long enough gets a look-up before any gets two.
 */
export function quoteShingles(quote: string, max = DEFAULT_QUERY_SHINGLES): QuoteShingle[] {
  const perFragment = splitQuote(quote)
    .map((f, fragment) => ({ fragment, tokens: tokenize(f.text) }))
    .sort((a, b) => b.tokens.length - a.tokens.length || a.fragment - b.fragment)
    .map(({ fragment, tokens }) => selectQueryShingles(tokens, max).map((s) => ({ ...s, fragment })));
  const out: QuoteShingle[] = [];
  const seen = new Set<string>();
  for (let round = 0; out.length < max && perFragment.some((list) => round < list.length); round++) {
    for (const list of perFragment) {
      const s = list[round];
      if (s && out.length < max && !seen.has(s.key)) {
        seen.add(s.key);
        out.push(s);
      }
    }
  }
  return out;
}
