import { describe, expect, it } from "vitest";
import { oneColumnRegion } from "./ocr-layout";

/** A TSV row: level, page, block, paragraph, line, word, left, top, width, height, conf, text. */
const row = (level: number, block: number, line: number, box: number[], text = "") =>
  [level, 1, block, 1, line, level === 5 ? 1 : 0, ...box, level === 5 ? 90 : -1, text].join("\t");

describe("oneColumnRegion", () => {
  it("pads the union of stacked blocks with words by the median line height, within the image", () => {
    const tsv = [
      row(2, 1, 0, [40, 30, 700, 90]),
      row(4, 1, 1, [40, 30, 700, 26]),
      row(5, 1, 1, [600, 30, 40, 20], "وزير"),
      row(2, 2, 0, [300, 140, 200, 20]),
      row(4, 2, 1, [300, 140, 200, 20]),
      row(5, 2, 1, [300, 140, 50, 20], "Genève"),
      // A block of a stray mark, no letters: left out of the region.
      row(2, 3, 0, [0, 400, 5, 5]),
      row(5, 3, 1, [0, 400, 5, 5], "."),
    ].join("\n");
    expect(oneColumnRegion(tsv, 760, 500)).toEqual({ x: 14, y: 4, width: 746, height: 182 });
  });

  it("takes blocks that overlap, or a sliver beside a line, for pieces of one column", () => {
    // As psm 3 cut a KacstOne 20px JPEG q70 paragraph (tests/corpus/ocr), lines 24 px high.
    const pieces = [
      row(2, 1, 0, [51, 63, 510, 60]),
      row(4, 1, 1, [177, 63, 384, 24]),
      row(5, 1, 1, [500, 63, 60, 24], "نحو"),
      row(2, 2, 0, [567, 67, 35, 19]),
      row(4, 2, 1, [567, 67, 35, 19]),
      row(5, 2, 1, [567, 67, 35, 19], "ار"),
      row(2, 3, 0, [30, 68, 717, 22]),
      row(4, 3, 1, [30, 68, 717, 22]),
      row(5, 3, 1, [30, 68, 60, 22], "درعا"),
    ].join("\n");
    expect(oneColumnRegion(pieces, 776, 184)).toEqual({ x: 8, y: 41, width: 761, height: 104 });
  });

  it("gives nothing for blocks side by side (columns) or no words of letters", () => {
    const columns = [
      row(2, 1, 0, [400, 30, 300, 200]),
      row(5, 1, 1, [400, 30, 40, 20], "left"),
      row(2, 2, 0, [40, 40, 300, 200]),
      row(5, 2, 1, [40, 40, 40, 20], "right"),
    ].join("\n");
    expect(oneColumnRegion(columns, 800, 300)).toBeUndefined();
    expect(
      oneColumnRegion([row(2, 1, 0, [0, 0, 9, 9]), row(5, 1, 1, [0, 0, 9, 9], "٣")].join("\n"), 9, 9),
    ).toBeUndefined();
  });
});
