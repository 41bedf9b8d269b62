/**
 * The third round of a quote's lookups, for quotes made only of common words (issue #12: "a
 * phrase common to 100,000 statements must not crowd out the statement that holds the quote").
 *
 * When no key of the first two rounds is rare (every first page of POSTING_PAGE postings came
 * back with a cursor), the first pages say nothing about where the quote is: they hold only the
 * earliest holders of each key. So the DEEP_KEYS rarest of those keys are paged on, DEEP_PAGE
 * postings a read, up to DEEP_POSTINGS postings between them; a key whose postings end within
 * that bound is then rare after all (its document frequency is known), and rankCandidates
 * intersects such keys by their votes agreeing on a place.
 *
 * Which keys are rarest, without a counter per key: postings sort by the time the archive received
 * the statement (quote-index.ts), so the first page of a key that few statements hold spans a long
 * time, and that of a key in every tenth statement a short one. The span of a full page is thus an
 * estimate of rarity, assuming the key's holders are spread over time about evenly; a key whose
 * span cannot be read (not a timestamp) ranks last.
 *
 * Reads: at most DEEP_KEYS × ⌈(DEEP_POSTINGS / keys − POSTING_PAGE) / DEEP_PAGE⌉ more Query calls
 * (16 with the values below), made in parallel per key.
 */
import type { Item, ItemStore, QueryPage } from "./ports";
import { FULL_PAGE_FACTOR, type ProbeResult } from "./quote-candidates";

/** Keys paged past their first page, at most. */
export const DEEP_KEYS = 3;
/** Postings read for those keys, at most, between them. */
export const DEEP_POSTINGS = 15_000;
/** Postings per read of the third round (the port's maximum page). */
export const DEEP_PAGE = 1000;
/** The most Query calls the third round makes (2 keys: 2 × ⌈(7,500 − 100) / 1,000⌉). */
export const MAX_DEEP_READS = 16;

/** Milliseconds since the epoch of the time in a posting's sort key `<receivedAt>#<id>`. */
function receivedAt(item: Item): number {
  return Date.parse(item.sk.slice(0, item.sk.indexOf("#")));
}

/** How long a full page's postings span (larger: rarer key); −1 when it cannot be told. */
export function pageSpan(page: QueryPage): number {
  const first = page.items[0];
  const last = page.items[page.items.length - 1];
  if (!first || !last) return -1;
  const span = receivedAt(last) - receivedAt(first);
  return Number.isFinite(span) ? span : -1;
}

/**
 * Document frequencies of the keys cut short (in place), so that their votes weigh against those
 * of keys whose postings were read to the end: a page of n postings spanning a share r of the time
 * from its first posting to the latest one seen in any page holds about n / r of them. The estimate
 * only ever lowers a vote: it is at least FULL_PAGE_FACTOR × n, what a full page counted before
 * (quote-candidates.ts), and pages without readable times keep that.
 */
export function estimateFrequencies(probes: ProbeResult[]): void {
  let latest = Number.NEGATIVE_INFINITY;
  for (const p of probes)
    for (const item of p.page.items) {
      const t = receivedAt(item);
      if (t > latest) latest = t;
    }
  for (const p of probes) {
    const span = pageSpan(p.page);
    if (p.page.cursor === undefined || span < 0 || !Number.isFinite(latest)) continue;
    const share = Math.max(1, span) / Math.max(1, latest - receivedAt(p.page.items[0]!));
    p.df = p.page.items.length * Math.max(FULL_PAGE_FACTOR, 1 / share);
  }
}

/**
 * The probes to page on: those with a cursor, rarest first by span (ties keep the lookup order,
 * which puts the keys that survive a quote's edits first), one per key, at most DEEP_KEYS.
 */
export function deepProbes(probes: readonly ProbeResult[], keys: readonly string[]): number[] {
  const seen = new Set<string>();
  return probes
    .map((p, i) => ({ i, span: p.page.cursor === undefined ? Number.NaN : pageSpan(p.page) }))
    .filter((p) => !Number.isNaN(p.span))
    .sort((x, y) => y.span - x.span || x.i - y.i)
    .filter(({ i }) => !seen.has(keys[i]!) && Boolean(seen.add(keys[i]!)))
    .slice(0, DEEP_KEYS)
    .map((p) => p.i);
}

/**
 * Pages the chosen probes on (in place), each up to its share of DEEP_POSTINGS; returns the Query
 * calls made. A page read here replaces the probe's page with all its postings so far, and keeps
 * the cursor only if more remain.
 */
export async function pageDeeper(
  items: ItemStore,
  probes: ProbeResult[],
  keys: readonly string[],
  pk: (key: string) => string,
): Promise<number> {
  const chosen = deepProbes(probes, keys);
  if (chosen.length === 0) return 0;
  const share = Math.floor(DEEP_POSTINGS / chosen.length);
  const maxReads = Math.floor(MAX_DEEP_READS / chosen.length);
  const reads = await Promise.all(
    chosen.map(async (i) => {
      const probe = probes[i]!;
      const postings = [...probe.page.items];
      let cursor = probe.page.cursor;
      let made = 0;
      // A page may hold fewer than asked (DynamoDB stops at 1 MB): the reads are bounded too.
      while (cursor !== undefined && postings.length < share && made < maxReads) {
        const page = await items.query(pk(keys[i]!), {
          limit: Math.min(DEEP_PAGE, share - postings.length),
          cursor,
        });
        made++;
        postings.push(...page.items);
        cursor = page.cursor;
      }
      probes[i] = {
        ...probe,
        page: cursor === undefined ? { items: postings } : { items: postings, cursor },
      };
      return made;
    }),
  );
  return reads.reduce((a, b) => a + b, 0);
}
