import { describe, expect, it } from "vitest";
import type { Item, QueryPage } from "./ports";
import { probeWeight, rankCandidates, type Candidate, type ProbeResult } from "./quote-candidates";

const posting = (statement: string, b: number, at = "2026-01-01T00:00:00.000Z"): Item => ({
  pk: "q",
  sk: `${at}#${statement}`,
  b,
  c: b,
});
const probe = (fragment: number, items: Item[], cursor?: string): ProbeResult => ({
  fragment,
  page: cursor ? { items, cursor } : { items },
});

describe("probeWeight", () => {
  it("weighs a rare key up to ~10 times a key whose postings fill a page", () => {
    const rare: QueryPage = { items: [posting("a", 0)] };
    const common: QueryPage = {
      items: Array.from({ length: 100 }, (_, i) => posting(`s${i}`, 0)),
      cursor: "x",
    };
    expect(probeWeight(rare, 100)).toBeCloseTo(Math.log2(1001));
    expect(probeWeight(common, 100)).toBeCloseTo(1);
    expect(probeWeight({ items: [] }, 100)).toBeCloseTo(Math.log2(1001));
  });
});

describe("rankCandidates", () => {
  it("lets the one rare key outvote a phrase common to many statements", () => {
    const crowd = Array.from({ length: 100 }, (_, i) => posting(`crowd${i}`, 10));
    const ranked = rankCandidates(
      [
        probe(0, [...crowd, posting("right", 500)], "more"),
        probe(0, [...crowd, posting("right", 520)], "more"),
        probe(0, [posting("right", 540)]),
      ],
      [60],
      100,
    );
    expect(ranked[0]!.id).toBe("right");
    expect(ranked[0]!.hits.map((h) => h.b)).toEqual([500, 520, 540]);
    expect(ranked[1]!.score).toBeLessThan(ranked[0]!.score / 4);
  });

  it("counts only hits that agree on a place, per fragment, each key once", () => {
    const ranked = rankCandidates(
      [
        probe(0, [posting("far", 0), posting("near", 100)]),
        probe(0, [posting("far", 900_000), posting("near", 130)]),
        probe(1, [posting("far", 5), posting("near", 50_000)]),
      ],
      [40, 40],
      100,
    );
    // "near": both keys of fragment 0 together, and fragment 1's; "far": fragment 0's keys apart.
    expect(ranked.map((c) => c.id)).toEqual(["near", "far"]);
    const [near, far] = ranked as [Candidate, Candidate];
    expect(near.score / far.score).toBeCloseTo(3 / 2);
    expect(near.hits.map((h) => h.b).sort((x, y) => x - y)).toEqual([100, 130, 50_000]);
  });

  it("breaks ties by the earliest received, and ignores postings without offsets", () => {
    const ranked = rankCandidates(
      [
        probe(0, [
          posting("late", 0, "2026-02-01"),
          posting("early", 0, "2026-01-01"),
          { pk: "q", sk: "x#old" },
        ]),
      ],
      [30],
      100,
    );
    expect(ranked.map((c) => c.id)).toEqual(["early", "late"]);
  });

  it("puts statements holding a quote's words in a row before those holding them apart", () => {
    const apart = { ...posting("apart", 0, "2026-01-01"), g: 1 };
    const inRow = posting("in-row", 0, "2026-02-01");
    const ranked = rankCandidates([{ ...probe(0, [apart, inRow]), inRow: true }], [20], 100);
    expect(ranked.map((c) => c.id)).toEqual(["in-row", "apart"]);
    expect(ranked[1]!.score).toBeGreaterThan(0.9 * ranked[0]!.score);
    // A key whose words the quote itself has apart: no preference, earliest first.
    expect(rankCandidates([probe(0, [apart, inRow])], [20], 100).map((c) => c.id)).toEqual([
      "apart",
      "in-row",
    ]);
  });

  it("ranks by the quote words left unplaced before votes; a key cut short places its words in `open` only", () => {
    // Quote "w0 w1 w2 w3": keys (0 1 2) and (1 2 3) common, (0 1 3) rare.
    const keyOf = (words: number[], items: Item[], cursor?: string): ProbeResult => ({
      ...probe(0, items, cursor),
      words,
      inRow: words[2]! - words[0]! === 2,
    });
    const all = { ...posting("all", 100), g: 1 }; // every word, one apart
    const rare = posting("rare", 100); // the rare key alone: w2 unplaced
    const crowd = Array.from({ length: 100 }, (_, i) => posting(`crowd${i}`, 0));
    const others = Array.from({ length: 100 }, (_, i) => posting(`other${i}`, 0));
    const complete = rankCandidates(
      [keyOf([0, 1, 2], [...crowd, all]), keyOf([1, 2, 3], [...others, all]), keyOf([0, 1, 3], [rare])],
      [30],
      100,
    );
    expect(complete[0]).toMatchObject({ id: "all", missing: 0, open: 0, apart: true });
    expect(complete[1]).toMatchObject({ id: "rare", missing: 1, open: 1, apart: false });
    expect(complete[1]!.score).toBeGreaterThan(complete[0]!.score);
    // The common key cut short: "rare" may hold it beyond the page, the crowd may hold the rest.
    const cut = rankCandidates([keyOf([0, 1, 2], crowd, "more"), keyOf([0, 1, 3], [rare])], [30], 100);
    expect(cut[0]).toMatchObject({ id: "rare", missing: 1, open: 0 });
    expect(cut[1]).toMatchObject({ missing: 1, open: 1 });
  });
});
