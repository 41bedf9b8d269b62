import type { DrawnSpace } from "./pdf-drawn-spaces";
import { countStrong, hasRtl, logicalInRtl } from "./rtl";

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
  /** The box was inferred, not drawn (see pdf-actual-text.ts): a word gap beside it is a guess. */
  estimated?: boolean;
}

/**
 * Marks a word boundary decided on guessed geometry: it follows the space (or stands alone where
 * no space was put) in joinPlacedText's output, for the extractor to take out and report as
 * damage. A noncharacter (Unicode §23.7), which no text from a font carries.
 */
export const GUESSED_BOUNDARY = "\ufdd1";

interface Line {
  y: number;
  size: number;
  /** The width of the piece whose baseline `y` is. */
  width: number;
  items: PlacedText[];
}

// Tolerances in units of the font size. Baselines of one line differ by rounding only. A word gap
// is a tenth of an em, as in pdf.js's own space insertion and poppler's pdftotext: Arabic fonts'
// spaces are narrow (Noto Naskh's is 0.21 em), and joined Arabic letters have no gap at all.
const SAME_LINE = 0.4;
const WORD_GAP = 0.1;
const PARAGRAPH_GAP = 1.8;
const BLIND_WORD_GAP = 0.25;
const CELL_GAP = 2;

// Space between a letter (with its marks) and a combining mark. pdf.js inserts a space inside an
// item where the producer moves back over a mark with a TJ adjustment (LibreOffice does, for every
// tashkeel), and a mark drawn as its own piece may sit a little apart; a mark belongs to the letter
// before it in logical order (Unicode §2.11), never to a new word.
const DETACHED_MARK = /(?<=[\p{L}\p{M}])[^\S\n]+(?=\p{M})/gu;

/**
 * Rebuilds a page's text from positioned pieces, because content-stream order is not reading
 * order: producers draw Arabic words right to left, table cells and headers in any order. Pieces
 * are grouped into lines by baseline; a line's cells (runs apart by a cell gap) follow the page's
 * direction; a cell's pieces are ordered by x (descending when most of its letters are
 * right-to-left, ascending otherwise) and joined with a space where the gap between them is a
 * word gap; lines further apart than a paragraph gap get a blank line between them.
 */
export function joinPlacedText(pieces: readonly PlacedText[], drawn: readonly DrawnSpace[] = []): string {
  const inked = pieces.filter((p) => p.str.trim() !== "");
  const strong = countStrong(inked.map((p) => p.str).join(""));
  const pageRtl = strong.rtl > strong.ltr;
  const lines = groupLines(inked);
  let text = "";
  let previous: Line | undefined;
  for (const line of lines) {
    if (previous) {
      const unit = Math.max(previous.size, line.size);
      text += previous.y - line.y > PARAGRAPH_GAP * unit ? "\n\n" : "\n";
    }
    // The space glyphs drawn on this line (pdf-drawn-spaces.ts): where they exist on the page, they
    // and not a guessed extent decide a word gap beside a cluster.
    const spaces =
      drawn.length > 0 ? drawn.filter((d) => Math.abs(d.y - line.y) <= SAME_LINE * line.size) : undefined;
    text += joinLine(line, pageRtl, spaces);
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
      // The line's baseline is its widest piece's: a cluster that starts with a raised or lowered
      // mark may report the mark's position, and must not pull the line away from its letters.
      if (piece.width > line.width) [line.y, line.width] = [piece.y, piece.width];
    } else {
      lines.push({ y: piece.y, size, width: piece.width, items: [piece] });
    }
  }
  return lines;
}

function joinLine(line: Line, pageRtl: boolean, spaces: readonly DrawnSpace[] | undefined): string {
  const cells = splitCells(line);
  if (cells.length === 1) return joinRun(line.items, line.size, pageRtl, false, spaces);
  const center = (p: PlacedText): number => p.x + p.width / 2;
  // Cells of a table row (or columns of a layout) follow the page's direction, whatever script
  // fills them: a Latin row of an Arabic table still reads from the right.
  cells.sort((a, b) => (pageRtl ? center(b[0]!) - center(a[0]!) : center(a[0]!) - center(b[0]!)));
  return cells
    .map((cell) => joinRun(cell, line.size, pageRtl, true, spaces))
    .filter((t) => t !== "")
    .join(" ");
}

