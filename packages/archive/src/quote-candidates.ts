/**
 * Which statements hold a quote: votes from the postings of its keys, weighed by how rare each
 * key is and counted only where they agree on a place in the text. Pure: the reads are made by
 * verify-quote.ts, which hands the pages in.
 *
 * Rarity without a counter per key: a key's postings are read one page at a time (earliest
 * statement first, quote-index.ts), so a page that holds all of them gives the key's document
 * frequency exactly, and a page cut short says it is at least a page. A rare key's vote weighs up
 * to ~10× a common one's (log2(1 + 1000 / df), an IDF), so a phrase found in 100,000 statements
 * cannot outvote the one word of the quote that only the right statement has; and a statement is
 * judged on the best cluster of its hits per fragment (all within a few quote lengths), so words
 * scattered over a long text do not add up to a match.
 *
 * Closeness before votes (issue #12, the 1,000,000-statement simulation): votes add up the rarity
 * of keys, not how much of the quote a statement holds. A 4-word quote of common words with one
 * word deleted ("zababa dababa bababa febaba" from "zababa dababa kobaba bababa febaba") is held,
 * one word apart, in two keys of a few hundred holders each; a hundred other statements hold one
 * rarer key alone ("zababa dababa febaba", the quote less a word) and outvoted it, though they
 * are no closer to the quote and often further. So candidates are ranked first by the quote's
 * words their hits leave unplaced — a lower bound on the word edits between quote and statement,
 * as far as the keys looked up tell — then by holding the quote's in-a-row words in a row, then by
 * votes. A key whose postings were cut short is no evidence against a statement not seen in it
 * (its posting may lie beyond the page), so its words count as placed in `open` (the order) and
 * as unplaced only in `missing` (what the pages prove).
 */
import type { Item, QueryPage } from "./ports";
import { postingStatement } from "./quote-index";

/** Where a key was found in one statement: the UTF-8 and UTF-16 offsets of its first word. */
export interface Hit {
  probe: number;
  b: number;
  c: number;
  /** The quote has the key's words in a row, this statement only apart (`g`, quote-index.ts). */
  apart?: boolean;
}

export interface Candidate {
  /** The posting's sort key: `<receivedAt>#<id>`, so candidates of equal score sort earliest first. */
  sk: string;
  id: string;
  score: number;
  /** The hits of its best cluster in each fragment. */
  hits: Hit[];
  /** Quote words (of the keys looked up) that its hits place nowhere. */
  missing: number;
  /** As `missing`, less the words of keys cut short (they may hold it unseen): the rank. */
  open: number;
  /** A hit of its best clusters holds words apart that the quote has in a row. */
  apart: boolean;
}

export interface ProbeResult {
  /** The quote fragment the key came from. */
  fragment: number;
  page: QueryPage;
  /**
   * The key's document frequency when estimated otherwise than from the page (quote-deep.ts:
   * from the time its postings span); the page decides when absent.
   */
  df?: number;
  /** The key's words stand in a row in the quote. */
  inRow?: boolean;
  /** Token indexes of the key's words in its fragment (a key without them counts as a word of its own). */
  words?: readonly number[];
}

/** Weight of a key whose postings fill a page (its frequency is unknown beyond "many"). */
export const FULL_PAGE_FACTOR = 10;
/**
 * A vote's share when the quote has the key's words in a row and the statement only apart: barely
 * less, so that among statements equally voted for those holding the words as quoted come first
 * (three common words in a row, issue #12: "exact 3-word fragments are found").
 */
const APART = 0.99;

export function probeWeight(page: QueryPage, pageSize: number, estimate?: number): number {
  const df =
    page.cursor === undefined
      ? Math.max(1, page.items.length)
      : (estimate ?? Math.max(pageSize, page.items.length) * FULL_PAGE_FACTOR);
  return Math.log2(1 + 1000 / df);
}

function hitOf(item: Item, probe: number, inRow: boolean): Hit | undefined {
  const { b, c } = item;
  if (typeof b !== "number" || typeof c !== "number") return undefined;
  return inRow && item.g === 1 ? { probe, b, c, apart: true } : { probe, b, c };
}

