/**
 * Which statements may hold a quote: the index lookups of verify-quote.ts (steps 1–3 of its
 * comment), on the ItemStore port alone, so that the 1,000,000-statement simulation
 * (tests/sim/quote-scale.ts) runs exactly this code against an in-memory store.
 *
 * Reads: one Query for the fingerprint, DEFAULT_QUERY_SHINGLES for the first round of keys, as
 * many again for a second round, and a third round of deeper pages of the rarest keys cut short
 * (quote-deep.ts): at most MAX_QUOTE_READS, whatever the size of the archive.
 *
 * When to read on: while a statement seen in no page so far could still be examined (couldExamine):
 * the votes of the keys whose postings were cut short add up to at least MIN_SHARE of the best
 * score (unseenBound), or it could rank among the MAX_EXAMINED closest (quote-candidates.ts: it
 * may hold every word of the keys cut short, in a row, and those words leave it no further from the
 * quote than the closest statement seen). A rare key alone is no reason to stop: a key that holds a
 * quote's edit in a 4–5-word quote ("zababa dababa febaba" for "zababa dababa bababa febaba") may
 * be rare and held by statements that are not the one quoted, whose words are all in common keys
 * beyond their first page (the 1,000,000-statement simulation, issue #12); and votes alone are no
 * reason either: a hundred statements holding that rare key outvote the statement that holds all
 * four words, one word apart, in two common keys. The same rule says whether the answer is
 * complete.
 */
import {
  DEFAULT_QUERY_SHINGLES,
  fingerprintText,
  isGapped,
  quoteShingles,
  splitQuote,
  utf8,
} from "@isnad/core";
import { ArchiveError } from "./errors";
import { fingerprintKey, shingleKey } from "./quote-index";
import {
  compareCandidates,
  probeWeight,
  quoteCoverage,
  rankCandidates,
  unseenOpen,
  type Candidate,
  type ProbeResult,
} from "./quote-candidates";
import type { ItemStore } from "./ports";
import { estimateFrequencies, MAX_DEEP_READS, pageDeeper } from "./quote-deep";

/** Postings read per key. */
export const POSTING_PAGE = 100;
/** Query calls of one quote's lookups, at most. */
export const MAX_QUOTE_READS = 1 + 2 * DEFAULT_QUERY_SHINGLES + MAX_DEEP_READS;
/** Statements examined (aligned) per quote at most. */
export const MAX_EXAMINED = 100;
/** Whole statements found by fingerprint, at most. */
const MAX_WHOLE = 100;
/** Candidates scoring below this share of the best are not examined. */
const MIN_SHARE = 0.25;

/**
 * The most a statement found in no page could score: the votes of the keys whose postings were cut
 * short (it may hold them beyond the page), each key once, as rankCandidates weighs them.
 */
export function unseenBound(probes: ProbeResult[]): number {
  estimateFrequencies(probes);
  let bound = 0;
  for (const p of probes) if (p.page.cursor !== undefined) bound += probeWeight(p.page, POSTING_PAGE, p.df);
  return bound;
}

/** The highest score of the ranked candidates (they are ranked by closeness first). */
const bestScore = (ranked: readonly Candidate[]) => ranked.reduce((m, c) => Math.max(m, c.score), 0);

/**
 * The fewest unplaced quote words of any candidate, as its pages prove (`missing`) and as it may
 * be (`open`): a candidate this close both ways is always examined. Both, because a key cut short
 * leaves every statement seen in no other key as close as may be (`open` alone would admit all of
 * them), and what the pages prove favours the earliest statements, seen in more of them (`missing`
 * alone would admit a hundred holders of a common phrase next to the one that holds the quote).
 */
function closest(ranked: readonly Candidate[]): { missing: number; open: number } {
  let missing = Infinity;
  let open = Infinity;
  for (const c of ranked) {
    missing = Math.min(missing, c.missing);
    open = Math.min(open, c.open);
  }
  return { missing, open };
}

/** Candidates to examine, in rank order: within MIN_SHARE of the best score, or among the closest. */
function qualify(ranked: readonly Candidate[]): Candidate[] {
  const floor = bestScore(ranked) * MIN_SHARE;
  const near = closest(ranked);
  return ranked.filter((c) => c.score >= floor || (c.missing <= near.missing && c.open <= near.open));
}

