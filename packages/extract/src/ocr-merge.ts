/**
 * Two readings of the same text at two glyph sizes, merged word by word by tesseract's own
 * confidence (issue #18). Pure.
 *
 * Why: Debian's `ara` model (tessdata_fast) misreads a word at one glyph size and reads it right at
 * another, and which size is right depends on the font, not on the image: on tests/corpus/ocr,
 * Amiri 20 px read at ×2 has half the character error of ×1 (5 vs 10–12 errors), while DejaVu Sans
 * 20 px read at ×2 has nine times as many (9 vs 1). No one scale suits every font (×2 for all: 2.46 %
 * against 1.27 %). tesseract's word confidence does tell the two apart where it matters: a word
 * misread at one size is read there with low confidence (Amiri 20 px at ×1: "ومس" 0, "وإن" 24,
 * "يُفرض" 25; at ×2 "وخمس" 84, "ولن" 92, "تفرض" 88). So a word read unsure is replaced by the
 * other reading's word at the same place when that one is read with more confidence.
 *
 * Only one word for one word: where the two readings cut a stretch into words differently (a split
 * or glued word), the first reading stands, since confidences of different cuts do not compare.
 */
import type { TsvText, TsvWord } from "./ocr-tsv";

/**
 * Share of the wider of two words' widths their boxes must overlap sideways to be the same word
 * (and more than half the lower one's height up and down: the same line).
 */
const SAME_WORD = 0.7;

/** Whether two word boxes (in the same image's pixels) are the same word of the same line. */
function sameWord(a: TsvWord["box"], b: TsvWord["box"]): boolean {
  const across = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const down = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return across > SAME_WORD * Math.max(a.width, b.width) && down > Math.min(a.height, b.height) / 2;
}

/**
 * `first` with each word read below `unsure` confidence replaced by the one word of `other` at the
 * same place (sameWord) when `other` read it with more confidence. Lines, paragraphs and word
 * order are `first`'s; offsets are recomputed for the new words.
 */
export function mergeReadings(first: TsvText, other: TsvText, unsure: number): TsvText {
  // A reading less sure on the whole is of a size this font reads worse at (DejaVu Sans 30 px
  // JPEG at ×2: mean 40 against 88, 31 errors against 2), where a word it is surer of is chance.
  if (mean(other.words) < mean(first.words)) return first;
  let text = "";
  let end = 0;
  const words: TsvWord[] = [];
  for (const word of first.words) {
    text += first.text.slice(end, word.start);
    end = word.end;
    const chosen = word.confidence < unsure ? better(word, other.words) : word;
    const start = text.length;
    text += chosen.text;
    // A word the readings disagree on stays as unsure as the first reading was of it: the verdicts
    // put a number read differently on an unsure word down to OCR (core's ocr-verdict.ts).
    const confidence = Math.min(chosen.confidence, word.confidence);
    words.push({ ...chosen, confidence, start, end: text.length });
  }
  return { text: text + first.text.slice(end), words };
}

const mean = (words: readonly TsvWord[]): number =>
  words.length ? words.reduce((sum, w) => sum + w.confidence, 0) / words.length : 0;

function better(word: TsvWord, others: readonly TsvWord[]): TsvWord {
  const there = others.filter((o) => sameWord(o.box, word.box));
  const [only] = there;
  return there.length === 1 && only!.confidence > word.confidence ? only! : word;
}
