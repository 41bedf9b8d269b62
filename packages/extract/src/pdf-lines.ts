import { countStrong } from "./rtl";

/** A piece of text on a PDF page: its baseline origin (x, y; y grows upwards), width and size. */
export interface PlacedText {
  str: string;
  x: number;
  y: number;
  width: number;
  /** The font size (pdf.js's item height); used as the unit for all tolerances. */
  size: number;
  /** Text that stands for a cluster of glyphs (/ActualText) rather than for each glyph. */
  actual?: boolean;
}

interface Line {
  y: number;
  size: number;
  items: PlacedText[];
}

// Tolerances in units of the font size. Baselines of one line differ by rounding only. A word gap
// is a tenth of an em, as in pdf.js's own space insertion and poppler's pdftotext: Arabic fonts'
// spaces are narrow (Noto Naskh's is 0.21 em), and joined Arabic letters have no gap at all.
const SAME_LINE = 0.4;
const WORD_GAP = 0.1;
const PARAGRAPH_GAP = 1.8;
const BLIND_WORD_GAP = 0.25;

// Space between a letter (with its marks) and a combining mark. pdf.js inserts a space inside an
// item where the producer moves back over a mark with a TJ adjustment (LibreOffice does, for every
// tashkeel), and a mark drawn as its own piece may sit a little apart; a mark belongs to the letter
// before it in logical order (Unicode §2.11), never to a new word.
const DETACHED_MARK = /(?<=[\p{L}\p{M}])[^\S\n]+(?=\p{M})/gu;

/**
 * Rebuilds a page's text from positioned pieces, because content-stream order is not reading
 * order: producers draw Arabic words right to left, table cells and headers in any order. Pieces
 * are grouped into lines by baseline, ordered by x (descending when most letters of the line are
 * right-to-left, ascending otherwise), joined with a space where the gap between them is a word
 * gap; lines further apart than a paragraph gap get a blank line between them.
 */
export function joinPlacedText(pieces: readonly PlacedText[]): string {
  const lines = groupLines(pieces.filter((p) => p.str.trim() !== ""));
  let text = "";
  let previous: Line | undefined;
  for (const line of lines) {
    if (previous) {
      const unit = Math.max(previous.size, line.size);
      text += previous.y - line.y > PARAGRAPH_GAP * unit ? "\n\n" : "\n";
    }
    text += joinLine(line);
    previous = line;
  }
  return text;
}

function groupLines(pieces: PlacedText[]): Line[] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const piece of sorted) {
    const size = piece.size > 0 ? piece.size : 1;
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - piece.y) <= SAME_LINE * Math.max(line.size, size)) {
      line.items.push(piece);
      line.size = Math.max(line.size, size);
    } else {
      lines.push({ y: piece.y, size, items: [piece] });
    }
  }
  return lines;
}

function joinLine(line: Line): string {
  const strong = countStrong(line.items.map((i) => i.str).join(""));
  const rtl = strong.rtl > strong.ltr;
  const center = (p: PlacedText): number => p.x + p.width / 2;
  const items = [...line.items].sort((a, b) => (rtl ? center(b) - center(a) : center(a) - center(b)));
  if (rtl) restoreLatinRuns(items);
  let text = "";
  items.forEach((item, i) => {
    const before = items[i - 1];
    const mark = /^\p{M}/u.test(item.str); // a combining mark never starts a word
    // A piece without width (a cluster whose glyphs have no advance, as LibreOffice writes them
    // inside ActualText) has an unknown extent: only a gap as wide as a space separates words.
    const unit = before && (blind(before) || blind(item)) ? BLIND_WORD_GAP : WORD_GAP;
    if (
      before &&
      !mark &&
      !/\s$/.test(text) &&
      !/^\s/.test(item.str) &&
      gap(before, item) > unit * line.size
    ) {
      text += " ";
    }
    text += item.str;
  });
  return text.replace(DETACHED_MARK, "").trimEnd();
}

const blind = (p: PlacedText): boolean => p.actual === true && p.width === 0;

/** The horizontal distance between two pieces' boxes (negative when they overlap). */
function gap(a: PlacedText, b: PlacedText): number {
  return Math.max(a.x, b.x) - Math.min(a.x + a.width, b.x + b.width);
}

/**
 * In a right-to-left line, consecutive left-to-right words (Latin text: "United Nations") read left
 * to right, as the Unicode Bidirectional Algorithm's rule N1 makes a run of them (UAX #9 §3.3.5);
 * digits alone stay single pieces, since neutrals between numbers resolve to the line's direction.
 */
function restoreLatinRuns(items: PlacedText[]): void {
  let start = 0;
  while (start < items.length) {
    let end = start;
    while (end < items.length && isLatinPiece(items[end])) end++;
    if (end - start > 1) items.splice(start, end - start, ...items.slice(start, end).reverse());
    start = end + 1;
  }
}

function isLatinPiece(piece: PlacedText | undefined): boolean {
  if (!piece) return false;
  const strong = countStrong(piece.str);
  return strong.rtl === 0 && strong.ltr > 0;
}
