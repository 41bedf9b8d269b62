/** Test helpers for matching quotes against the seed statement. Test-only. */
import { expect } from "vitest";
import type { QuoteMatch } from "../quote";
import { prepareDocument } from "../document";
import { SEED_TEXT } from "./seed";

export const seed = prepareDocument(SEED_TEXT);

/** The offsets of `text` in the seed, checked to be unique. */
export function at(text: string): { start: number; end: number } {
  const start = SEED_TEXT.indexOf(text);
  expect(start, `"${text}" is in the seed`).toBeGreaterThanOrEqual(0);
  expect(SEED_TEXT.indexOf(text, start + 1), `"${text}" occurs once in the seed`).toBe(-1);
  return { start, end: start + text.length };
}

/** The parts of the seed that a match points at. */
export const spans = (m: QuoteMatch): string[] => m.fragments.map((f) => SEED_TEXT.slice(f.start, f.end));

/** The parts of the quote that a match placed. */
export const quoted = (m: QuoteMatch, quote: string): string[] =>
  m.fragments.map((f) => quote.slice(f.quoteStart, f.quoteEnd));

/** Each difference as [kind, quote side, original side]. */
export const summary = (m: QuoteMatch): string[][] => m.differences.map((d) => [d.kind, d.quote, d.original]);
