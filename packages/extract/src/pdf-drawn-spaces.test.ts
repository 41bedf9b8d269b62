import { describe, expect, it } from "vitest";
import { drawnSpaces, type SpaceOps } from "./pdf-drawn-spaces";
import { GUESSED_BOUNDARY, joinPlacedText, type PlacedText } from "./pdf-lines";

// pdf.js's OPS numbers for these operators (pdfjs-dist's OPS table).
const OPS: SpaceOps = {
  save: 10,
  restore: 11,
  transform: 12,
  beginText: 31,
  setCharSpacing: 33,
  setWordSpacing: 34,
  setHScale: 35,
  setLeading: 36,
  setFont: 37,
  setTextRise: 39,
  moveText: 40,
  setLeadingMoveText: 41,
  setTextMatrix: 42,
  nextLine: 43,
  showText: 44,
};

const glyph = (unicode: string, width: number) => ({ unicode, width, isSpace: unicode === " " });

function ops(...list: [number, unknown[]][]) {
  return { fnArray: list.map(([fn]) => fn), argsArray: list.map(([, args]) => args) };
}

describe("drawnSpaces", () => {
  it("places each drawn space glyph by replaying Tm, Tf, TJ adjustments and advances", () => {
    const spaces = drawnSpaces(
      ops(
        [OPS.beginText, []],
        [OPS.setFont, ["F1", 10]],
        [OPS.setTextMatrix, [[1, 0, 0, 1, 100, 700]]],
        // "a" (0.5 em), moved 0.1 em right by a TJ of -100, a space (0.25 em), "b".
        [OPS.showText, [[glyph("a", 500), -100, glyph(" ", 250), glyph("b", 500)]]],
        [OPS.moveText, [0, -20]],
        [OPS.showText, [[glyph(" ", 250)]]],
      ),
      OPS,
    );
    expect(spaces).toHaveLength(2);
    expect(spaces[0]!.x).toBeCloseTo(106);
    expect(spaces[0]!.width).toBeCloseTo(2.5);
    expect(spaces[0]).toMatchObject({ y: 700, size: 10 });
    // Td moves from the start of the line, not from where the text ended.
    expect(spaces[1]!.x).toBeCloseTo(100);
    expect(spaces[1]!.y).toBeCloseTo(680);
  });

  it("applies the graphics state's matrix, and restores it", () => {
    const spaces = drawnSpaces(
      ops(
        [OPS.save, []],
        [OPS.transform, [2, 0, 0, 2, 10, 0]],
        [OPS.beginText, []],
        [OPS.setFont, ["F1", 10]],
        [OPS.showText, [[glyph(" ", 250)]]],
        [OPS.restore, []],
        [OPS.beginText, []],
        [OPS.showText, [[glyph(" ", 250)]]], // the font size went with the restored state (Tf is in it)
        [OPS.setFont, ["F1", 10]],
        [OPS.showText, [[glyph(" ", 250)]]],
      ),
      OPS,
    );
    expect(spaces.map((s) => [s.x, s.width, s.size])).toEqual([
      [10, 5, 20],
      [0, 2.5, 10],
    ]);
  });

  it("finds nothing without a font size or in foreign arguments", () => {
    expect(drawnSpaces(ops([OPS.showText, [[glyph(" ", 250)]]]), OPS)).toEqual([]);
    expect(drawnSpaces(ops([OPS.setTextMatrix, ["x"]], [OPS.showText, [null]]), OPS)).toEqual([]);
  });
});

describe("joinPlacedText with drawn spaces", () => {
  // A word whose last cluster's box is a guess (LibreOffice), 3 pt from the next word at 14 pt.
  const cluster: PlacedText = {
    str: "أَ",
    x: 329.8,
    y: 729.8,
    width: 1.4,
    size: 14,
    actual: true,
    estimated: true,
  };
  const word: PlacedText = { str: "ال", x: 334.6, y: 729.8, width: 8, size: 14 };

  it("joins a guessed gap where the page draws no space there, and says nothing is guessed", () => {
    const elsewhere = [{ x: 341.8, y: 729.8, width: 4.1, size: 14 }];
    expect(joinPlacedText([cluster, word], elsewhere)).toBe("الأَ");
  });

  it("puts a word gap where a space glyph was drawn, even inside the guessed box's near half", () => {
    expect(joinPlacedText([cluster, word], [{ x: 331.4, y: 729.8, width: 4.1, size: 14 }])).toBe("ال أَ");
    const wide = { ...cluster, x: 326, width: 8.6 }; // the space drawn in the cluster's sequence
    expect(joinPlacedText([wide, word], [{ x: 331, y: 729.8, width: 4.1, size: 14 }])).toBe("ال أَ");
  });

  it("guesses as before on a page that draws no spaces, and marks the guess", () => {
    expect(joinPlacedText([cluster, word])).toBe(`ال ${GUESSED_BOUNDARY}أَ`);
  });
});
