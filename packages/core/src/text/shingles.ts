/**
 * The keys of the quote index: hashed word triples that survive a misquote.
 *
 * DESIGN.md: "a misquote differs from its source in exactly the words that matter, so a candidate
 * search whose every key contains the changed word finds nothing". The first index (5-word
 * shingles, 3-word ones only for 3–4-word fragments) missed every short quote with a change in the
 * middle (issue #12). So every key here is three words that lie within four consecutive words of
 * the text: at each position i the triples (i, i+1, i+2), (i, i+1, i+3) and (i, i+2, i+3). A key
 * hashes the three words only, not their pattern, so the same key is found whether the quote has
 * the three words together or one apart. What that buys (a quote "edit" is one substitution,
 * insertion or deletion of a word):
 *
 * - exact 3-word fragments: the contiguous triple;
 * - fragments of ≥ 4 words with one edit: a substituted or inserted quote word j spoils only the
 *   keys that contain j, and among any 4 consecutive quote words the 3 others form an indexed
 *   triple; a deletion between two quote words leaves every contiguous quote triple a triple of
 *   span 4 in the original, which is indexed too;
 * - fragments of ≥ 10 words with two edits: three disjoint contiguous triples exist, two edits spoil
 *   at most two of them.
 *
 * - a word of a 4- or 5-word fragment split in two by PDF spacing ("bea r Arms", "بدا ية"): the
 *   split is two edits (one word for two), and no triple of the quote's own words is indexed. The
 *   quote also reads with each two neighbouring tokens joined into one word (joined-keys.ts): the
 *   reading that rejoins the split is the original's words.
 *
 * selectFragmentKeys orders a fragment's keys so that a short prefix already has these properties
 * (quoteShingles takes prefixes); the archive reads the postings of the chosen keys and ranks the
 * statements by their agreeing votes (packages/archive/src/quote-candidates.ts).
 *
 * Key = the first 16 hex digits (64 bits) of SHA-256 over the three folded words joined by single
 * spaces, prefixed by "3:". A collision only adds a candidate, which the alignment then rejects.
 * The index's partition carries NORMALIZATION_VERSION and QUOTE_INDEX_VERSION: keys change with
 * either, and a new version gets a new index (`isnad reindex`) instead of silently mismatching.
 *
 * Index budget: at most 3 items per word (each distinct key once per document, at its first
 * position), against ≤ 2 for the old 5+3 scheme; the cost of that is in the README.
 */
import { sha256 } from "../sha256";
import { formatHex, utf8 } from "../bytes";
import { tokenize, type Token } from "./normalize";
import { splitQuote } from "./split-quote";
import { joinedKeys } from "./joined-keys";

/** Version of the key scheme; part of the index partition key (bump it when keys change). */
export const QUOTE_INDEX_VERSION = "qi2";
/** Words per key. */
export const SHINGLE_SIZE = 3;
/** A key's words lie within this many consecutive words. */
export const SHINGLE_SPAN = 4;
/** Offsets of a key's words from its first word: the contiguous triple, then the two gapped ones. */
export const SHINGLE_PATTERNS: readonly (readonly [number, number, number])[] = [
  [0, 1, 2],
  [0, 1, 3],
  [0, 2, 3],
];
/** How many index lookups a quote costs in its first round. */
export const DEFAULT_QUERY_SHINGLES = 8;

/** A key and where its words are in the token list it came from. */
export interface Shingle {
  key: string;
  /** Token index of the key's first word. */
  index: number;
  /** Token indexes of its words, ascending. */
  words: readonly number[];
  /** Set on a query key that reads `words[joined]` and the token after it as one word (joined-keys.ts). */
  joined?: number;
}

/** The key of one shingle, given its words' folded forms. */
export function shingleKey(norms: readonly string[]): string {
  return `${norms.length}:${formatHex(sha256(utf8(norms.join(" "))).subarray(0, 8))}`;
}

function shingleAt(norms: readonly string[], words: readonly number[]): Shingle {
  return { key: shingleKey(words.map((w) => norms[w]!)), index: words[0]!, words };
}

/** True when a shingle's words are not next to each other (a gapped pattern), a joined pair counting as one. */
export const isGapped = (s: Shingle) =>
  s.words[s.words.length - 1]! - s.words[0]! - (s.joined === undefined ? 0 : 1) > SHINGLE_SIZE - 1;

/**
 * The shingles to store for a document: every key of the module comment, distinct, each with its
 * first position where its words stand together, else its first position (so that the archive can
 * say which statements hold three quoted words in a row: isGapped). Repeated triples are hashed
 * once (the folded words are compared first).
 */
export function indexShingles(tokens: readonly Token[]): Shingle[] {
  const norms = tokens.map((t) => t.norm);
  /** Folded words → where in `out`, while that entry is gapped (a contiguous one is final). */
  const seen = new Map<string, number>();
  const out: Shingle[] = [];
  for (let i = 0; i + SHINGLE_SIZE <= norms.length; i++) {
    for (const pattern of SHINGLE_PATTERNS) {
      const words = pattern.map((p) => i + p);
      if (words[2]! >= norms.length) continue;
      const text = words.map((w) => norms[w]).join(" ");
      const at = seen.get(text);
      if (at === -1) continue;
      const gapped = pattern[2]! > SHINGLE_SIZE - 1;
      if (at !== undefined) {
        if (gapped) continue;
        out[at] = { key: out[at]!.key, index: words[0]!, words };
      } else out.push(shingleAt(norms, words));
      seen.set(text, gapped ? out.length - 1 : -1);
    }
  }
  return out;
}

