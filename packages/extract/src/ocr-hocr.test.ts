import { describe, expect, it } from "vitest";
import { hamzaOrComma, parseTesseractHocr } from "./ocr-hocr";
import { parseTesseractTsv } from "./ocr-tsv";

/** A character as tesseract 5 writes it with hocr_char_boxes=1 and lstm_choice_mode=2. */
const char = (text: string, ...choices: [string, number][]) =>
  `<span class='ocrx_cinfo' title='x_bboxes 1 2 3 4; x_conf 99.1'>${text}</span>
        <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
${choices.map(([c, conf], i) => `         <span class='ocrx_cinfo' id='choice_1_1_${i}' title='x_confs ${conf}'>${c}</span>`).join("\n")}
        </span>`;
const word = (box: string, conf: number, chars: string[]) =>
  `<span class='ocrx_word' id='word_1_1' title='bbox ${box}; x_wconf ${conf}'>\n${chars.join("\n")}\n      </span>`;

// Excerpts of tesseract 5.3's hOCR of tests/corpus/ocr/images/daraa.dejavu-sans.20px.png (the
// comma after "درعا" read as a final hamza, punctuation its runner-up) and of a real final hamza.
const HOCR = `<div class='ocr_page' id='page_1' title='bbox 0 0 800 200'>
   <div class='ocr_carea' id='block_1_1' title="bbox 50 30 760 90">
    <p class='ocr_par' dir='rtl' id='par_1_1' lang='ara' title="bbox 50 30 760 90">
     <span class='ocr_line' id='line_1_1' title="bbox 59 31 760 56; baseline 0 -5">
      ${word("597 61 614 95", 91, [char("ف", ["ف", 90.7], ["ق", 0]), char("ي", ["ي", 88.4])])}
      ${word("546 70 586 90", 92, [char("د", ["د", 92.7]), char("ر", ["ر", 94.9]), char("ع", ["ع", 95]), char("ا", ["ا", 96.7]), char("ء", ["ء", 95.8], [".", 15.6], [",", 14.9])])}
     </span>
     <span class='ocr_line' id='line_1_2' title="bbox 125 65 759 90">
      ${word("359 38 404 52", 93, [char("ا", ["ا", 90]), char("ل", ["ل", 90]), char("ث", ["ث", 90]), char("ا", ["ا", 90]), char("ء", ["ء", 92], [".", 0])])}
      ${word("300 38 340 52", 40, [char("&lt;", ["&lt;", 40]), char("&#39;", ["&#39;", 40])])}
     </span>
    </p>
    <p class='ocr_par' dir='rtl' id='par_1_2' lang='ara' title="bbox 50 30 760 90">
     <span class='ocr_line' id='line_1_3' title="bbox 125 65 759 90">
      ${word("600 100 640 120", 88, [char("ء", ["ء", 90], ["،", 80])])}
     </span>
    </p>
   </div>
  </div>`;

describe("parseTesseractHocr", () => {
  it("gives the words, lines and paragraphs of tesseract's hOCR as its TSV would", () => {
    const read = parseTesseractHocr(HOCR);
    expect(read.text).toBe("في درعا،\nالثاء <'\n\nء");
    expect(read.words.map((w) => [w.text, w.confidence])).toEqual([
      ["في", 91],
      ["درعا،", 92],
      ["الثاء", 93],
      ["<'", 40],
      ["ء", 88],
    ]);
    expect(read.words[1]!.box).toEqual({ x: 546, y: 70, width: 40, height: 20 });
    for (const w of read.words) expect(read.text.slice(w.start, w.end)).toBe(w.text);
    // The same words and joins as the TSV reader's (ocr-tsv.ts) for the same layout.
    const tsv = [
      ["5", "1", "1", "1", "1", "1", "597", "61", "17", "34", "91", "في"],
      ["5", "1", "1", "1", "1", "2", "546", "70", "40", "20", "92", "درعا،"],
      ["5", "1", "1", "1", "2", "1", "359", "38", "45", "14", "93", "الثاء"],
      ["5", "1", "1", "1", "2", "2", "300", "38", "40", "14", "40", "<'"],
      ["5", "1", "1", "2", "1", "1", "600", "100", "40", "20", "88", "ء"],
    ];
    expect(parseTesseractTsv(tsv.map((r) => r.join("\t")).join("\n")).text).toBe(read.text);
  });

  it("reads a final hamza as the comma only after a letter and with punctuation runner-up", () => {
    const c = (text: string, ...choices: [string, number][]) => ({ text, choices });
    expect(hamzaOrComma([c("ا"), c("ء", ["ء", 95], [".", 16])])).toBe(true);
    expect(hamzaOrComma([c("ر"), c("ء", ["ء", 93], ["»", 81])])).toBe(true);
    // A real final hamza: no punctuation, or punctuation the model gave nothing.
    expect(hamzaOrComma([c("ا"), c("ء", ["ء", 92], [".", 0])])).toBe(false);
    expect(hamzaOrComma([c("ا"), c("ء", ["ء", 92], ["ئ", 40])])).toBe(false);
    // A hamza alone, or after a digit, is no word glued to a comma.
    expect(hamzaOrComma([c("ء", ["ء", 92], ["،", 80])])).toBe(false);
    expect(hamzaOrComma([c("٣"), c("ء", ["ء", 92], ["،", 80])])).toBe(false);
  });
});
