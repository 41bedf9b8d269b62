import { describe, expect, it } from "vitest";
import { applyActualText, glyphsOutsideActualText, marksAlign, type ContentItem } from "./pdf-actual-text";

const text = (str: string, x: number, width: number, dir = "rtl", y = 700): ContentItem => ({
  str,
  dir,
  transform: [14, 0, 0, 14, x, y],
  width,
  height: 14,
});
const span: ContentItem = { type: "beginMarkedContentProps", tag: "Span" };
const end: ContentItem = { type: "endMarkedContent" };

describe("applyActualText", () => {
  it("puts a sequence's ActualText in place of its glyphs, over their box", () => {
    // Chromium: "ةِ" drawn as a kasra and an unmapped glyph; the word space is outside the ink.
    const items = [text("ر", 100, 7), span, text("ِ\u0000", 92, 6, "ltr"), end];
    const marks = [{ tag: "Span", actualText: "ةِ" }];
    expect(marksAlign(items, marks)).toBe(true);
    const pieces = applyActualText(items, marks);
    expect(pieces.map((p) => [p.str, p.actual, p.x, p.width])).toEqual([
      ["ر", false, 100, 7],
      ["ةِ", true, 92, 6],
    ]);
  });

  it("leaves a drawn space out of the cluster's box, and keeps pdf.js's narrow guesses in it", () => {
    const items = [span, text(" ", 80, 5, "ltr"), text("س", 85, 12), end];
    const chromium = applyActualText(items, [{ tag: "Span", actualText: "س" }], new Set([0]));
    expect(chromium[0]).toMatchObject({ x: 85, width: 12 });
    const narrow = [span, text(" ", 83, 2, "ltr"), text("س", 85, 12), end];
    expect(applyActualText(narrow, [{ tag: "Span", actualText: "س" }])[0]).toMatchObject({
      x: 83,
      width: 14,
    });
  });

  it("gives an advance-less cluster the width up to the next letter drawn on its line", () => {
    const items = [span, text("أَ", 209.9, 0), end, text("الحكومة", 211.8, 60)];
    const [cluster] = applyActualText(items, [{ tag: "Span", actualText: "أَ" }]);
    expect(cluster).toMatchObject({ x: 209.9, estimated: true });
    expect(cluster!.width).toBeCloseTo(1.9);
  });

  it("ignores sequences without ActualText, and all of them when the lists do not align", () => {
    const items = [span, text("ب", 10, 5), end];
    expect(applyActualText(items, [{ tag: "Span", actualText: null }])[0]).toMatchObject({
      str: "ب",
      actual: false,
    });
    expect(marksAlign(items, [])).toBe(false);
    expect(marksAlign(items, [{ tag: "P", actualText: "x" }])).toBe(false);
    expect(applyActualText(items, undefined)[0]).toMatchObject({ str: "ب", actual: false });
  });
});

describe("glyphsOutsideActualText", () => {
  it("lists glyphs outside ActualText sequences and notes the sequences that draw a space", () => {
    const codes = { showText: 1, beginMarkedContent: 2, beginMarkedContentProps: 3, endMarkedContent: 4 };
    const glyph = (unicode: string) => ({ unicode });
    const ops = {
      fnArray: [1, 3, 1, 4, 3, 1, 4, 2, 1, 4],
      argsArray: [
        [[glyph("ا"), 12]],
        null,
        [[glyph("\u0000"), glyph(" ")]],
        null,
        null,
        [[glyph("ل")]],
        null,
        null,
        [[glyph("م")]],
        null,
      ],
    };
    const marks = [
      { tag: "Span", actualText: "ةِ" },
      { tag: "Span", actualText: null },
    ];
    expect(glyphsOutsideActualText(ops, codes, marks)).toEqual({
      glyphs: ["ا", "ل", "م"],
      spaced: new Set([0]),
    });
  });
});
