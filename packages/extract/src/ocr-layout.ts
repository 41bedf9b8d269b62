/**
 * Where a screenshot's text is, from tesseract's first reading (--psm 3, automatic page
 * segmentation), so that it can be read again as one uniform block (--psm 6). Pure.
 *
 * Why: on one column of Arabic lines, psm 3's line finding cuts words off a line's ends (measured
 * on tests/corpus/ocr: Noto Naskh 20px lost "يضمن ح" and "حصص" at both ends of its second line,
 * 7.9 % character error; psm 6 keeps them, 3.0 %). psm 6 over the whole image reads a phone
 * frame's status bar and buttons as text (27 % on one phone crop), so the second reading is of
 * the region psm 3 found text in. Blocks side by side (columns) are no uniform block: then psm 3's
 * reading stands (hasColumns: blocks that overlap, or a sliver beside a line, are no columns).
 *
 * The region is the extent of the text *lines*, not of psm 3's blocks: psm 3 puts a post's avatar
 * and name bars, and the row of action icons under it, into the blocks of its text, and psm 6 then
 * read them as words ("©6", "O O O O", "210 210 210 210": 3–10 % character error on the phone
 * crops). Sideways the region takes a line height of the image's own pixels (the words psm 3 cut off
 * a line's ends lie there); up and down only a quarter, and the reader pads it with the background
 * (`border`): the whitespace tesseract needs around a block, without the chrome that stood there.
 */
import type { Box } from "./ocr-gray";

interface Row {
  level: string;
  block: string;
  /** page/block/paragraph/line: the line a word is on. */
  line: string;
  box: Box;
  confidence: number;
  text: string;
}

function rowsOf(tsv: string): Row[] {
  const rows: Row[] = [];
  for (const line of tsv.split("\n")) {
    const c = line.split("\t");
    if (c.length < 12) continue;
    const [x, y, width, height] = c.slice(6, 10).map(Number) as [number, number, number, number];
    rows.push({
      level: c[0]!,
      block: `${c[1]}/${c[2]}`,
      line: c.slice(1, 5).join("/"),
      box: { x, y, width, height },
      confidence: Number(c[10]),
      text: c.slice(11).join("\t"),
    });
  }
  return rows;
}

/** Level 2 rows are blocks, 4 lines, 5 words (tesseract's PageIteratorLevel + 1). */
const BLOCK = "2";
const LINE = "4";
const WORD = "5";

/** A screenshot's text region, and the background border the reader puts around it. */
export interface TextRegion {
  box: Box;
  /** Pixels of background to pad the region with on every side: the median line height. */
  border: number;
}

/**
 * The region of the lines of text (textLines) of the blocks with a word of letters: widened by the
 * median line height sideways and a quarter of it up and down, clipped to the image; undefined
 * when no line is text or two blocks stand side by side as columns (hasColumns).
 */
export function oneColumnRegion(tsv: string, width: number, height: number): TextRegion | undefined {
  const rows = rowsOf(tsv);
  const words = rows.filter((r) => r.level === WORD && r.text.trim() !== "");
  const withLetters = new Set(words.filter((r) => /\p{L}/u.test(r.text)).map((r) => r.block));
  const blocks = rows.filter((r) => r.level === BLOCK && withLetters.has(r.block)).map((r) => r.box);
  if (blocks.length === 0) return undefined;
  const lines = rows.filter((r) => r.level === LINE && withLetters.has(r.block));
  const lineHeight = Math.round(median(lines.map((r) => r.box.height)));
  if (hasColumns(blocks, lineHeight)) return undefined;
  const text = textLines(lines, words, lineHeight).map((r) => r.box);
  if (text.length === 0) return undefined;
  const side = lineHeight;
  const edge = Math.round(lineHeight / 4);
  const x0 = Math.max(0, Math.min(...text.map((b) => b.x)) - side);
  const y0 = Math.max(0, Math.min(...text.map((b) => b.y)) - edge);
  const x1 = Math.min(width, Math.max(...text.map((b) => b.x + b.width)) + side);
  const y1 = Math.min(height, Math.max(...text.map((b) => b.y + b.height)) + edge);
  if (x1 <= x0 || y1 <= y0) return undefined;
  return { box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, border: Math.max(lineHeight, 1) };
}

/**
 * A line counts as text unless it is a row of separate marks — its words fill less than
 * MIN_INK of its width, or none has two letters (a phone's action icons, read "O", "C)", "VU"
 * with wide gaps between) — or a picture: at least PICTURE_LINES median line heights tall and
 * read with a mean confidence below SURE (an avatar beside name bars, read "©6 ىس" or "o=" at
 * 55–74, in a line box of 88 px beside text lines of 30–45). Measured on tests/corpus/ocr.
 */
function textLines(lines: readonly Row[], words: readonly Row[], lineHeight: number): Row[] {
  const byLine = new Map<string, Row[]>();
  for (const w of words) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  return lines.filter((line) => {
    const own = byLine.get(line.line) ?? [];
    if (!own.some((w) => /\p{L}.*\p{L}/su.test(w.text))) return false;
    if (own.reduce((sum, w) => sum + w.box.width, 0) < MIN_INK * line.box.width) return false;
    const confidence = own.reduce((sum, w) => sum + w.confidence, 0) / own.length;
    return !(line.box.height >= PICTURE_LINES * lineHeight && confidence < SURE);
  });
}

/** Share of a line's width its words cover: words of text stand a space apart. */
const MIN_INK = 0.5;
/** A "line" this many median line heights tall is a picture, when read unsure. */
const PICTURE_LINES = 2;
/** Mean word confidence below which an outsized line is taken for a picture. */
const SURE = 80;

/**
 * A column is at least this many line heights wide: psm 3 also cuts one column's lines into
 * blocks that overlap or stand beside a sliver of a word (measured: KacstOne 20px JPEG q70, a
 * block of 35 px beside a line of 510; read apart, the lines came out of order and the quote
 * was not found).
 */
const COLUMN_LINES = 4;

/**
 * Whether two blocks stand side by side as columns: they overlap vertically by more than half the
 * shorter one, do not overlap horizontally, and both are at least COLUMN_LINES line heights wide.
 * Blocks that overlap both ways are pieces of the same lines, not columns.
 */
function hasColumns(blocks: readonly Box[], lineHeight: number): boolean {
  const wide = blocks.filter((b) => b.width >= COLUMN_LINES * lineHeight);
  return wide.some((a, i) =>
    wide.slice(i + 1).some((b) => {
      const vertical = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x;
      return apart && vertical > Math.min(a.height, b.height) / 2;
    }),
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
