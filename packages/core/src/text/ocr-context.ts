/**
 * What a screenshot shows besides the quote (issue #18): a phone's status bar, the poster's name,
 * the time, the action icons' labels, a stray speck read as "٠" or "." at an edge. OCR reads them
 * all, and the quote check would call each an added word. quote.ts reads an OCR quote again with
 * them blanked out (spaces of the same length, so every offset stays right) when that reading is
 * better:
 * - whole lines at the start or the end of what was read in which no word matched the original
 *   (every token lies in a difference, and is no misreading of a word on its original side);
 * - single tokens at either edge with at most one letter shape (ocr-skeleton.ts).
 * Only edges: a line inside the quote, or a line with a matched word, is the quote's own. A line
 * added at an edge is not reported (it is context); a word changed inside a line always is.
 */
import { tokenize, type Token } from "./normalize";
import { ocrSkeleton } from "./ocr-skeleton";
import type { QuoteMatch } from "./quote-report";

const blank = (text: string, from: number, to: number): string =>
  text.slice(0, from) + " ".repeat(to - from) + text.slice(to);

/** The quote with its context blanked (see the module comment); the quote itself when there is none. */
export function blankOcrContext(quote: string, match: QuoteMatch): string {
  const tokens = tokenize(quote);
  // A word OCR may have misread is a word of the original all the same: one in an `ocr`
  // difference, or one with the skeleton of a word on the original's side of its difference
  // (adjacent changes are reported as one difference, misread words and changed ones together).
  const skeletons = (text: string): string[] =>
    tokenize(text).map((w) => ocrSkeleton(text.slice(w.start, w.end)));
  const inDifference = (t: Token): boolean =>
    match.differences.some(
      (d) =>
        d.quoteStart <= t.start &&
        t.end <= d.quoteEnd &&
        d.quoteEnd > d.quoteStart &&
        !d.ocr &&
        !skeletons(d.original).includes(ocrSkeleton(quote.slice(t.start, t.end))),
    );
  const lines: Token[][] = [];
  let line: Token[] = [];
  let at = 0;
  for (const t of tokens) {
    if (quote.slice(at, t.start).includes("\n") && line.length > 0) {
      lines.push(line);
      line = [];
    }
    line.push(t);
    at = t.end;
  }
  if (line.length > 0) lines.push(line);
  const unmatched = lines.map((l) => l.every(inDifference));
  // Never blank everything: a reading with no word matched is no quote with context.
  if (unmatched.every(Boolean)) return quote;
  let out = quote;
  let first = 0;
  while (unmatched[first]) first++;
  let last = lines.length - 1;
  while (unmatched[last]) last--;
  for (const l of [...lines.slice(0, first), ...lines.slice(last + 1)])
    out = blank(out, l[0]!.start, l[l.length - 1]!.end);
  const kept = lines.slice(first, last + 1).flat();
  const stray = (t: Token): boolean => ocrSkeleton(quote.slice(t.start, t.end)).length <= 1;
  for (let i = 0; i < kept.length - 1 && stray(kept[i]!); i++) out = blank(out, kept[i]!.start, kept[i]!.end);
  for (let i = kept.length - 1; i > 0 && stray(kept[i]!); i--) out = blank(out, kept[i]!.start, kept[i]!.end);
  return out;
}
