/**
 * Which statements may hold a quote: the index lookups of verify-quote.ts (steps 1–3 of its
 * comment), on the ItemStore port alone, so that the 1,000,000-statement simulation
 * (tests/sim/quote-scale.ts) runs exactly this code against an in-memory store.
 *
 * Reads: one Query for the fingerprint, DEFAULT_QUERY_SHINGLES for the first round of keys, as
 * many again for a second round only when no key of the first was rare (its postings all in one
 * page), and a third round of deeper pages of the rarest keys when none of the second was either
 * (quote-deep.ts): at most MAX_QUOTE_READS, whatever the size of the archive.
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
import { rankCandidates, type Candidate, type ProbeResult } from "./quote-candidates";
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
        page: await items.query(shingleKey(s.key), { limit: POSTING_PAGE }),
      })),
    );
  const first = shingles.slice(0, DEFAULT_QUERY_SHINGLES);
  const [whole, probes] = await Promise.all([
    items.query(fingerprintKey(fingerprintText(quote).sha256), { limit: MAX_WHOLE }),
    lookup(first),
  ]);
  let reads = 1 + first.length;
  const isRare = (p: ProbeResult) => p.page.items.length > 0 && p.page.cursor === undefined;
  const looked = [...first];
  if (!probes.some(isRare) && shingles.length > first.length) {
    const second = shingles.slice(first.length, 2 * first.length);
    probes.push(...(await lookup(second)));
    looked.push(...second);
    reads += second.length;
  }
  if (!probes.some(isRare)) {
    // Every key common: page the rarest on and intersect them (quote-deep.ts).
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
  const floor = (ranked[0]?.score ?? 0) * MIN_SHARE;
  const qualified = [
    ...[...wholeIds].map((id): Candidate => ({ sk: id, id, score: Number.POSITIVE_INFINITY, hits: [] })),
    ...ranked.filter((c) => c.score >= floor && !wholeIds.has(c.id)),
  ];
  return {
    candidates: qualified.slice(0, MAX_EXAMINED),
    wholeIds,
    complete: qualified.length <= MAX_EXAMINED && (wholeIds.size > 0 || probes.some(isRare)),
    reads,
    probes: probes.length,
  };
}
