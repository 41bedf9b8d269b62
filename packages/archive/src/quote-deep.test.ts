import { describe, expect, it } from "vitest";
import type { Item, ItemStore, QueryOptions } from "./ports";
import type { ProbeResult } from "./quote-candidates";
import {
  DEEP_KEYS,
  DEEP_POSTINGS,
  deepProbes,
  estimateFrequencies,
  MAX_DEEP_READS,
  pageDeeper,
} from "./quote-deep";

const at = (second: number) => new Date(Date.UTC(2026, 0, 1) + second * 1000).toISOString();
/** Postings of statements received one every `every` seconds from `from`. */
const postings = (n: number, every: number, from = 0): Item[] =>
  Array.from({ length: n }, (_, i) => ({
    pk: "q",
    sk: `${at(from + i * every)}#s${from + i * every}`,
    b: 0,
    c: 0,
  }));
const full = (items: Item[]): ProbeResult => ({ fragment: 0, page: { items, cursor: String(items.length) } });

/** A store whose partitions hold the given postings, paged by offset; counts queries. */
function pagedStore(partitions: Record<string, Item[]>) {
  const calls = { queries: 0 };
  const store = {
    query(pk: string, options: QueryOptions = {}) {
      calls.queries++;
      const all = partitions[pk] ?? [];
      const from = options.cursor === undefined ? 0 : Number(options.cursor);
      const to = from + (options.limit ?? 1000);
      return Promise.resolve(
        to < all.length ? { items: all.slice(from, to), cursor: String(to) } : { items: all.slice(from) },
      );
    },
  } as unknown as ItemStore;
  return { store, calls };
}

describe("deepProbes", () => {
  it("picks the keys whose full first page spans the longest time, one per key, at most DEEP_KEYS", () => {
    const probes = [
      full(postings(100, 1)), // in every statement: 100 s
      full(postings(100, 50)), // rarer: 5,000 s
      { fragment: 0, page: { items: postings(3, 7) } }, // read to the end: not paged on
      full(postings(100, 50)), // the same key again
      full(postings(100, 20)),
      full(postings(100, 10)),
      full([{ pk: "q", sk: "not-a-time#x" }]),
    ];
    const keys = ["a", "b", "c", "b", "d", "e", "f"];
    expect(deepProbes(probes, keys)).toEqual([1, 4, 5].slice(0, DEEP_KEYS));
  });
});

describe("pageDeeper", () => {
  it("reads the rarest keys on within the bound and knows their frequency when they end", async () => {
    const rare = postings(2_600, 300);
    const common = postings(40_000, 1);
    const { store, calls } = pagedStore({ rare, common });
    const probes = [full(common.slice(0, 100)), full(rare.slice(0, 100))];
    const reads = await pageDeeper(store, probes, ["common", "rare"], (k) => k);
    expect(reads).toBe(calls.queries);
    expect(reads).toBeLessThanOrEqual(MAX_DEEP_READS);
    // The rare key read to its end (no cursor): its frequency is now known exactly.
    expect(probes[1]!.page.items).toHaveLength(2_600);
    expect(probes[1]!.page.cursor).toBeUndefined();
    // The common one stops at its share of the bound, still cut short.
    expect(probes[0]!.page.items).toHaveLength(DEEP_POSTINGS / 2);
    expect(probes[0]!.page.cursor).toBeDefined();
  });

  it("makes no reads when every key was read to its end", async () => {
    const { store, calls } = pagedStore({});
    const probes: ProbeResult[] = [{ fragment: 0, page: { items: postings(5, 1) } }];
    expect(await pageDeeper(store, probes, ["a"], (k) => k)).toBe(0);
    expect(calls.queries).toBe(0);
  });
});

describe("estimateFrequencies", () => {
  it("counts a page cut short by the time it spans, never below what a full page counted before", () => {
    // Over 1,000,000 s: a key in every statement (100 postings in 100 s) and one in every 200th.
    const latest: ProbeResult = { fragment: 1, page: { items: postings(1, 1, 1_000_000) } };
    const dense = full(postings(100, 1));
    const sparse = full(postings(100, 200));
    const undated = full([{ pk: "q", sk: "x#1" }]);
    estimateFrequencies([latest, dense, sparse, undated]);
    expect(dense.df).toBeCloseTo(100 * (1_000_000 / 99), -2);
    expect(sparse.df).toBeCloseTo(100 * (1_000_000 / (99 * 200)), -1);
    expect(full(postings(100, 20_000)).df).toBeUndefined();
    const wide = full(postings(100, 20_000));
    estimateFrequencies([latest, wide]);
    expect(wide.df).toBe(1000);
    expect(undated.df).toBeUndefined();
    expect(latest.df).toBeUndefined();
  });
});