/**
 * Pieces separated by more than CELL_GAP (table cells, columns) as separate runs; each run is
 * ordered on its own. A justified line's widest word gaps stay well below it.
 */
function splitCells(line: Line): PlacedText[][] {
  const byX = [...line.items].sort((a, b) => a.x - b.x);
  const cells: PlacedText[][] = [];
  let right = -Infinity;
  for (const piece of byX) {
    const cell = cells[cells.length - 1];
    if (cell && piece.x - right <= CELL_GAP * line.size) cell.push(piece);
    else cells.push([piece]);
    right = Math.max(right, piece.x + piece.width);
  }
  return cells;
}

/**
 * One run of a line: ordered by x, descending when most of its letters are right-to-left (or, with
 * no letters at all, when the page is: digits and punctuation take the direction around them,
 * UAX #9 rule N1), and joined with a space at word gaps.
 */
function joinRun(
  pieces: PlacedText[],
  size: number,
  pageRtl: boolean,
  cell: boolean,
  spaces: readonly DrawnSpace[] | undefined,
): string {
  const strong = countStrong(pieces.map((i) => i.str).join(""));
  // A table cell is a paragraph of its own, in the page's direction (a Latin cell of an Arabic
  // table: "3 April" is drawn "April 3"); a line reads in the direction of most of its letters.
  const rtl = cell ? pageRtl : strong.rtl > strong.ltr || (strong.rtl === strong.ltr && pageRtl);
  const center = (p: PlacedText): number => p.x + p.width / 2;
  const items = [...pieces]
    .sort((a, b) => (rtl ? center(b) - center(a) : center(a) - center(b)))
    .map((p) => (rtl && !hasRtl(p.str) && !p.actual ? { ...p, str: logicalInRtl(p.str) } : p));
  if (rtl) restoreLatinRuns(items);
  let text = "";
  items.forEach((item, i) => {
    const before = items[i - 1];
    const mark = /^\p{M}/u.test(item.str); // a combining mark never starts a word
    // A piece without width (a cluster whose glyphs have no advance, as LibreOffice writes them
    // inside ActualText) has an unknown extent: only a gap as wide as a space separates words.
    const unit = before && (blind(before) || blind(item)) ? BLIND_WORD_GAP : WORD_GAP;
    const open = before && !mark && !/\s$/.test(text) && !/^\s/.test(item.str);
    if (open && spaces && (guessed(before) || guessed(item))) {
      // The page draws its spaces: a space glyph drawn between the two is the word gap, its absence
      // says there is none, whatever the guessed extent (pdf-drawn-spaces.ts).
      if (spaceBetween(before, item, spaces, size)) text += " ";
    } else {
      if (open && gap(before, item) > unit * size) text += " ";
      // Where a neighbour's extent is a guess and the gap could be a word gap, say so.
      if (open && (guessed(before) || guessed(item)) && gap(before, item) > WORD_GAP * size)
        text += GUESSED_BOUNDARY;
    }
    text += item.str;
  });
  return text.replace(DETACHED_MARK, "").trim();
}

const blind = (p: PlacedText): boolean => p.actual === true && p.width === 0;
const guessed = (p: PlacedText): boolean => blind(p) || p.estimated === true;

/**
 * Whether a space glyph was drawn between two neighbours of a line: its middle within the stretch
 * from the nearer edges of the two (either way round, their extents being guesses), give or take
 * a tenth of an em, or the nearer half of a guessed box.
 */
function spaceBetween(a: PlacedText, b: PlacedText, spaces: readonly DrawnSpace[], size: number): boolean {
  const [left, right] = a.x <= b.x ? [a, b] : [b, a];
  const slack = WORD_GAP * size;
  // A guessed box may hold the space (LibreOffice draws a word's last cluster with the space after
  // it, in one ActualText sequence): its nearer half is searched too.
  const from = Math.min(left.x + left.width, right.x) - (guessed(left) ? left.width / 2 : slack);
  const to = Math.max(left.x + left.width, right.x) + (guessed(right) ? right.width / 2 : slack);
  return spaces.some((s) => s.x + s.width / 2 >= from && s.x + s.width / 2 <= to);
}

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
