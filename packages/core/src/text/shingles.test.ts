import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DEFAULT_QUERY_SHINGLES,
  indexShingles,
  isGapped,
  quoteShingles,
  selectFragmentKeys,
  shingleKey,
  SHINGLE_PATTERNS,
} from "./shingles";
import { tokenize } from "./normalize";
import { SEED_TEXT } from "./__fixtures__/seed";

const seedTokens = tokenize(SEED_TEXT);
const seedIndex = new Set(indexShingles(seedTokens).map((s) => s.key));
const words = (s: { words: readonly number[] }) => s.words.join(",");

describe("shingleKey", () => {
  it("is the word count and the first 64 bits of SHA-256 of the folded words joined by spaces", () => {
    // FIPS 180-2 B.1: SHA-256("abc") = ba7816bf8f01cfea…
    expect(shingleKey(["abc"])).toBe("1:ba7816bf8f01cfea");
    expect(shingleKey(["a", "bc", "d"])).not.toBe(shingleKey(["ab", "c", "d"]));
    expect(shingleKey(["ارتكبت", "نحو", "80"])).toMatch(/^3:[0-9a-f]{16}$/);
  });

  it("is equal for texts that differ only in what normalization folds", () => {
    const a = indexShingles(tokenize("ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار"));
    const b = indexShingles(tokenize("«ارتكبت  نحو ٨٠ خرقا، لاتفاق وقف اطلاق النار»"));
    expect(b.map((s) => s.key)).toEqual(a.map((s) => s.key));
  });
});

describe("indexShingles", () => {
  it("keeps a triple where its words stand in a row when it also occurs apart before", () => {
    // "a b x c" holds a b c apart (0,1,3); "a b c" later holds them in a row.
    const found = indexShingles(tokenize("a b x c y a b c"));
    const abc = found.filter((s) => s.key === shingleKey(["a", "b", "c"]));
    expect(abc.map(words)).toEqual(["5,6,7"]);
    expect(isGapped(abc[0]!)).toBe(false);
    const apart = indexShingles(tokenize("a b x c")).find((s) => s.key === shingleKey(["a", "b", "c"]))!;
    expect(isGapped(apart)).toBe(true);
  });

  it("stores the three triples of span 4 at every position, as far as the text goes", () => {
    expect(indexShingles(tokenize("a b c d e")).map(words)).toEqual([
      "0,1,2",
      "0,1,3",
      "0,2,3",
      "1,2,3",
      "1,2,4",
      "1,3,4",
      "2,3,4",
    ]);
    expect(indexShingles(tokenize("a b c")).map(words)).toEqual(["0,1,2"]);
    expect(indexShingles(tokenize("a b"))).toEqual([]);
  });

  it("stays within 3 items per word, each key once with its first position", () => {
    const items = indexShingles(seedTokens);
    expect(items.length).toBeLessThanOrEqual(SHINGLE_PATTERNS.length * seedTokens.length);
    expect(new Set(items.map((s) => s.key)).size).toBe(items.length);
    // "اتفاق وقف إطلاق النار" occurs four times in the seed; its triple is stored once, first.
    const key = shingleKey(["اتفاق", "وقف", "اطلاق"]);
    const first = seedTokens.findIndex((t, i) => t.norm === "اتفاق" && seedTokens[i + 1]!.norm === "وقف");
    expect(items.filter((s) => s.key === key)).toEqual([
      { key, index: first, words: [first, first + 1, first + 2] },
    ]);
  });
});

