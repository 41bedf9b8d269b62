/**
 * Ellipses mark the places where a quote leaves words out (DESIGN.md: "Ellipses (… [...] ...) split
 * a quote into fragments, each matched in order"). Recognised: U+2026 "…" and U+22EF "⋯" (runs of
 * them, and the dots that may follow), three or more dots, optionally spaced as in ". . .", and any
 * of these inside square or round brackets: "[...]", "[…]", "(...)", "[ … ]". Two dots are a
 * typo, not an ellipsis.
 */
import { tokenize } from "./normalize";

/** A piece of a quote between ellipses, with its UTF-16 offsets in the quote. */
export interface QuoteFragment {
  text: string;
  start: number;
  end: number;
}

const DOTS = String.raw`[\u2026\u22EF]+\.*|\.(?:[ \u00A0]?\.){2,}`;
const ELLIPSIS = new RegExp(String.raw`[\[(]\s*(?:${DOTS})\s*[\])]|${DOTS}`, "gu");

/** The fragments of `quote` that contain at least one word, in order. */
export function splitQuote(quote: string): QuoteFragment[] {
  const fragments: QuoteFragment[] = [];
  let start = 0;
  const push = (end: number): void => {
    const text = quote.slice(start, end);
    if (tokenize(text).length > 0) fragments.push({ text, start, end });
  };
  for (const m of quote.matchAll(ELLIPSIS)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(quote.length);
  return fragments;
}
