import { describe, expect, it } from "vitest";
import { joinPlacedText } from "./pdf-lines";
import type { PlacedText } from "./pdf-lines";
import { logicalInRtl } from "./rtl";

const SIZE = 12;

/** Pieces of one line placed from `start` in the given direction, `gap` em apart. */
function line(words: string[], y: number, rtl: boolean, gap = 0.3, start = rtl ? 500 : 50): PlacedText[] {
  let x = start;
  return words.map((str) => {
    const width = str.length * SIZE * 0.5;
    if (rtl) x -= width;
    const piece = { str, x, y, width, size: SIZE };
    x += rtl ? -gap * SIZE : width + gap * SIZE;
    return piece;
  });
}

describe("joinPlacedText", () => {
  it("orders right-to-left lines by descending x, whatever the drawing order", () => {
    const pieces = line(["أكد", "الائتلاف", "الوطني"], 700, true).reverse();
    expect(joinPlacedText(pieces)).toBe("أكد الائتلاف الوطني");
  });

  it("orders left-to-right lines by ascending x and lines top to bottom", () => {
    const pieces = [
      ...line(["second", "line"], 685, false),
      ...line(["first", "line"], 700, false),
    ].reverse();
    expect(joinPlacedText(pieces)).toBe("first line\nsecond line");
  });

  it("keeps a Latin phrase in a right-to-left line in its own order, numbers in the line's", () => {
    const pieces = line(
      ["قال", "الأمين", "العام", "47", "30", "Nations", "United", "للأمم", "المتحدة"],
      700,
      true,
    );
    expect(joinPlacedText(pieces)).toBe("قال الأمين العام 47 30 United Nations للأمم المتحدة");
  });

  it("reads a narrow Arabic space (0.15 em) as a word gap", () => {
    expect(joinPlacedText(line(["أكد", "الائتلاف", "الوطني"], 700, true, 0.15))).toBe("أكد الائتلاف الوطني");
  });

  it("joins touching pieces without a space, and tolerates baseline jitter", () => {
    const pieces = line(["ال", "ائتلاف", "الوطني"], 700, true, 0);
    pieces[1] = { ...(pieces[1] as PlacedText), y: 701.5 };
    expect(joinPlacedText(pieces)).toBe("الائتلافالوطني");
  });

  it("puts a blank line where the vertical gap is a paragraph gap, and drops blank pieces", () => {
    const pieces = [
      ...line(["one"], 700, false),
      ...line(["  "], 690, false),
      ...line(["two"], 685, false),
      ...line(["three"], 640, false),
    ];
    expect(joinPlacedText(pieces)).toBe("one\ntwo\n\nthree");
    expect(joinPlacedText([])).toBe("");
  });

  it("does not double spaces that the pieces already carry", () => {
    const pieces = line(["a ", "b"], 700, false, 1);
    expect(joinPlacedText(pieces)).toBe("a b");
  });
});

describe("logicalInRtl", () => {
  it("orders a Latin or numeric piece of right-to-left text logically (UAX #9 W2, W4, W5, N1)", () => {
    expect(logicalInRtl(".COVAX")).toBe("COVAX.");
    expect(logicalInRtl("-0199")).toBe("0199-");
    expect(logicalInRtl(".11-555")).toBe("555-11.");
    expect(logicalInRtl("1,250,000")).toBe("1,250,000");
    expect(logicalInRtl("91%")).toBe("91%");
    expect(logicalInRtl("www.moh.example.org")).toBe("www.moh.example.org");
    expect(logicalInRtl("Weekly Bulletin")).toBe("Weekly Bulletin");
  });
});

describe("joinPlacedText: tables and marks", () => {
  const at = (str: string, x: number, y: number, width = str.length * 6): PlacedText => ({
    str,
    x,
    y,
    width,
    size: SIZE,
  });

  it("reads the cells of an Arabic table's Latin row from the right, each cell in logical order", () => {
    const pieces = [
      at("المحافظة", 450, 700),
      at("النسبة", 300, 700),
      at("التاريخ", 150, 700),
      at("Damascus", 450, 680),
      at("88%", 300, 680),
      at("3", 170, 680, 6),
      at("April", 130, 680, 30), // drawn left of "3": the cell is a right-to-left paragraph
    ];
    expect(joinPlacedText(pieces)).toBe("المحافظة النسبة التاريخ\nDamascus 88% 3 April");
  });

  it("never starts a word with a combining mark", () => {
    // A tanween drawn as its own piece, a little apart from its letter.
    const pieces = [at("مطالبا", 200, 700, 36), at("ً", 190, 700, 0), at("المجتمع", 120, 700, 42)];
    expect(joinPlacedText(pieces)).toBe("مطالباً المجتمع");
  });
});
