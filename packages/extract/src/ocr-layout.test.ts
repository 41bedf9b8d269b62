import { describe, expect, it } from "vitest";
import { oneColumnRegion } from "./ocr-layout";

/** A TSV row: level, page, block, paragraph, line, word, left, top, width, height, conf, text. */
const row = (level: number, block: number, line: number, box: number[], text = "", conf = 90) =>
  [level, 1, block, 1, line, level === 5 ? 1 : 0, ...box, level === 5 ? conf : -1, text].join("\t");

/** A line of `words` words, each filling 80 % of its share of the line's width. */
function line(
  block: number,
  n: number,
  [x, y, width, height]: [number, number, number, number],
  words: string[],
  conf = 90,
) {
  const share = width / words.length;
  return [
    row(4, block, n, [x, y, width, height]),
    ...words.map((w, i) =>
      row(5, block, n, [Math.round(x + i * share), y, Math.round(0.8 * share), height], w, conf),
    ),
  ];
}

describe("oneColumnRegion", () => {
  it("widens the text lines by a line height sideways and a quarter up and down, within the image", () => {
    const tsv = [
      row(2, 1, 0, [40, 30, 700, 90]),
      ...line(1, 1, [40, 30, 700, 24], ["وزير", "المياه", "أكد"]),
      ...line(1, 2, [60, 64, 680, 24], ["أن", "الحكومة", "لن"]),
      row(2, 2, 0, [300, 140, 200, 24]),
      ...line(2, 1, [300, 140, 200, 24], ["Genève", "lundi"]),
      // A block of a stray mark, no letters: left out of the region.
      row(2, 3, 0, [0, 400, 5, 5]),
      ...line(3, 1, [0, 400, 5, 5], ["."]),
    ].join("\n");
    expect(oneColumnRegion(tsv, 760, 500)).toEqual({
      box: { x: 16, y: 24, width: 744, height: 146 },
      border: 24,
    });
  });

  it("leaves out a row of icons and an avatar beside name bars, as a phone crop's chrome", () => {
    // As psm 3 read the phone crops of tests/corpus/ocr: the avatar and name bars a line of 88 px,
    // the action icons a row of single marks far apart, both in the blocks of the text.
    const tsv = [
      row(2, 1, 0, [56, 88, 711, 540]),
      row(4, 1, 1, [56, 88, 348, 88]),
      row(5, 1, 1, [56, 88, 88, 88], "©6", 55),
      row(5, 1, 1, [160, 104, 240, 24], "ىس", 74),
      ...line(1, 2, [56, 210, 654, 34], ["The", "Port", "and", "Harbour", "Authority"]),
      ...line(1, 3, [56, 264, 642, 34], ["that", "the", "northern", "terminal"]),
      row(4, 1, 4, [72, 601, 672, 22]),
      ...[72, 289, 498, 714].map((x, i) => row(5, 1, 4, [x, 601, 32, 22], ["C", "VU", "C)", "CO"][i], 76)),
    ].join("\n");
    // Lines 34 px high (the median): a quarter is 9: 210 − 9 to 298 + 9 down, the icons (601) and avatar (88) out.
    expect(oneColumnRegion(tsv, 828, 700)).toEqual({
      box: { x: 22, y: 201, width: 722, height: 106 },
      border: 34,
    });
  });

  it("takes blocks that overlap, or a sliver beside a line, for pieces of one column", () => {
    // As psm 3 cut a KacstOne 20px JPEG q70 paragraph (tests/corpus/ocr), lines 24 px high.
    const pieces = [
      row(2, 1, 0, [51, 63, 510, 60]),
      ...line(1, 1, [177, 63, 384, 24], ["نحو", "مئة"]),
      row(2, 2, 0, [567, 67, 35, 19]),
      ...line(2, 1, [567, 67, 35, 19], ["ار"]),
      row(2, 3, 0, [30, 68, 717, 22]),
      ...line(3, 1, [30, 68, 717, 22], ["في", "درعا", "النار"]),
    ].join("\n");
    expect(oneColumnRegion(pieces, 776, 184)).toEqual({
      box: { x: 8, y: 57, width: 761, height: 39 },
      border: 22,
    });
  });

  it("gives nothing for blocks side by side (columns) or no words of letters", () => {
    const columns = [
      row(2, 1, 0, [400, 30, 300, 200]),
      ...line(1, 1, [400, 30, 300, 20], ["left", "column"]),
      row(2, 2, 0, [40, 40, 300, 200]),
      ...line(2, 1, [40, 40, 300, 20], ["right", "column"]),
    ].join("\n");
    expect(oneColumnRegion(columns, 800, 300)).toBeUndefined();
    expect(
      oneColumnRegion([row(2, 1, 0, [0, 0, 9, 9]), ...line(1, 1, [0, 0, 9, 9], ["٣"])].join("\n"), 9, 9),
    ).toBeUndefined();
  });
});
