/**
 * The OCR screenshot corpus (issue #18): which paragraph of which statement is rendered in which
 * font and size, as PNG or JPEG quality 70, and the one-word fabrication of each. render.ts makes
 * the images and corpus.json from this; the bench (tests/bench/ocr.ts) and the tests read corpus.json.
 * Each paragraph is verbatim from an archived text (tests/corpus/quotes, seeds/), so a genuine
 * screenshot's text is a quote of a statement and a fabrication differs from it in one word.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const OCR_DIR = new URL(".", import.meta.url).pathname;
const REPO = join(OCR_DIR, "..", "..", "..");

export interface Passage {
  id: string;
  language: "ar" | "en" | "fr";
  /** The statement's text file, relative to the repository, and the paragraph (0 = the title). */
  source: string;
  paragraph: number;
  /** The fabrication: this word (its first whole-word occurrence) replaced by `to`. */
  word: string;
  to: string;
  /**
   * A fabricated sentence (in no statement) that a render with `fabrication: "added-line"` draws
   * on a line of its own after the genuine paragraph instead of changing `word`: a screenshot's
   * edge line in which no word matches must be reported, not left out as chrome (ocr-context.ts).
   */
  addedLine?: string;
}

export const PASSAGES: readonly Passage[] = [
  {
    id: "health",
    language: "ar",
    source: "tests/corpus/quotes/council-health.ar.txt",
    paragraph: 1,
    word: "أربعة",
    to: "ثلاثة",
  },
  {
    id: "water",
    language: "ar",
    source: "tests/corpus/quotes/ministry-water.ar.txt",
    paragraph: 1,
    word: "لن",
    to: "قد",
    addedLine: "وأعلنت الوزارة أنها ستقطع مياه الشرب عن المحافظات الشمالية اعتباراً من الشهر المقبل.",
  },
  {
    id: "daraa",
    language: "ar",
    source: "seeds/etilaf-daraa-ceasefire-violations.ar.txt",
    paragraph: 1,
    word: "يخرقون",
    to: "يحترمون",
  },
  {
    id: "daraa-toll",
    language: "ar",
    source: "seeds/etilaf-daraa-ceasefire-violations.ar.txt",
    paragraph: 2,
    word: "روسية",
    to: "تركية",
  },
  {
    id: "harbour",
    language: "en",
    source: "tests/corpus/quotes/harbour-authority.en.txt",
    paragraph: 1,
    word: "damaged",
    to: "destroyed",
  },
  {
    id: "harbour-fishing",
    language: "en",
    source: "tests/corpus/quotes/harbour-authority.en.txt",
    paragraph: 2,
    word: "not",
    to: "now",
    addedLine: "The Authority will close the fishing harbour to all boats until further notice.",
  },
  {
    id: "crue",
    language: "fr",
    source: "tests/corpus/quotes/prefecture-inondations.fr.txt",
    paragraph: 1,
    word: "Aucune",
    to: "Une",
  },
  {
    id: "ecoles",
    language: "fr",
    source: "tests/corpus/quotes/prefecture-inondations.fr.txt",
    paragraph: 2,
    word: "lundi",
    to: "mardi",
  },
];

export interface Render {
  passage: string;
  font: string;
  /** CSS pixels of the text; the page is rendered at `scale` device pixels per CSS pixel. */
  size: number;
  scale: number;
  /** A post card alone, or cropped from a drawn phone screen (status bar, avatar, action icons). */
  frame: "card" | "phone";
  /** What the fabrication does: change the passage's `word` (the default) or add its `addedLine`. */
  fabrication?: "word" | "added-line";
}

const ARABIC_FONTS = ["Amiri", "Noto Naskh Arabic", "DejaVu Sans", "KacstOne"];
const ARABIC = PASSAGES.filter((p) => p.language === "ar").map((p) => p.id);

