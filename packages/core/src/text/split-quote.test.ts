import { describe, expect, it } from "vitest";
import { splitQuote } from "./split-quote";

const texts = (quote: string): string[] => splitQuote(quote).map((f) => f.text.trim());

describe("splitQuote", () => {
  it("returns the whole quote when it has no ellipsis", () => {
    expect(splitQuote("قال الائتلاف إن النظام")).toEqual([
      { text: "قال الائتلاف إن النظام", start: 0, end: 22 },
    ]);
  });

  it.each([
    ["a … b", ["a", "b"]],
    ["a…b", ["a", "b"]],
    ["a ... b", ["a", "b"]],
    ["a .... b", ["a", "b"]],
    ["a . . . b", ["a", "b"]],
    ["a [...] b", ["a", "b"]],
    ["a […] b", ["a", "b"]],
    ["a [ … ] b", ["a", "b"]],
    ["a (...) b", ["a", "b"]],
    ["a (…) b", ["a", "b"]],
    ["a ⋯ b", ["a", "b"]],
    ["a ….. b", ["a", "b"]],
    ["a .. b", ["a .. b"]],
    ["a. b", ["a. b"]],
    ["a … b … c", ["a", "b", "c"]],
  ])("splits %j", (quote, expected) => {
    expect(texts(quote)).toEqual(expected);
  });

  it("drops leading, trailing and word-less pieces, and keeps offsets into the quote", () => {
    const quote = "«… أياماً قليلة […] ، … لا يمكن …»";
    const fragments = splitQuote(quote);
    expect(fragments.map((f) => f.text.trim())).toEqual(["أياماً قليلة", "لا يمكن"]);
    for (const f of fragments) expect(quote.slice(f.start, f.end)).toBe(f.text);
  });

  it("returns nothing for a quote without words", () => {
    expect(splitQuote("")).toEqual([]);
    expect(splitQuote(" … ")).toEqual([]);
  });
});
