/**
 * Query keys for a word split in two by PDF spacing ("Red ress", "بدا ية"): the quote read with two
 * neighbouring tokens j, j + 1 as one word. No key of the quote's own tokens is the original's
 * where a piece stands, and a 4-word quote with a split has no own key without a piece at all.
 *
 * One key per join is not enough at scale (issue #12, the 1,000,000-statement simulation): when the
 * one triple of the rejoined reading is common (a few thousand statements hold it), the holder
 * cannot be told from the others by one key, however deep its postings are read; two keys of the
 * same reading that agree on a place can (quote-candidates.ts). So each join gives the keys of the
 * rejoined reading that hold the joined word, in tiers: the primary key (the contiguous triple
 * with the joined word in its middle where it can), then a second one (another contiguous triple,
 * else a gapped one), then the rest. selectFragmentKeys places the tiers.
 */
import { SHINGLE_PATTERNS, SHINGLE_SIZE, shingleKey, type Shingle } from "./shingles";

export interface JoinedTiers {
  /** One key per join, the middle joins first (`order`). */
  primary: Shingle[];
  /** A second key per join, where its reading has one. */
  secondary: Shingle[];
  /** The other keys holding the joined word. */
  rest: Shingle[];
}

/**
 * The keys of every reading with two neighbouring tokens joined, for runs of 4 tokens or more (a
 * split 3-word fragment is below a quote's minimum). `order` lists the joins to try (token j
 * joined with j + 1); `primaryOnly` skips the other tiers (long runs never read them). A key's
 * `words` are the quote tokens it reads (both tokens of the join), `joined` the position in
 * `words` of the join's first token.
 */
export function joinedKeys(
  norms: readonly string[],
  order: readonly number[],
  primaryOnly = false,
): JoinedTiers {
  const tiers: JoinedTiers = { primary: [], secondary: [], rest: [] };
  const n = norms.length;
  if (n < SHINGLE_SIZE + 1) return tiers;
  const m = n - 1; // words in a joined reading
  for (const j of order) {
    // Reading position r → quote tokens: before the join r, the join j and j + 1, after it r + 1.
    const tokens = (r: number) => (r < j ? [r] : r === j ? [j, j + 1] : [r + 1]);
    const read = (r: number) => (r === j ? norms[j]! + norms[j + 1]! : norms[r < j ? r : r + 1]!);
    const keyAt = (positions: readonly number[]): Shingle => {
      const words = positions.flatMap(tokens);
      return { key: shingleKey(positions.map(read)), index: words[0]!, words, joined: words.indexOf(j) };
    };
    const primaryStart = Math.min(Math.max(0, j - 1), m - SHINGLE_SIZE);
    if (primaryOnly) {
      tiers.primary.push(keyAt([0, 1, 2].map((p) => primaryStart + p)));
      continue;
    }
    const contiguous: Shingle[] = [];
    const gapped: Shingle[] = [];
    for (let start = 0; start + SHINGLE_SIZE <= m; start++) {
      for (const pattern of SHINGLE_PATTERNS) {
        const positions = pattern.map((p) => start + p);
        if (positions[2]! >= m || !positions.includes(j)) continue;
        const gap = pattern[2]! > SHINGLE_SIZE - 1;
        if (!gap && start === primaryStart) tiers.primary.push(keyAt(positions));
        else (gap ? gapped : contiguous).push(keyAt(positions));
      }
    }
    const others = [...contiguous, ...gapped];
    if (others.length > 0) tiers.secondary.push(others.shift()!);
    tiers.rest.push(...others);
  }
  return tiers;
}