/**
 * Whether a statement seen in no page could be examined: its votes (unseenBound) could reach
 * MIN_SHARE of the best score, or it could be as close as the closest candidate may be (holding
 * every word of the keys cut short) and rank among the first MAX_EXAMINED — fewer than
 * MAX_EXAMINED candidates ahead of it, each judged by what its pages prove (`missing`, not `open`).
 */
function couldExamine(probes: ProbeResult[], ranked: readonly Candidate[]): boolean {
  const best = bestScore(ranked);
  const bound = unseenBound(probes);
  if (best === 0 || bound >= best * MIN_SHARE) return true;
  const open = unseenOpen(quoteCoverage(probes));
  if (open > closest(ranked).open) return false;
  const unseen = { open, apart: false, score: bound, sk: "" };
  let ahead = 0;
  for (const c of qualify(ranked)) {
    if (compareCandidates({ ...c, open: c.missing }, unseen) < 0 && ++ahead >= MAX_EXAMINED) return false;
  }
  return true;
}

/** Whether to read on: nothing found yet (the other keys may survive the quote's edits), or couldExamine. */
function readOn(probes: ProbeResult[], fragmentBytes: readonly number[]): boolean {
  return couldExamine(probes, rankCandidates(probes, fragmentBytes, POSTING_PAGE));
}

export interface QuoteCandidates {
  /** Best first; whole-statement matches (fingerprint) before the rest. */
  candidates: Candidate[];
  /** Ids found by fingerprint. */
  wholeIds: Set<string>;
  /** False when statements beyond these may hold the quote (see QuoteVerification.complete). */
  complete: boolean;
  /** Query calls made. */
  reads: number;
  /** Keys looked up. */
  probes: number;
}

export async function findQuoteCandidates(items: ItemStore, quote: string): Promise<QuoteCandidates> {
  const shingles = quoteShingles(quote);
  if (shingles.length === 0) {
    throw new ArchiveError("BAD_REQUEST", "text: a quote needs at least 3 words (per ellipsis fragment)", {
      details: { field: "text" },
    });
  }
  const fragmentBytes = splitQuote(quote).map((f) => utf8(f.text).length);
  const lookup = (list: typeof shingles) =>
    Promise.all(
      list.map(async (s): Promise<ProbeResult> => ({
        fragment: s.fragment,
        inRow: !isGapped(s),
        words: s.words,
        page: await items.query(shingleKey(s.key), { limit: POSTING_PAGE }),
      })),
    );
  const first = shingles.slice(0, DEFAULT_QUERY_SHINGLES);
  const [whole, probes] = await Promise.all([
    items.query(fingerprintKey(fingerprintText(quote).sha256), { limit: MAX_WHOLE }),
    lookup(first),
  ]);
  let reads = 1 + first.length;
  const looked = [...first];
  if (shingles.length > first.length && readOn(probes, fragmentBytes)) {
    const second = shingles.slice(first.length, 2 * first.length);
    probes.push(...(await lookup(second)));
    looked.push(...second);
    reads += second.length;
  }
  if (readOn(probes, fragmentBytes)) {
    // Page the rarest keys cut short on and intersect them (quote-deep.ts).
    reads += await pageDeeper(
      items,
      probes,
      looked.map((s) => s.key),
      shingleKey,
    );
  }
  // How common the keys cut short are, from the time their postings span: a phrase in every
  // tenth statement must weigh next to nothing beside a key a few statements hold.
  estimateFrequencies(probes);

  const wholeIds = new Set(whole.items.map((i) => i.sk));
  const ranked = rankCandidates(probes, fragmentBytes, POSTING_PAGE);
  const qualified = [
    ...[...wholeIds].map((id): Candidate => ({
      sk: id,
      id,
      score: Number.POSITIVE_INFINITY,
      hits: [],
      missing: 0,
      open: 0,
      apart: false,
    })),
    ...qualify(ranked).filter((c) => !wholeIds.has(c.id)),
  ];
  return {
    candidates: qualified.slice(0, MAX_EXAMINED),
    wholeIds,
    complete: qualified.length <= MAX_EXAMINED && (wholeIds.size > 0 || !couldExamine(probes, ranked)),
    reads,
    probes: probes.length,
  };
}
