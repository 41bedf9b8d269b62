import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DEFAULT_QUERY_SHINGLES,
  indexShingles,
  quoteShingles,
  selectQueryShingles,
  shingleKey,
  shingleKeys,
} from "./shingles";
import { tokenize } from "./normalize";
import { expectIsnadError } from "../__fixtures__/expect-error";
import { SEED_TEXT } from "./__fixtures__/seed";

const seedTokens = tokenize(SEED_TEXT);
const seedIndex = new Set(indexShingles(seedTokens).map((s) => s.key));

describe("shingleKey", () => {
  it("is the size and the first 64 bits of SHA-256 of the folded words joined by spaces", () => {
    // FIPS 180-2 B.1: SHA-256("abc") = ba7816bf8f01cfea…
    expect(shingleKey(["abc"])).toBe("1:ba7816bf8f01cfea");
    expect(shingleKey(["a", "bc"])).not.toBe(shingleKey(["ab", "c"]));
    expect(shingleKey(["ارتكبت", "نحو", "80", "خرقا", "لاتفاق"])).toMatch(/^5:[0-9a-f]{16}$/);
  });
});

describe("shingleKeys", () => {
  it("gives one key per position, with the index of its first token", () => {
    const tokens = tokenize("a b c d e f g");
    const keys = shingleKeys(tokens, 5);
    expect(keys.map((k) => k.index)).toEqual([0, 1, 2]);
    expect(keys[1]).toEqual({ key: shingleKey(["b", "c", "d", "e", "f"]), size: 5, index: 1 });
    expect(shingleKeys(tokens, 8)).toEqual([]);
  });

  it("gives equal keys to texts that differ only in what normalization folds", () => {
    const a = shingleKeys(tokenize("ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار"), 5);
    const b = shingleKeys(tokenize("«ارتكبت  نحو ٨٠ خرقا، لاتفاق وقف اطلاق النار»"), 5);
    expect(b).toEqual(a);
  });

  it("rejects a size that is not a positive integer", () => {
    for (const size of [0, -1, 2.5, Number.NaN]) {
      expectIsnadError(() => shingleKeys([], size), "INVALID_ARGUMENT");
    }
  });
});

describe("indexShingles", () => {
  it("stays within 2 items per word, each key once with its first position", () => {
    const items = indexShingles(seedTokens);
    expect(items.length).toBeLessThanOrEqual(2 * seedTokens.length);
    expect(new Set(items.map((s) => s.key)).size).toBe(items.length);
    // "اتفاق وقف إطلاق النار" occurs four times in the seed; its 3-shingle is stored once, first.
    const key = shingleKey(["اتفاق", "وقف", "اطلاق"]);
    const first = seedTokens.findIndex((t, i) => t.norm === "اتفاق" && seedTokens[i + 1]!.norm === "وقف");
    expect(items.filter((s) => s.key === key)).toEqual([{ key, size: 3, index: first }]);
  });

  it("indexes 5- and 3-shingles at every position", () => {
    const tokens = tokenize("a b c d e f");
    expect(indexShingles(tokens).map((s) => `${s.size}@${s.index}`)).toEqual([
      "5@0",
      "5@1",
      "3@0",
      "3@1",
      "3@2",
      "3@3",
    ]);
    expect(indexShingles(tokenize("a b"))).toEqual([]);
  });
});

describe("selectQueryShingles", () => {
  it("spreads 5-shingles over a long run, first and last included", () => {
    const tokens = tokenize("a b c d e f g h i j k l m n o p q r s t");
    expect(selectQueryShingles(tokens).map((s) => s.index)).toEqual([0, 5, 10, 15]);
    expect(selectQueryShingles(tokens, 1).map((s) => s.index)).toEqual([0]);
    expect(selectQueryShingles(tokens, 3).map((s) => s.index)).toEqual([0, 8, 15]);
  });

  it("takes every position when there are fewer than asked", () => {
    const tokens = tokenize("a b c d e f");
    expect(selectQueryShingles(tokens).map((s) => `${s.size}@${s.index}`)).toEqual(["5@0", "5@1"]);
  });

  it("uses 3-shingles for 3 or 4 words and nothing below", () => {
    expect(selectQueryShingles(tokenize("a b c d")).map((s) => `${s.size}@${s.index}`)).toEqual([
      "3@0",
      "3@1",
    ]);
    expect(selectQueryShingles(tokenize("a b c")).map((s) => `${s.size}@${s.index}`)).toEqual(["3@0"]);
    expect(selectQueryShingles(tokenize("a b"))).toEqual([]);
    expect(selectQueryShingles(tokenize("a b c d e"), 0)).toEqual([]);
  });
});

describe("quoteShingles", () => {
  it("takes shingles from the fragments in turn, longest first, up to the maximum", () => {
    const quote = "a b c … d e f g h i j k l m n o p q … r s t u";
    const got = quoteShingles(quote).map((s) => `${s.fragment}:${s.size}@${s.index}`);
    expect(got).toEqual(["1:5@0", "2:3@0", "0:3@0", "1:5@3"]);
    expect(quoteShingles(quote, 2)).toHaveLength(2);
    expect(quoteShingles(quote, 10)).toHaveLength(10);
    expect(quoteShingles(quote, 20)).toHaveLength(13);
  });

  it("asks each key once", () => {
    expect(quoteShingles("a b c d e … a b c d e").map((s) => s.key)).toEqual([shingleKey([..."abcde"])]);
  });

  it("returns nothing for a quote too short to look up", () => {
    expect(quoteShingles("لا يمكن")).toEqual([]);
  });

  it("finds every key of a quote of the seed, however it is written, in the seed's index", () => {
    const quote = "«أياماً قليلةً فقط تُفصِلنا عن جولة من المفاوضات في جنيف… والتي لا يمكن أن يكتب لها النجاح»";
    const keys = quoteShingles(quote);
    expect(keys).toHaveLength(DEFAULT_QUERY_SHINGLES);
    for (const s of keys) expect(seedIndex.has(s.key), s.key).toBe(true);
  });

  it("property: every query shingle of a run of the seed's words is in its index", () => {
    fc.assert(
      fc.property(fc.nat(seedTokens.length - 1), fc.integer({ min: 3, max: 40 }), (start, length) => {
        const run = seedTokens.slice(start, start + length);
        fc.pre(run.length >= 3);
        const quote = SEED_TEXT.slice(run[0]!.start, run[run.length - 1]!.end);
        for (const s of quoteShingles(quote)) expect(seedIndex.has(s.key)).toBe(true);
      }),
    );
  });

  it("keeps some look-ups intact when one word of a long quote is changed", () => {
    const quote =
      "ارتكبت نحو 90 خرقاً لاتفاق وقف إطلاق النار، خلال الأيام الثلاثة الماضية فقط، كان بينها أكثر من 30 خرقاً";
    const keys = quoteShingles(quote);
    expect(keys.filter((s) => seedIndex.has(s.key)).length).toBeGreaterThanOrEqual(2);
    expect(keys.filter((s) => !seedIndex.has(s.key)).length).toBeGreaterThanOrEqual(1);
  });
});
