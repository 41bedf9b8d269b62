/**
 * tesseract's TSV output (`tesseract … tsv`, one row per layout element: level, page, block,
 * paragraph, line, word, left, top, width, height, conf, text) made into text and words. Pure.
 *
 * Words are in reading order within a line (right to left for Arabic), lines in order within a
 * paragraph; the text joins words with a space, lines with "\n" and paragraphs with "\n\n", so that
 * a quote's offsets and the paragraph breaks a reader sees agree. Each word keeps its box in the
 * image and its span in the text, for a verdict to show the region beside the original's words.
 */
export interface TsvWord {
  text: string;
  confidence: number;
  box: { x: number; y: number; width: number; height: number };
  start: number;
  end: number;
}

export interface TsvText {
  text: string;
  words: TsvWord[];
}

/** Level 5 rows are words (tesseract's PageIteratorLevel RIL_WORD + 1). */
const WORD_LEVEL = "5";

// tesseract glues bidi marks (U+200E LRM, U+200F RLM) to words next to a direction change, as its
// plain-text renderer would place them; they are no letters of the image. So are the other
// explicit directional formatting characters (UAX #9 §2) and the Arabic letter mark.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function parseTesseractTsv(tsv: string): TsvText {
  let text = "";
  const words: TsvWord[] = [];
  let line: string | undefined;
  let paragraph: string | undefined;
  for (const row of tsv.split("\n")) {
    const cells = row.split("\t");
    if (cells[0] !== WORD_LEVEL || cells.length < 12) continue;
    const word = cells.slice(11).join("\t").replace(BIDI_CONTROLS, "").trim();
    if (!word) continue;
    const [, page, block, par, ln] = cells;
    const paragraphKey = `${page}/${block}/${par}`;
    const lineKey = `${paragraphKey}/${ln}`;
    if (text) text += paragraphKey !== paragraph ? "\n\n" : lineKey !== line ? "\n" : " ";
    paragraph = paragraphKey;
    line = lineKey;
    const [x, y, width, height] = cells.slice(6, 10).map(Number) as [number, number, number, number];
    const start = text.length;
    text += word;
    words.push({
      text: word,
      confidence: Math.max(0, Math.min(100, Number(cells[10]) || 0)),
      box: { x, y, width, height },
      start,
      end: text.length,
    });
  }
  return { text, words };
}
