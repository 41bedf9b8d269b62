/**
 * tesseract's hOCR with character boxes and the LSTM's choices (`-c hocr_char_boxes=1
 * -c lstm_choice_mode=2 hocr`: src/api/hocrrenderer.cpp) made into the same text and words as its
 * TSV (ocr-tsv.ts), for the second reading of a screenshot's text block. Pure.
 *
 * Why hOCR there: TSV gives each word's text only, hOCR also the runner-up of each character, and
 * the runner-up is what tells the Arabic comma from a hamza. Debian's `ara` model (tessdata_fast)
 * reads a comma written against the word before it as a final "ء" glued to the word ("درعا،" →
 * "درعاء", "الأسر،" → "الأسرء"), with 89–98 confidence; measured on tests/corpus/ocr, such a "ء"
 * had a punctuation mark (، , . ؛ : ») as runner-up at 16–85 in 14 of 20 cases, while every real
 * final hamza ("الثلاثاء", "الكهرباء", "لأحياء") had none above 0. So a final "ء" whose runner-up
 * is punctuation at COMMA_RUNNER_UP or more is read as the comma it is (hamzaOrComma).
 *
 * Words are in reading order within a line, lines within a paragraph, joined as ocr-tsv.ts joins
 * them (space, "\n", "\n\n").
 */
import type { TsvText, TsvWord } from "./ocr-tsv";

/** A runner-up punctuation mark this sure (0–100) makes a word's final "ء" the Arabic comma. */
export const COMMA_RUNNER_UP = 10;

const ARABIC_COMMA = "\u060c";
const HAMZA = "\u0621";

interface Char {
  text: string;
  /** The LSTM's other choices at this character: [text, confidence 0–100]. */
  choices: [string, number][];
}

interface Word {
  box: TsvWord["box"];
  confidence: number;
  chars: Char[];
  line: number;
  paragraph: number;
}

// One tag, one run of text, or a stray "<": linear, since a tag ends at the next "<" at the latest.
const TOKEN = /<[^<>]*>|[^<]+|</g;
const CLASS = /\bclass='([a-z_]+)'/;
const ID = /\bid='([a-z_]+)\d*/;
const BBOX = /\b(?:bbox|x_bboxes) (\d+) (\d+) (\d+) (\d+)/;
const WCONF = /\bx_wconf (-?\d+)/;
const CONF = /\bx_confs? (-?[\d.]+)/;
const LINES = new Set(["ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"]);

export function parseTesseractHocr(hocr: string): TsvText {
  const words: Word[] = [];
  let line = 0;
  let paragraph = 0;
  /** What the next run of text is: a character of the last word, a choice of its last character. */
  let next: "char" | "choice" | undefined;
  let choiceConfidence = 0;
  for (const [token] of hocr.matchAll(TOKEN)) {
    if (!token.startsWith("<")) {
      const text = unescape(token);
      const chars = words.at(-1)?.chars;
      if (next === "char") chars?.push({ text, choices: [] });
      else if (next === "choice") chars?.at(-1)?.choices.push([text, choiceConfidence]);
      next = undefined;
      continue;
    }
    next = undefined;
    const kind = CLASS.exec(token)?.[1];
    if (kind === "ocr_par") paragraph++;
    else if (kind && LINES.has(kind)) line++;
    else if (kind === "ocrx_word") {
      const [, x0, y0, x1, y1] = (BBOX.exec(token) ?? []).map(Number) as number[];
      const box = { x: x0!, y: y0!, width: x1! - x0!, height: y1! - y0! };
      const confidence = Math.max(0, Math.min(100, Number(WCONF.exec(token)?.[1]) || 0));
      words.push({ box, confidence, chars: [], line, paragraph });
    } else if (kind === "ocrx_cinfo" && BBOX.test(token)) next = "char";
    else if (kind === "ocrx_cinfo" && ID.exec(token)?.[1] === "choice_") {
      next = "choice";
      choiceConfidence = Number(CONF.exec(token)?.[1]) || 0;
    }
  }
  return joined(words);
}

/** A word's text: its characters, a final hamza that is the comma (see above) as the comma. */
function wordText(chars: readonly Char[]): string {
  const last = chars.at(-1);
  const text = chars.map((c) => c.text);
  if (last && hamzaOrComma(chars)) text[text.length - 1] = ARABIC_COMMA;
  return text.join("").trim();
}

/**
 * Whether the word's last character, read "ء" after a letter, has a punctuation mark among its
 * runners-up at COMMA_RUNNER_UP or more.
 */
export function hamzaOrComma(chars: readonly Char[]): boolean {
  const last = chars.at(-1);
  const before = chars.at(-2);
  if (last?.text !== HAMZA || !before || !/\p{L}/u.test(before.text)) return false;
  return last.choices.some(([text, confidence]) => /^\p{P}$/u.test(text) && confidence >= COMMA_RUNNER_UP);
}

// As ocr-tsv.ts: bidi marks are no letters of the image.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function joined(words: readonly Word[]): TsvText {
  let text = "";
  const out: TsvWord[] = [];
  let previous: Word | undefined;
  for (const word of words) {
    const said = wordText(word.chars).replace(BIDI_CONTROLS, "");
    if (!said) continue;
    if (previous)
      text += word.paragraph !== previous.paragraph ? "\n\n" : word.line !== previous.line ? "\n" : " ";
    previous = word;
    const start = text.length;
    text += said;
    out.push({ text: said, confidence: word.confidence, box: word.box, start, end: text.length });
  }
  return { text, words: out };
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', "#39": "'" };

function unescape(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|#39);/g, (_, name: string) => ENTITIES[name]!);
}
