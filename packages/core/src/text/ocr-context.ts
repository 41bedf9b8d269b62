/**
 * What a screenshot shows besides the quote (issue #18): a phone's status bar, the poster's name,
 * the time, the action icons' labels, a stray speck read as "٠" or "." at an edge. OCR reads them
 * all, and the quote check would call each an added word. quote.ts reads an OCR quote again with
 * them blanked out (spaces of the same length, so every offset stays right) when that reading is
 * better:
 * - whole lines at the start or the end of what was read in which no word matched the original
 *   (every token lies in a difference, and is no misreading of a word on its original side) and
 *   which look like chrome (isChromeLine: at most CHROME_WORDS words besides times, handles,
 *   counts and specks, and no negation);
 * - single tokens at either edge with at most one letter shape (ocr-skeleton.ts).
 * Only edges, and only chrome: a line inside the quote, a line with a matched word, and an
 * unmatched sentence at an edge ("…" + a fabricated sentence on its own line) are the quote's own,
 * so the sentence is reported as added. The limit: an added line of at most CHROME_WORDS words
 * without a negation at an edge reads as chrome (a name, a label) and is left out.
 */
import { countNegations } from "./negation";
import { tokenize, type Token } from "./normalize";
import { ocrSkeleton } from "./ocr-skeleton";
import type { QuoteMatch } from "./quote-report";

/**
 * Words a line of chrome may have besides times, handles, counts and specks: a poster's name
 * ("الائتلاف الوطني السوري", "Etilaf Media"), the action bar's labels ("إعجاب رد مشاركة").
 */
export const CHROME_WORDS = 3;

/**
 * A whitespace-separated piece of chrome that is no word: a handle (@etilaf), a time or count with
 * at most two letters (9:41, 2h, 5G, 87%, 1.2K, ١٢; a phone's back arrow and avatar were read as
 * "لا2", so a negation in such a piece does not count), a speck of at most one letter shape, or
 * symbols alone (·, |).
 */
function isChromePiece(piece: string): boolean {
  if (/^@\S+$/u.test(piece)) return true;
  if (/\p{N}/u.test(piece) && (piece.match(/\p{L}/gu)?.length ?? 0) <= 2) return true;
  return ocrSkeleton(piece).length <= 1;
}

/** Whether a line read at a screenshot's edge looks like its chrome, not a sentence (module comment). */
export function isChromeLine(line: string): boolean {
  const words = line.split(/\s+/u).filter((p) => p !== "" && !isChromePiece(p));
  return words.length <= CHROME_WORDS && countNegations(tokenize(words.join(" ")).map((t) => t.norm)) === 0;
}

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
  // A line is left out as context when no word of it matched and it looks like chrome.
  // The whole line as read, from newline to newline (a handle's "@" lies before its token).
  const lineText = (l: Token[]): string => {
    const end = quote.indexOf("\n", l[l.length - 1]!.end);
    return quote.slice(quote.lastIndexOf("\n", l[0]!.start) + 1, end < 0 ? quote.length : end);
  };
  const context = lines.map((l) => l.every(inDifference) && isChromeLine(lineText(l)));
  // Never blank everything: a reading with no word matched is no quote with context.
  if (context.every(Boolean)) return quote;
  let out = quote;
  let first = 0;
  while (context[first]) first++;
  let last = lines.length - 1;
  while (context[last]) last--;
  for (const l of [...lines.slice(0, first), ...lines.slice(last + 1)])
    out = blank(out, l[0]!.start, l[l.length - 1]!.end);
  const kept = lines.slice(first, last + 1).flat();
  const stray = (t: Token): boolean => ocrSkeleton(quote.slice(t.start, t.end)).length <= 1;
  for (let i = 0; i < kept.length - 1 && stray(kept[i]!); i++) out = blank(out, kept[i]!.start, kept[i]!.end);
  for (let i = kept.length - 1; i > 0 && stray(kept[i]!); i--) out = blank(out, kept[i]!.start, kept[i]!.end);
  return out;
}
