/**
 * Replaces the glyphs of each marked-content sequence that carries /ActualText (ISO 32000-1
 * §14.9.4) by that text, placed where the glyphs were drawn. The replacement text is in logical
 * order and holds the letters that the sequence's glyphs stand for even when the font maps them to
 * nothing (pdf.js: "\u0000") or to a mark stack in drawing order: Chromium and LibreOffice write
 * every Arabic cluster that is not one glyph per character that way.
 */
import type { MarkedContent } from "./pdf-marked-content";
import { hasRtl } from "./rtl";

/** pdf.js's text content item (TextItem) and marked-content item (TextMarkedContent), as used here. */
export interface ContentItem {
  str?: string;
  dir?: string;
  transform?: number[];
  width?: number;
  height?: number;
  type?: string;
  tag?: string | null;
}

export interface TextPiece {
  str: string;
  dir: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** True when the text came from /ActualText: it is already in logical order. */
  actual: boolean;
  /** True when the left edge is a leading mark's position, not its letter's (startsWithMark). */
  markLed?: boolean;
  /** True when the box was inferred from the neighbours, not drawn: word gaps next to it are guesses. */
  estimated?: boolean;
}

// Arabic fonts' spaces are a fifth of an em or more (Noto Naskh 0.21, Amiri 0.22, DejaVu 0.32).
const SPACE_WIDTH = 0.2;

const isBegin = (i: ContentItem): boolean =>
  i.type === "beginMarkedContent" || i.type === "beginMarkedContentProps";

/**
 * True when `marks` lists exactly the marked-content sequences pdf.js reported, tag for tag: only
 * then may the n-th dictionary be given to the n-th sequence.
 */
export function marksAlign(items: readonly ContentItem[], marks: readonly MarkedContent[]): boolean {
  const tags = items.filter((i) => i.type === "beginMarkedContentProps").map((i) => i.tag ?? "");
  return tags.length === marks.length && tags.every((t, k) => t === marks[k]?.tag);
}

/** The text pieces of a page, with ActualText sequences each made one piece. */
export function applyActualText(
  items: readonly ContentItem[],
  marks: readonly MarkedContent[] | undefined,
  spaced: ReadonlySet<number> = new Set(),
): TextPiece[] {
  const pieces: TextPiece[] = [];
  const open: boolean[] = []; // per open sequence: does it replace its glyphs?
  let props = 0;
  let group: { text: string; items: ContentItem[]; spaced: boolean } | undefined;
  for (const item of items) {
    if (isBegin(item)) {
      const index = props;
      const mark = item.type === "beginMarkedContentProps" ? marks?.[props++] : undefined;
      const replaces = group === undefined && typeof mark?.actualText === "string";
      if (replaces) group = { text: mark.actualText!, items: [], spaced: spaced.has(index) };
      open.push(replaces);
      continue;
    }
    if (item.type === "endMarkedContent") {
      if (open.pop() && group) {
        const piece = groupPiece(group.text, group.items, group.spaced);
        if (piece) pieces.push(piece);
        group = undefined;
      }
      continue;
    }
    if (typeof item.str !== "string") continue;
    if (group) group.items.push(item);
    else pieces.push(plainPiece(item));
  }
  measureBlindClusters(pieces);
  coverGuessedSpaces(pieces);
  return pieces;
}

/**
 * A blank piece that ends where a cluster ends and starts before it is pdf.js's guess at a gap
 * where the producer moved the pen over the cluster's own glyphs (LibreOffice places each glyph of
 * a cluster by itself, with no advance): the cluster covers it. A word gap lies beside a cluster.
 */
function coverGuessedSpaces(pieces: TextPiece[]): void {
  pieces.forEach((piece, i) => {
    if (!piece.actual || piece.width === 0) return;
    const slack = 0.02 * piece.size;
    const end = piece.x + piece.width;
    for (const blank of pieces.slice(Math.max(0, i - 4), i + 5)) {
      if (blank.str.trim() !== "" || Math.abs(blank.y - piece.y) > 0.4 * piece.size) continue;
      if (blank.x < piece.x - slack && Math.abs(blank.x + blank.width - end) <= slack) {
        piece.width = end - blank.x;
        piece.x = blank.x;
        piece.estimated = true;
      }
    }
  });
}

/**
 * LibreOffice draws the glyphs of an ActualText cluster with zero advances and places the next
 * glyph itself (Tm), left to right; so a cluster without width reaches to where the next letter
 * drawn on its line starts, if that is within a glyph's width (an em) to its right.
 */
function measureBlindClusters(pieces: TextPiece[]): void {
  pieces.forEach((piece, i) => {
    if (piece.markLed) {
      // Drawn left to right, the cluster starts where the letter drawn before it ends.
      const before = pieces[i - 1];
      const end = before ? before.x + before.width : -Infinity;
      // Only between clusters (Chromium draws every cluster as one, in visual order).
      const sameLine = before?.actual === true && Math.abs(before.y - piece.y) <= 0.4 * piece.size;
      if (sameLine && end < piece.x && piece.x - end <= 0.5 * piece.size) {
        piece.width += piece.x - end;
        piece.x = end;
        piece.estimated = true;
      }
    }
    if (!piece.actual || piece.width > 0) return;
    const next = pieces
      .slice(i + 1, i + 8)
      .find((p) => /\p{L}/u.test(p.str) && Math.abs(p.y - piece.y) <= 0.4 * piece.size);
    if (next && next.x > piece.x && next.x - piece.x <= piece.size) {
      piece.width = next.x - piece.x;
      piece.estimated = true;
    }
  });
}

