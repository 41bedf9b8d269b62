import { describe, expect, it } from "vitest";
import { findSequence, prepareDocument } from "./document";
import { NEGATION_WORDS, countNegations, hasDigit, isNegation } from "./negation";

describe("prepareDocument", () => {
  it("indexes each folded word's positions in order", () => {
    const doc = prepareDocument("وقف إطلاق النار، ثم وقفٌ لإطلاق النار");
    expect(doc.tokens.map((t) => t.norm)).toEqual(["وقف", "اطلاق", "النار", "ثم", "وقف", "لاطلاق", "النار"]);
    expect(doc.positions.get("النار")).toEqual([2, 6]);
    expect(doc.positions.get("وقف")).toEqual([0, 4]);
  });
});

describe("findSequence", () => {
  const doc = prepareDocument("a b c a b d a b c e x");
  const all = (norms: string[], from?: number): number[] => [...findSequence(doc, norms, from)];

  it("finds every occurrence, in order", () => {
    expect(all(["a", "b", "c"])).toEqual([0, 6]);
    expect(all(["a", "b"])).toEqual([0, 3, 6]);
    expect(all(["c"])).toEqual([2, 8]);
  });

  it("starts at `from`", () => {
    expect(all(["a", "b", "c"], 1)).toEqual([6]);
    expect(all(["a", "b", "c"], 6)).toEqual([6]);
    expect(all(["a", "b", "c"], 7)).toEqual([]);
  });

  it("finds nothing for an absent word, an empty sequence, or one running past the end", () => {
    expect(all(["a", "z"])).toEqual([]);
    expect(all([])).toEqual([]);
    // "x" (the rarest word) is last in the document, so the sequence cannot fit after it.
    expect(all(["x", "a"])).toEqual([]);
    expect(all(["e", "x"])).toEqual([9]);
  });
});

describe("negation words", () => {
  it("lists the Arabic particles with their attached و and ف, folded", () => {
    for (const w of [
      "لا",
      "ولا",
      "فلا",
      "لم",
      "ولم",
      "لن",
      "ولن",
      "ما",
      "وما",
      "ليس",
      "وليس",
      "ليست",
      "غير",
    ]) {
      expect(isNegation(w), w).toBe(true);
    }
    expect(isNegation("الا")).toBe(false);
    expect(isNegation("لما")).toBe(false);
  });

  it("lists English and French negations as tokenize writes them", () => {
    for (const w of ["not", "no", "never", "t", "ne", "n", "pas", "jamais", "aucun", "guere"]) {
      expect(isNegation(w), w).toBe(true);
    }
    expect(NEGATION_WORDS.has("guère")).toBe(false);
  });

  it("counts negations and recognises numbers", () => {
    expect(countNegations(["لا", "يمكن", "ولا", "not"])).toBe(3);
    expect(hasDigit("80")).toBe(true);
    expect(hasDigit("a1")).toBe(true);
    expect(hasDigit("ثمانين")).toBe(false);
  });
});