describe("selectFragmentKeys", () => {
  it("starts with a set that survives any one edit, for 3, 4 and 5 words", () => {
    expect(selectFragmentKeys(tokenize("a b c")).map(words)).toEqual(["0,1,2"]);
    expect(selectFragmentKeys(tokenize("a b c d")).map(words)).toEqual([
      "0,1,2",
      "1,2,3",
      "0,2,3",
      "0,1,3",
      // then the joined readings: "ab c d", "a b cd", "a bc d" (joinedKeys)
      "0,1,2,3",
      "0,1,2,3",
      "0,1,2,3",
    ]);
    expect(selectFragmentKeys(tokenize("a b c d e")).slice(0, 4).map(words)).toEqual([
      "0,1,2",
      "2,3,4",
      "0,1,3",
      "1,3,4",
    ]);
    expect(selectFragmentKeys(tokenize("a b"))).toEqual([]);
  });

  it("starts with disjoint triples, the ends and the middle first, for longer runs", () => {
    const keys = selectFragmentKeys(tokenize("a b c d e f g h i j k l m n o p q r s t"));
    expect(keys.slice(0, 6).map((s) => s.index)).toEqual([0, 17, 7, 3, 10, 14]);
    // Every key of span 4 is in the list, once, then a joined reading for each two neighbours.
    expect(keys).toHaveLength(18 + 17 * 2 + 19);
    expect(keys.filter((k) => k.joined !== undefined)).toHaveLength(19);
    expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
  });

  it("lists a repeated triple once", () => {
    expect(selectFragmentKeys(tokenize("a b c a b c")).map(words)).not.toContain("3,4,5");
  });
});

describe("quoteShingles", () => {
  it("takes keys from the fragments in turn, longest first, up to the maximum", () => {
    const quote = "a b c … d e f g h i j k l m n o p q … r s t u";
    const got = quoteShingles(quote, 6).map((s) => `${s.fragment}@${s.index}`);
    expect(got).toEqual(["1@0", "2@0", "0@0", "1@11", "2@1", "1@4"]);
    expect(quoteShingles(quote, 2)).toHaveLength(2);
    // Every fragment's keys, in rounds: a prefix is a first round, the rest a second one.
    expect(quoteShingles(quote)).toHaveLength(1 + (4 + 3) + (12 + 11 * 2 + 13));
  });

  it("asks each key once", () => {
    expect(quoteShingles("a b c … a b c").map((s) => s.key)).toEqual([shingleKey(["a", "b", "c"])]);
  });

  it("returns nothing for a quote too short to look up", () => {
    expect(quoteShingles("لا يمكن")).toEqual([]);
  });

  it("finds every key of a quote of the seed, however it is written, in the seed's index", () => {
    const quote = "«أياماً قليلةً فقط تُفصِلنا عن جولة من المفاوضات في جنيف… والتي لا يمكن أن يكتب لها النجاح»";
    const keys = quoteShingles(quote, DEFAULT_QUERY_SHINGLES);
    expect(keys).toHaveLength(DEFAULT_QUERY_SHINGLES);
    for (const s of quoteShingles(quote)) {
      if (s.joined === undefined) expect(seedIndex.has(s.key), s.key).toBe(true);
    }
  });
});

/**
 * The promise of the module comment, on documents of distinct words (so no key is found by
 * chance): a fragment of ≥ 4 words with one edit anywhere, or of ≥ 10 words with two, keeps a
 * key of the first round in the document's index.
 */