/** Every Arabic font at two sizes (each passage twice), Latin text in three fonts, two phone crops. */
export const RENDERS: readonly Render[] = [
  ...[20, 30].flatMap((size, j) =>
    ARABIC_FONTS.map((font, i) => ({
      passage: ARABIC[(i + 2 * j) % ARABIC.length]!,
      font,
      size,
      scale: 1,
      frame: "card" as const,
    })),
  ),
  { passage: "harbour", font: "DejaVu Sans", size: 20, scale: 1, frame: "card" },
  { passage: "harbour-fishing", font: "Noto Serif", size: 30, scale: 1, frame: "card" },
  { passage: "crue", font: "Noto Sans", size: 20, scale: 1, frame: "card" },
  { passage: "ecoles", font: "DejaVu Sans", size: 30, scale: 1, frame: "card" },
  { passage: "daraa", font: "Noto Naskh Arabic", size: 17, scale: 2, frame: "phone" },
  { passage: "harbour", font: "Noto Sans", size: 17, scale: 2, frame: "phone" },
  {
    passage: "water",
    font: "Noto Naskh Arabic",
    size: 24,
    scale: 1,
    frame: "card",
    fabrication: "added-line",
  },
  {
    passage: "harbour-fishing",
    font: "Noto Sans",
    size: 17,
    scale: 2,
    frame: "phone",
    fabrication: "added-line",
  },
];

export interface CorpusImage {
  file: string;
  passage: string;
  language: Passage["language"];
  font: string;
  size: number;
  scale: number;
  frame: Render["frame"];
  format: "png" | "jpeg";
  /** JPEG quality (70), absent for PNG. */
  quality?: number;
  /** The text drawn in the image (ground truth). */
  text: string;
  /** Where the text was taken from: a genuine screenshot's text is a quote of this statement. */
  source: string;
  /**
   * Fabrications: the word of the original replaced, by what, and where in `text` the new word is;
   * for an added line, `word` is "" and `replacement` the sentence added.
   */
  fabrication?: { kind?: "added-line"; word: string; replacement: string; start: number; end: number };
}

export function passageText(passage: Passage): string {
  const text = readFileSync(join(REPO, passage.source), "utf8").replace(/\r\n/g, "\n");
  const paragraph = text.split(/\n\s*\n/).map((p) => p.trim())[passage.paragraph];
  if (!paragraph) throw new Error(`${passage.source} has no paragraph ${passage.paragraph}`);
  return paragraph;
}

/** The passage with its first whole-word `word` replaced by `to` (words end at spaces and punctuation). */
export function fabricate(
  text: string,
  word: string,
  to: string,
): { text: string; start: number; end: number } {
  const boundary = "[\\s\\p{P}]";
  const match = new RegExp(`(^|${boundary})${word}(?=$|${boundary})`, "u").exec(text);
  if (!match) throw new Error(`"${word}" is not a word of the passage`);
  const start = match.index + match[1]!.length;
  return { text: text.slice(0, start) + to + text.slice(start + word.length), start, end: start + to.length };
}

/** The passage and, on a line of its own after it, the sentence `added`. */
export function addLine(text: string, added: string): { text: string; start: number; end: number } {
  return { text: `${text}\n${added}`, start: text.length + 1, end: text.length + 1 + added.length };
}

/**
 * The tuning set (corpus.json: what the OCR settings and tolerances were measured on) or the
 * held-out set (held-out.json: other paragraphs, fonts and sizes, never tuned on; held-out.ts).
 */
export type CorpusSet = "tuning" | "held-out";

const MANIFEST: Record<CorpusSet, string> = { tuning: "corpus.json", "held-out": "held-out.json" };

export function loadCorpus(set: CorpusSet = "tuning"): CorpusImage[] {
  return JSON.parse(readFileSync(join(OCR_DIR, MANIFEST[set]), "utf8")) as CorpusImage[];
}

export const manifestPath = (set: CorpusSet): string => join(OCR_DIR, MANIFEST[set]);

export const imagePath = (image: CorpusImage): string => join(OCR_DIR, "images", image.file);
