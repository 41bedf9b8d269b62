/**
 * Where a page draws space glyphs, from pdf.js's operator list: evidence for word gaps that
 * geometry alone cannot give.
 *
 * LibreOffice places every glyph of an ActualText cluster (a letter with its tashkeel) by itself
 * with Tm, and pdf.js merges them into one text item of width 0 at the position of a mark, so the
 * cluster's extent is lost and the gap beside it cannot be measured. But LibreOffice draws each
 * word gap as a space glyph (its font's U+0020, within a TJ), and draws no space where there is no
 * word gap: in the corpus the drawn spaces are exactly the source's spaces less its line wraps. So
 * next to a cluster whose extent is a guess, a word gap is where a space glyph was drawn.
 *
 * The text state is replayed as pdf.js's canvas renderer does (ISO 32000-1 §9.4: Tm, Td, TD, T*,
 * Tc, Tw, Tz, TL, Tf, Ts; TJ adjustments in thousandths of an em), in the same user space as
 * getTextContent's transforms. Glyph advances are pdf.js's (the font's /Widths or hmtx) with the
 * usual 1/1000 em font matrix: a Type 3 font's spaces would be mislocated, and only weaken the
 * evidence (a gap then keeps its geometric test).
 */

/** A space glyph as drawn: its left edge, width and baseline in user space, and font size. */
export interface DrawnSpace {
  x: number;
  y: number;
  width: number;
  size: number;
}

export interface SpaceOps {
  save: number;
  restore: number;
  transform: number;
  beginText: number;
  setCharSpacing: number;
  setWordSpacing: number;
  setHScale: number;
  setLeading: number;
  setFont: number;
  setTextRise: number;
  moveText: number;
  setLeadingMoveText: number;
  setTextMatrix: number;
  nextLine: number;
  showText: number;
}

type Matrix = [number, number, number, number, number, number];

interface State {
  ctm: Matrix;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  // m applied first, then n (PDF's row-vector convention: [x y 1] × m × n).
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

const num = (v: unknown, fallback = 0): number =>
  typeof v === "number" && Number.isFinite(v) ? v : fallback;

function matrixOf(args: unknown[]): Matrix | undefined {
  const m = (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]) ? args[0] : args) as ArrayLike<unknown>;
  if (m.length < 6) return undefined;
  const out = Array.from({ length: 6 }, (_, i) => num(m[i], Number.NaN)) as Matrix;
  return out.every(Number.isFinite) ? out : undefined;
}

/** The space glyphs a page draws, in content order. Bounded by the operator list's length. */
export function drawnSpaces(ops: { fnArray: number[]; argsArray: unknown[] }, codes: SpaceOps): DrawnSpace[] {
  const spaces: DrawnSpace[] = [];
  const stack: State[] = [];
  let state: State = {
    ctm: IDENTITY,
    size: 0,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
  };
  let tm: Matrix = IDENTITY;
  let [x, y, lineX, lineY] = [0, 0, 0, 0];
  ops.fnArray.forEach((fn, i) => {
    const args = (ops.argsArray[i] ?? []) as unknown[];
    switch (fn) {
      case codes.save:
        stack.push({ ...state });
        break;
      case codes.restore:
        state = stack.pop() ?? state;
        break;
      case codes.transform: {
        const m = matrixOf(args);
        if (m) state.ctm = multiply(m, state.ctm);
        break;
      }
      case codes.beginText:
        tm = IDENTITY;
        [x, y, lineX, lineY] = [0, 0, 0, 0];
        break;
      case codes.setCharSpacing:
        state.charSpacing = num(args[0]);
        break;
      case codes.setWordSpacing:
        state.wordSpacing = num(args[0]);
        break;
      case codes.setHScale:
        state.hScale = num(args[0], 100) / 100;
        break;
      case codes.setLeading:
        state.leading = -num(args[0]);
        break;
      case codes.setTextRise:
        state.rise = num(args[0]);
        break;
      case codes.setFont:
        state.size = Math.abs(num(args[1]));
        break;
      case codes.setLeadingMoveText:
        state.leading = num(args[1]);
        x = lineX += num(args[0]);
        y = lineY += num(args[1]);
        break;
      case codes.moveText:
        x = lineX += num(args[0]);
        y = lineY += num(args[1]);
        break;
      case codes.nextLine:
        x = lineX;
        y = lineY += state.leading;
        break;
      case codes.setTextMatrix:
        tm = matrixOf(args) ?? tm;
        [x, y, lineX, lineY] = [0, 0, 0, 0];
        break;
      case codes.showText:
        x = show(args[0], state, multiply(tm, state.ctm), x, y, spaces);
        break;
    }
  });
  return spaces;
}

/** Advances over one showText's glyphs (as pdf.js's canvas does), noting the spaces; the new x. */
function show(glyphs: unknown, s: State, toUser: Matrix, x0: number, y: number, out: DrawnSpace[]): number {
  if (!Array.isArray(glyphs) || s.size === 0) return x0;
  let x = 0;
  for (const g of glyphs) {
    if (typeof g === "number") {
      x -= (g * s.size) / 1000;
      continue;
    }
    if (!g || typeof g !== "object") continue;
    const glyph = g as { width?: unknown; unicode?: unknown; isSpace?: unknown };
    const space = glyph.unicode === " " || glyph.isSpace === true;
    const advance = (num(glyph.width) * s.size) / 1000 + (space ? s.wordSpacing : 0) + s.charSpacing;
    if (space) {
      const [left, base] = apply(toUser, x0 + x * s.hScale, y + s.rise);
      const [right] = apply(toUser, x0 + (x + advance) * s.hScale, y + s.rise);
      const size = s.size * Math.hypot(toUser[2], toUser[3]);
      out.push({ x: Math.min(left, right), y: base, width: Math.abs(right - left), size });
    }
    x += advance;
  }
  return x0 + x * s.hScale;
}