/** The hits within `width` bytes of each other that weigh most (distinct keys only). */
function bestCluster(hits: Hit[], weights: readonly number[], width: number): { score: number; hits: Hit[] } {
  hits.sort((x, y) => x.b - y.b);
  let best = { score: 0, hits: [] as Hit[] };
  for (let i = 0; i < hits.length; i++) {
    const seen = new Set<number>();
    let score = 0;
    const cluster: Hit[] = [];
    for (let j = i; j < hits.length && hits[j]!.b - hits[i]!.b <= width; j++) {
      const h = hits[j]!;
      if (seen.has(h.probe)) continue;
      seen.add(h.probe);
      score += weights[h.probe]! * (h.apart ? APART : 1);
      cluster.push(h);
    }
    if (score > best.score) best = { score, hits: cluster };
  }
  return best;
}

/** The words of a probe's key, as numbers distinct within a fragment (see ProbeResult.words). */
const wordsOf = (p: ProbeResult, probe: number): readonly number[] => p.words ?? [-1 - probe];

/** Per fragment: every word of the keys looked up, and the words of those cut short. */
export interface Coverage {
  words: Map<number, Set<number>>;
  cutShort: Map<number, Set<number>>;
}

export function quoteCoverage(probes: readonly ProbeResult[]): Coverage {
  const cover: Coverage = { words: new Map(), cutShort: new Map() };
  const add = (map: Map<number, Set<number>>, fragment: number, words: readonly number[]) => {
    let set = map.get(fragment);
    if (!set) map.set(fragment, (set = new Set()));
    for (const w of words) set.add(w);
  };
  probes.forEach((p, i) => {
    add(cover.words, p.fragment, wordsOf(p, i));
    if (p.page.cursor !== undefined) add(cover.cutShort, p.fragment, wordsOf(p, i));
  });
  return cover;
}

/** The words of the keys looked up that no key cut short holds: unplaced in a statement seen nowhere. */
export function unseenOpen(cover: Coverage): number {
  let open = 0;
  for (const [fragment, words] of cover.words) {
    const cut = cover.cutShort.get(fragment);
    for (const w of words) if (!cut?.has(w)) open++;
  }
  return open;
}

/** Ranking order: fewer open words, then words in a row as quoted, then votes, then earliest received. */
export function compareCandidates(
  x: Pick<Candidate, "open" | "apart" | "score" | "sk">,
  y: Pick<Candidate, "open" | "apart" | "score" | "sk">,
): number {
  return (
    x.open - y.open ||
    Number(x.apart) - Number(y.apart) ||
    y.score - x.score ||
    (x.sk < y.sk ? -1 : x.sk > y.sk ? 1 : 0)
  );
}

/**
 * Candidates, best first (compareCandidates): each statement scored by the sum over the quote's
 * fragments of its best cluster, and judged by the quote words those clusters place.
 * `fragmentBytes` bounds a cluster: a key's first word lies at most a few fragment lengths from
 * another's (normalization may shrink the quote: marks, tatweel, spaces).
 */
export function rankCandidates(
  probes: readonly ProbeResult[],
  fragmentBytes: readonly number[],
  pageSize: number,
): Candidate[] {
  const weights = probes.map((p) => probeWeight(p.page, pageSize, p.df));
  const cover = quoteCoverage(probes);
  const byStatement = new Map<string, Map<number, Hit[]>>();
  probes.forEach((p, probe) => {
    for (const item of p.page.items) {
      const hit = hitOf(item, probe, p.inRow === true);
      if (!hit) continue;
      let fragments = byStatement.get(item.sk);
      if (!fragments) byStatement.set(item.sk, (fragments = new Map()));
      const list = fragments.get(p.fragment);
      if (list) list.push(hit);
      else fragments.set(p.fragment, [hit]);
    }
  });
  const out: Candidate[] = [];
  for (const [sk, fragments] of byStatement) {
    const candidate: Candidate = {
      sk,
      id: postingStatement(sk),
      score: 0,
      hits: [],
      missing: 0,
      open: 0,
      apart: false,
    };
    for (const [fragment, words] of cover.words) {
      const list = fragments.get(fragment) ?? [];
      const width = 4 * (fragmentBytes[fragment] ?? 0) + 1024;
      const best = bestCluster(list, weights, width);
      candidate.score += best.score;
      candidate.hits.push(...best.hits);
      const placed = new Set(best.hits.flatMap((h) => wordsOf(probes[h.probe]!, h.probe)));
      const cut = cover.cutShort.get(fragment);
      for (const w of words) {
        if (placed.has(w)) continue;
        candidate.missing++;
        if (!cut?.has(w)) candidate.open++;
      }
      if (best.hits.some((h) => h.apart)) candidate.apart = true;
    }
    out.push(candidate);
  }
  return out.sort(compareCandidates);
}