describe("edits a first round of lookups survives", () => {
  // Letters only: norm-2 splits digits from letters.
  const name = (i: number) => String.fromCharCode(97 + (i % 26), 97 + Math.floor(i / 26));
  const doc = Array.from({ length: 60 }, (_, i) => `w${name(i)}`);
  const index = new Set(indexShingles(tokenize(doc.join(" "))).map((s) => s.key));
  type Edit = { kind: "sub" | "ins" | "del"; at: number };
  const edit = fc.record({ kind: fc.constantFrom("sub", "ins", "del"), at: fc.nat() }) as fc.Arbitrary<Edit>;

  function apply(words: string[], edits: Edit[]): string[] {
    let out = [...words];
    edits.forEach((e, k) => {
      const at = e.at % (out.length + (e.kind === "ins" ? 1 : 0));
      if (e.kind === "sub") out[at] = `x${name(k)}`;
      else if (e.kind === "ins") out.splice(at, 0, `x${name(k)}`);
      else out = out.filter((_, i) => i !== at);
    });
    return out;
  }

  const survives = (quote: string[]) =>
    quoteShingles(quote.join(" "), DEFAULT_QUERY_SHINGLES).some((s) => index.has(s.key));

  it("property: one edit in ≥ 4 words", () => {
    fc.assert(
      fc.property(fc.nat(40), fc.integer({ min: 4, max: 20 }), edit, (start, length, e) => {
        // A deletion needs a word to spare: the quote must keep ≥ 4 words.
        const source = doc.slice(start, start + length + (e.kind === "del" ? 1 : 0));
        const quote = apply(source, [e]);
        fc.pre(quote.length >= 4);
        expect(survives(quote)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("property: two edits in ≥ 10 words", () => {
    fc.assert(
      fc.property(fc.nat(30), fc.integer({ min: 10, max: 25 }), edit, edit, (start, length, a, b) => {
        const dels = [a, b].filter((e) => e.kind === "del").length;
        const quote = apply(doc.slice(start, start + length + dels), [a, b]);
        fc.pre(quote.length >= 10);
        expect(survives(quote)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  /** `length` words of the document from `start`, word k split in two after letter 1 + at. */
  function splitRun(start: number, length: number, k: number, at: number): string[] {
    const quote = doc.slice(start, start + length);
    const word = quote[k % length]!;
    const cut = 1 + (at % (word.length - 1));
    quote.splice(k % length, 1, word.slice(0, cut), word.slice(cut));
    return quote;
  }

  it("property: one word split in two (PDF spacing) in ≥ 4 words", () => {
    fc.assert(
      fc.property(fc.nat(40), fc.integer({ min: 4, max: 20 }), fc.nat(), fc.nat(), (start, length, k, at) => {
        expect(survives(splitRun(start, length, k, at))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("property: a 4–5-word fragment with a word split has two keys of its words in two rounds", () => {
    // One key of a common triple cannot tell its holder from thousands (issue #12): two can.
    fc.assert(
      fc.property(fc.nat(40), fc.integer({ min: 4, max: 5 }), fc.nat(), fc.nat(), (start, length, k, at) => {
        const keys = quoteShingles(splitRun(start, length, k, at).join(" "), 2 * DEFAULT_QUERY_SHINGLES);
        expect(keys.filter((s) => index.has(s.key)).length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads two neighbouring tokens as one word: in the first round for short runs, else last", () => {
    const keys = selectFragmentKeys(tokenize("for red ress in the"));
    const joined = keys.find((s) => s.key === shingleKey(["for", "redress", "in"]))!;
    expect(joined).toMatchObject({ words: [0, 1, 2, 3], joined: 1 });
    expect(isGapped(joined)).toBe(false);
    // 5 tokens: the four keys that survive one edit, then the four joined readings, then a second
    // key of each reading that has one, the joined word as the reading has it, in a row.
    expect(keys.slice(4, 8).every((s) => s.joined !== undefined)).toBe(true);
    const second = keys.find((s) => s.key === shingleKey(["redress", "in", "the"]))!;
    expect(keys.indexOf(second)).toBeGreaterThanOrEqual(8);
    expect(keys.indexOf(second)).toBeLessThan(12);
    expect(second).toMatchObject({ words: [1, 2, 3, 4], joined: 0 });
    expect(isGapped(second)).toBe(false);
    const gapped = keys.find((s) => s.key === shingleKey(["for", "redress", "the"]))!;
    expect(gapped).toMatchObject({ words: [0, 1, 2, 4], joined: 1 });
    expect(isGapped(gapped)).toBe(true);
    const long = selectFragmentKeys(tokenize("a b c d e f g h"));
    const own = long.filter((s) => s.joined === undefined).length;
    expect(long.findIndex((s) => s.joined !== undefined)).toBe(own);
    expect(selectFragmentKeys(tokenize("a b c")).some((s) => s.joined !== undefined)).toBe(false);
  });

  it("finds an exact 3-word fragment, and nothing once one of its words changes", () => {
    expect(survives(doc.slice(7, 10))).toBe(true);
    expect(survives([doc[7]!, "xyz", doc[9]!])).toBe(false);
  });
});
