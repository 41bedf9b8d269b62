/**
 * The matched passages of a quote shown in their context: about `radius` characters of the
 * statement's text on each side, cut at word boundaries, with the passages and the differences
 * marked. Offsets are UTF-16 code units into the statement's extracted text (GET …/text), as the
 * API reports them.
 */

export type SegmentKind = "plain" | "passage" | "difference";

export interface Highlight {
  start: number;
  end: number;
  kind: Exclude<SegmentKind, "plain">;
}

export interface Segment {
  text: string;
  kind: SegmentKind;
}

export interface Excerpt {
  start: number;
  end: number;
  /** True when the excerpt begins (ends) inside the text: the reader sees an ellipsis there. */
  cutStart: boolean;
  cutEnd: boolean;
  segments: Segment[];
}

export const CONTEXT_RADIUS = 200;
export const MAX_EXCERPTS = 6;
/** How far a cut may move to land on a word boundary. */
const SNAP = 40;

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/u.test(ch);

/** Moves a window's start forward to just after a space (never past `limit`). */
function snapStart(text: string, at: number, limit: number): number {
  if (at <= 0) return 0;
  for (let i = at; i < Math.min(limit, at + SNAP); i++) if (isSpace(text[i - 1])) return i;
  return avoidSplitPair(text, at);
}

/** Moves a window's end back to just before a space (never before `limit`). */
function snapEnd(text: string, at: number, limit: number): number {
  if (at >= text.length) return text.length;
  for (let i = at; i > Math.max(limit, at - SNAP); i--) if (isSpace(text[i])) return i;
  return avoidSplitPair(text, at);
}

/** Never cut between the two halves of a surrogate pair. */
function avoidSplitPair(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at + 1 : at;
}

export function buildExcerpts(
  text: string,
  highlights: readonly Highlight[],
  radius = CONTEXT_RADIUS,
  maxExcerpts = MAX_EXCERPTS,
): Excerpt[] {
  const marks = highlights
    .map((m) => ({ ...m, start: clamp(m.start, text), end: clamp(m.end, text) }))
    .filter((m) => m.end > m.start);
  const anchors = marks.filter((m) => m.kind === "passage");
  const windows = (anchors.length > 0 ? anchors : marks)
    .map((m) => [
      snapStart(text, Math.max(0, m.start - radius), m.start),
      snapEnd(text, Math.min(text.length, m.end + radius), m.end),
    ])
    .sort((a, b) => a[0]! - b[0]!);
  const merged: [number, number][] = [];
  for (const [start, end] of windows as [number, number][]) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.slice(0, maxExcerpts).map(([start, end]) => ({
    start,
    end,
    cutStart: start > 0,
    cutEnd: end < text.length,
    segments: segment(text, start, end, marks),
  }));
}

function clamp(value: number, text: string): number {
  return Math.max(0, Math.min(text.length, Math.trunc(value)));
}

/** Splits [start, end) at every mark boundary; a difference wins over the passage around it. */
function segment(text: string, start: number, end: number, marks: readonly Highlight[]): Segment[] {
  const cuts = new Set([start, end]);
  for (const m of marks) {
    if (m.start > start && m.start < end) cuts.add(m.start);
    if (m.end > start && m.end < end) cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const covering = marks.filter((m) => m.start <= from && m.end >= to);
    const kind: SegmentKind = covering.some((m) => m.kind === "difference")
      ? "difference"
      : covering.length > 0
        ? "passage"
        : "plain";
    const last = segments[segments.length - 1];
    if (last && last.kind === kind) last.text += text.slice(from, to);
    else segments.push({ text: text.slice(from, to), kind });
  }
  return segments;
}
