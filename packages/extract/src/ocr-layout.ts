/**
 * Where a screenshot's text is, from tesseract's first reading (--psm 3, automatic page
 * segmentation), so that it can be read again as one uniform block (--psm 6). Pure.
 *
 * Why: on one column of Arabic lines, psm 3's line finding cuts words off a line's ends (measured
 * on tests/corpus/ocr: Noto Naskh 20px lost "يضمن ح" and "حصص" at both ends of its second line,
 * 7.9 % character error; psm 6 keeps them, 3.0 %). psm 6 over the whole image reads a phone
 * frame's status bar and buttons as text (27 % on one phone crop), so the second reading is of
 * the region psm 3 found text in, padded by a line height. Blocks side by side (columns) are no
 * uniform block: then psm 3's reading stands (hasColumns: blocks that overlap, or a sliver beside
 * a line, are no columns).
 */
import type { Box } from "./ocr-gray";

interface Row {
  level: string;
  block: string;
  box: Box;
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
      box: { x, y, width, height },
      text: c.slice(11).join("\t"),
    });
  }
  return rows;
}

/** Level 2 rows are blocks, 4 lines, 5 words (tesseract's PageIteratorLevel + 1). */
const BLOCK = "2";
const LINE = "4";
const WORD = "5";

/**
 * The box holding every block with a word of letters, padded by the median line height and
 * clipped to the image; undefined when no block has one or two blocks stand side by side as
 * columns (hasColumns).
 */
export function oneColumnRegion(tsv: string, width: number, height: number): Box | undefined {
  const rows = rowsOf(tsv);
  const withLetters = new Set(
    rows.filter((r) => r.level === WORD && /\p{L}/u.test(r.text)).map((r) => r.block),
  );
  const blocks = rows.filter((r) => r.level === BLOCK && withLetters.has(r.block)).map((r) => r.box);
  if (blocks.length === 0) return undefined;
  const lines = rows.filter((r) => r.level === LINE && withLetters.has(r.block)).map((r) => r.box.height);
  const pad = Math.round(median(lines));
  if (hasColumns(blocks, pad)) return undefined;
  const x0 = Math.max(0, Math.min(...blocks.map((b) => b.x)) - pad);
  const y0 = Math.max(0, Math.min(...blocks.map((b) => b.y)) - pad);
  const x1 = Math.min(width, Math.max(...blocks.map((b) => b.x + b.width)) + pad);
  const y1 = Math.min(height, Math.max(...blocks.map((b) => b.y + b.height)) + pad);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : undefined;
}

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