function plainPiece(item: ContentItem): TextPiece {
  const t = item.transform ?? [1, 0, 0, 1, 0, 0];
  return {
    str: item.str ?? "",
    dir: item.dir ?? "ltr",
    x: t[4] ?? 0,
    y: t[5] ?? 0,
    width: item.width ?? 0,
    size: item.height || Math.hypot(t[2] ?? 0, t[3] ?? 0),
    actual: false,
  };
}

/**
 * One piece covering the group's glyphs: from the leftmost to the rightmost edge, on the baseline
 * of its widest letter (marks are drawn raised or lowered, some with an advance: they do not give
 * the line). When the
 * sequence draws a space glyph that its text does not have, that space is left out of the box:
 * Chromium puts the word space after a final mark into the mark's cluster, and the gap must stay
 * a word gap. Other blank items are pdf.js's own guesses from glyph positioning: as wide as a
 * space (Chromium moves the pen over the word gap inside the next cluster) they are a word gap
 * too; narrower (LibreOffice positions each glyph of a cluster, with zero advances) they are part
 * of the cluster's extent.
 */
/**
 * True for an item whose first glyph drawn is a combining mark followed by a letter: pdf.js keeps
 * such an item at the mark's position (it skips its position check for diacritics), which lies
 * over the middle of the letter, not at its edge. A right-to-left item's string is reversed.
 */
function startsWithMark(item: ContentItem): boolean {
  const chars = [...(item.str ?? "")];
  const first = item.dir === "rtl" ? chars[chars.length - 1] : chars[0];
  return /^\p{M}$/u.test(first ?? "") && chars.some((c) => /\p{L}/u.test(c));
}

function groupPiece(text: string, items: readonly ContentItem[], spaced: boolean): TextPiece | undefined {
  const gapLike = (i: ContentItem): boolean => {
    if ((i.str ?? "").trim() !== "") return false;
    const p = plainPiece(i);
    return spaced || p.width > SPACE_WIDTH * p.size;
  };
  const inked = /\s/.test(text) ? items : items.filter((i) => !gapLike(i));
  const drawn = (inked.length > 0 ? inked : items).map(plainPiece);
  if (drawn.length === 0) return undefined;
  const left = Math.min(...drawn.map((p) => p.x));
  const right = Math.max(...drawn.map((p) => p.x + p.width));
  const lettered = drawn.filter((p) => /\p{L}/u.test(p.str));
  const base = (lettered.length > 0 ? lettered : drawn).reduce((a, b) => (b.width > a.width ? b : a));
  // Glyphs drawn without advance (LibreOffice places each glyph of a cluster by itself): whatever
  // width the box has comes from pdf.js's guessed blanks, so its edges are a guess.
  const unmeasured = right > left && drawn.every((p) => p.width === 0 || p.str.trim() === "");
  return {
    str: text,
    dir: hasRtl(text) ? "rtl" : "ltr",
    markLed: drawn.some((p, k) => p.x === left && startsWithMark(items[k]!)),
    x: left,
    y: base.y,
    width: right - left,
    size: Math.max(...drawn.map((p) => p.size)),
    actual: true,
    ...(unmeasured ? { estimated: true } : {}),
  };
}

/**
 * The Unicode of each glyph shown outside ActualText sequences, in content-stream order, from
 * pdf.js's operator list (for the ligature repair, which aligns these with the plain pieces), and
 * the ActualText sequences (by their index among marked-content sequences with properties) that
 * draw a space glyph.
 */
export function glyphsOutsideActualText(
  ops: { fnArray: number[]; argsArray: unknown[] },
  codes: {
    showText: number;
    beginMarkedContent: number;
    beginMarkedContentProps: number;
    endMarkedContent: number;
  },
  marks: readonly MarkedContent[] | undefined,
): { glyphs: string[]; spaced: Set<number> } {
  const glyphs: string[] = [];
  const spaced = new Set<number>();
  const open: (number | undefined)[] = []; // per open sequence: its index when it replaces glyphs
  let props = 0;
  let inside: number | undefined;
  ops.fnArray.forEach((fn, i) => {
    if (fn === codes.beginMarkedContent || fn === codes.beginMarkedContentProps) {
      const index = props;
      const mark = fn === codes.beginMarkedContentProps ? marks?.[props++] : undefined;
      const replaces = inside === undefined && typeof mark?.actualText === "string";
      open.push(replaces ? index : undefined);
      if (replaces) inside = index;
    } else if (fn === codes.endMarkedContent) {
      if (open.pop() !== undefined) inside = undefined;
    } else if (fn === codes.showText) {
      for (const g of (ops.argsArray[i] as unknown[][])[0] ?? []) {
        if (!g || typeof g !== "object" || !("unicode" in g) || typeof g.unicode !== "string") continue;
        if (inside === undefined) glyphs.push(g.unicode);
        else if (g.unicode.trim() === "" && g.unicode !== "" && g.unicode !== "\u0000") spaced.add(inside);
      }
    }
  });
  return { glyphs, spaced };
}
