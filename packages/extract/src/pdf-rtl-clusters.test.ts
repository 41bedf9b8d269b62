import { describe, expect, it } from "vitest";
import { reattachStrandedMarks, repairRtlClusters } from "./pdf-rtl-clusters";

// What pdf.js's bidi() does to a purely right-to-left item: reverse it character by character.
const reversed = (glyphs: string[]): string => [...glyphs.join("")].reverse().join("");

describe("repairRtlClusters", () => {
  it("restores lam-alef ligatures that pdf.js reversed along with the word", () => {
    // الائتلاف in visual order: ف, final lam-alef, ت, ئ, isolated lam-alef, ا.
    const glyphs = ["ف", "لا", "ت", "ئ", "لا", "ا"];
    expect(reversed(glyphs)).toBe("االئتالف");
    expect(repairRtlClusters([{ str: reversed(glyphs), dir: "rtl" }], glyphs)).toEqual(["الائتلاف"]);
  });

  it("keeps digits in order and repairs each item against the page's glyph stream", () => {
    // "لا 47 لأن" drawn as one run: visual ن لأ ␠ 4 7 ␠ لا; pdf.js keeps the digit run in order.
    const line = ["ن", "لأ", " ", "4", "7", " ", "لا"];
    const word = ["ف", "لا", "خ"]; // خلاف, a second item on the page
    const items = [
      { str: "ال 47 ألن", dir: "rtl" },
      { str: "Latin", dir: "ltr" },
      { str: reversed(word), dir: "rtl" },
    ];
    expect(repairRtlClusters(items, [...line, "L", "a", "t", "i", "n", ...word])).toEqual([
      "لا 47 لأن",
      "Latin",
      "خلاف",
    ]);
  });

  it("tolerates glyphs missing from the text content, and leaves unmatched items alone", () => {
    // pdf.js drops a glyph drawn twice at the same spot (fake bold): the stream has extra glyphs.
    const glyphs = ["ب", "ب", "لا", "خ"];
    expect(repairRtlClusters([{ str: reversed(glyphs.slice(1)), dir: "rtl" }], glyphs)).toEqual(["خلاب"]);
    expect(repairRtlClusters([{ str: "فالخ", dir: "rtl" }], ["ب"])).toEqual(["فالخ"]);
    expect(repairRtlClusters([{ str: "abc", dir: "ltr" }], [])).toEqual(["abc"]);
  });

  it("does not reverse what a single-character glyph produced", () => {
    const glyphs = ["ل", "ا"]; // "ال" drawn as two glyphs is already right after pdf.js's reversal
    expect(repairRtlClusters([{ str: "لا", dir: "rtl" }], glyphs)).toEqual(["لا"]);
  });
});

describe("reattachStrandedMarks", () => {
  it("moves a tanween pdf.js attached to the previous item back to its word", () => {
    const items = [
      { str: "ًدرعا،", dir: "rtl" },
      { str: "مدينا", dir: "rtl" },
      { str: "80ً", dir: "ltr" },
      { str: "خرقا", dir: "rtl" },
    ];
    expect(
      reattachStrandedMarks(
        items,
        items.map((i) => i.str),
      ),
    ).toEqual(["درعا،", "مديناً", "80", "خرقاً"]);
  });

  it("leaves legitimate marks alone", () => {
    const items = [
      { str: "cafe\u0301", dir: "ltr" }, // a Latin combining accent is not stranded
      { str: "بَ", dir: "rtl" },
      { str: "ً", dir: "rtl" }, // an item of marks only: nothing to move it from
      { str: "كتب", dir: "rtl" },
    ];
    expect(
      reattachStrandedMarks(
        items,
        items.map((i) => i.str),
      ),
    ).toEqual(["cafe\u0301", "بَ", "ً", "كتب"]);
  });
});