/**
 * `count` positions from 0 to `last`, evenly spread (both ends included); every position when
 * there are no more than `count`. With count = ⌊n / 3⌋ and last = n − 3 (selectFragmentKeys)
 * they are ≥ 3 apart, so the triples starting there are disjoint.
 */
function spread(last: number, count: number): number[] {
  if (last + 1 <= count) return Array.from({ length: last + 1 }, (_, i) => i);
  return Array.from({ length: count }, (_, k) => Math.round((k * last) / (count - 1)));
}

/** Ends first, then the middle, then the middles of what is left: any prefix is spread out. */
function bisectionOrder<T>(items: readonly T[]): T[] {
  if (items.length <= 2) return [...items];
  const out: T[] = [items[0]!, items[items.length - 1]!];
  let ranges: [number, number][] = [[0, items.length - 1]];
  while (ranges.length > 0) {
    const next: [number, number][] = [];
    for (const [lo, hi] of ranges) {
      if (hi - lo < 2) continue;
      const mid = (lo + hi) >> 1;
      out.push(items[mid]!);
      next.push([lo, mid], [mid, hi]);
    }
    ranges = next;
  }
  return out;
}

/** Quote tokens up to which a split word may leave no key of the quote's own words (4–5 words). */
const SPLIT_SHORT = 6;

/**
 * Every key of a run of words (a quote fragment), distinct, in the order to look them up: first a
 * set that survives the edits of the module comment (3 words: the triple; 4: all four triples of
 * span 4; 5: two contiguous and two gapped ones; 6 and more: disjoint contiguous triples, the two
 * ends and the middle first), then the other contiguous triples spread out, then gapped ones. The
 * joined readings (joined-keys.ts) come right after the first set for runs of up to SPLIT_SHORT
 * tokens, whose split word may leave no other key: one key per join in the first round, a second
 * per join leading the second round (two keys of the rejoined words that agree on a place tell the
 * holder among thousands that hold one common triple), the others last. Longer runs keep a triple
 * of their own words (two disjoint ones, one split) and list one joined key per join, last.
 */
export function selectFragmentKeys(tokens: readonly Token[]): Shingle[] {
  const n = tokens.length;
  if (n < SHINGLE_SIZE) return [];
  const norms = tokens.map((t) => t.norm);
  const first: number[][] = [];
  const rest: number[][] = [];
  const contiguous = (i: number) => [i, i + 1, i + 2];
  if (n === 4) first.push([0, 1, 2], [1, 2, 3], [0, 2, 3], [0, 1, 3]);
  else if (n === 5) first.push([0, 1, 2], [2, 3, 4], [0, 1, 3], [1, 3, 4]);
  else first.push(...bisectionOrder(spread(n - SHINGLE_SIZE, Math.floor(n / SHINGLE_SIZE))).map(contiguous));
  rest.push(...bisectionOrder(Array.from({ length: n - 2 }, (_, i) => i)).map(contiguous));
  for (const i of bisectionOrder(Array.from({ length: Math.max(0, n - 3) }, (_, i) => i))) {
    rest.push([i, i + 1, i + 3], [i, i + 2, i + 3]);
  }
  const at = (list: number[][]) => list.map((words) => shingleAt(norms, words));
  const joins = bisectionOrder(Array.from({ length: n - 1 }, (_, j) => j));
  const joined = joinedKeys(norms, joins, n > SPLIT_SHORT);
  const ordered =
    n <= SPLIT_SHORT
      ? [...at(first), ...joined.primary, ...joined.secondary, ...at(rest), ...joined.rest]
      : [...at(first), ...at(rest), ...joined.primary];
  const seen = new Set<string>();
  const out: Shingle[] = [];
  for (const s of ordered) {
    if (seen.has(s.key)) continue;
    seen.add(s.key);
    out.push(s);
  }
  return out;
}

/** A key of a quote: `fragment` indexes splitQuote(quote); `index` and `words` that fragment's tokens. */
export interface QuoteShingle extends Shingle {
  fragment: number;
}

/** A quote's fragments (splitQuote) with their tokens. */
export function quoteFragmentTokens(quote: string): Token[][] {
  return splitQuote(quote).map((f) => tokenize(f.text));
}

/**
 * A quote's index lookups in the order to make them: keys taken in turn from its fragments'
 * ordered lists (selectFragmentKeys), longest fragment first, so that every fragment long enough
 * gets a lookup before any gets two; at most `max`. Any prefix is a sensible first round, and the
 * keys after it a second one.
 */
export function quoteShingles(quote: string, max = Number.POSITIVE_INFINITY): QuoteShingle[] {
  const perFragment = quoteFragmentTokens(quote)
    .map((tokens, fragment) => ({ fragment, tokens }))
    .sort((a, b) => b.tokens.length - a.tokens.length || a.fragment - b.fragment)
    .map(({ fragment, tokens }) => selectFragmentKeys(tokens).map((s) => ({ ...s, fragment })));
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
