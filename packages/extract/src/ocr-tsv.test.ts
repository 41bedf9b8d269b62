import { describe, expect, it } from "vitest";
import { parseTesseractTsv } from "./ocr-tsv";

const HEADER =
  "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";
const row = (block: number, par: number, line: number, word: number, conf: number, text: string) =>
  `5\t1\t${block}\t${par}\t${line}\t${word}\t${10 * word}\t${20 * line}\t9\t12\t${conf}\t${text}`;

describe("parseTesseractTsv", () => {
  it("joins words by line, lines by LF and paragraphs by a blank line, with offsets and boxes", () => {
    const tsv = [
      HEADER,
      "1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t",
      row(1, 1, 1, 1, 91.5, "رحب"),
      row(1, 1, 1, 2, 88, "الائتلاف\u200f"),
      row(1, 1, 2, 1, 77, "اليوم"),
      row(2, 1, 1, 1, 95, "Geneva"),
      row(2, 1, 1, 2, -1, " "),
    ].join("\n");
    const { text, words } = parseTesseractTsv(tsv);
    expect(text).toBe("رحب الائتلاف\nاليوم\n\nGeneva");
    expect(words.map((w) => text.slice(w.start, w.end))).toEqual(["رحب", "الائتلاف", "اليوم", "Geneva"]);
    expect(words[1]).toMatchObject({ confidence: 88, box: { x: 20, y: 20, width: 9, height: 12 } });
  });

  it("reads nothing from output without word rows", () => {
    expect(parseTesseractTsv(`${HEADER}\n1\t1\t0\t0\t0\t0\t0\t0\t10\t10\t-1\t\n`)).toEqual({
      text: "",
      words: [],
    });
    expect(parseTesseractTsv("garbage\n5\tshort")).toEqual({ text: "", words: [] });
  });
});
