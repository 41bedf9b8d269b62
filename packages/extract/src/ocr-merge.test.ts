import { describe, expect, it } from "vitest";
import { mergeReadings } from "./ocr-merge";
import type { TsvText, TsvWord } from "./ocr-tsv";

/** A reading of words on lines: [text, confidence, x, y, width] each, joined as ocr-tsv.ts joins them. */
function reading(lines: [string, number, number, number, number][][]): TsvText {
  let text = "";
  const words: TsvWord[] = [];
  lines.forEach((line, i) => {
    if (i > 0) text += "\n";
    line.forEach(([word, confidence, x, y, width], j) => {
      if (j > 0) text += " ";
      words.push({ text: word, confidence, box: { x, y, width, height: 20 }, start: text.length, end: 0 });
      text += word;
      words.at(-1)!.end = text.length;
    });
  });
  return { text, words };
}

describe("mergeReadings", () => {
  const first = reading([
    [
      ["يعلن", 91, 300, 0, 40],
      ["ومس", 0, 240, 0, 40],
    ],
    [["وإن", 24, 300, 30, 30]],
  ]);

  it("replaces an unsure word by the other reading's word at the same place when it is surer", () => {
    const other = reading([
      [
        ["يعلن", 60, 301, 1, 39],
        ["وخمس", 84, 236, 0, 46],
      ],
      [["ولن", 92, 302, 31, 29]],
    ]);
    const merged = mergeReadings(first, other, 80);
    expect(merged.text).toBe("يعلن وخمس\nولن");
    for (const w of merged.words) expect(merged.text.slice(w.start, w.end)).toBe(w.text);
    // A sure word stays, even where the other reading is less sure of it.
    expect(merged.words[0]).toMatchObject({ text: "يعلن", confidence: 91, box: { x: 300 } });
  });

  it("keeps the first reading where the other is less sure, elsewhere, or cuts the words differently", () => {
    const other = reading([
      [
        ["يعلن", 95, 300, 0, 40],
        // Two words where the first reading has one: confidences of different cuts do not compare.
        ["و", 90, 262, 0, 18],
        ["مس", 90, 240, 0, 20],
      ],
      // The same place on another line is another word.
      [["ولن", 92, 300, 60, 30]],
    ]);
    expect(mergeReadings(first, other, 80)).toEqual(first);
    const lessSure = reading([[["قمس", 0, 240, 0, 40]]]);
    expect(mergeReadings(first, lessSure, 80)).toEqual(first);
  });
});
