/**
 * The alignment is free at both ends of the document window, so a respaced word at the start or
 * end of a quote may come back set against a neighbouring document word too: "وشّد د" (pdftotext
 * split "وشدّد") against "بالباقي. وشدّد", which no longer reads as the same letters. Dropping such
 * leading or trailing document words, when that makes the end run respaced, gives the reading the
 * quote meant; nothing else changes.
 */
import type { AlignStep } from "./align";
import type { PreparedDocument } from "./document";
import { isMatch, isRespaced, type QuoteTokens } from "./quote-report";

/** Steps pairing `qi` with `di` in order, the longer side's rest on its own. */
function pair(qi: number[], di: number[]): AlignStep[] {
  return Array.from({ length: Math.max(qi.length, di.length) }, (_, i) => ({
    q: qi[i] ?? -1,
    d: di[i] ?? -1,
  }));
}

function sides(steps: AlignStep[]): [number[], number[]] {
  return [steps.flatMap((s) => (s.q >= 0 ? [s.q] : [])), steps.flatMap((s) => (s.d >= 0 ? [s.d] : []))];
}

/** The end run [from, to) of `steps` rewritten if dropping outer document words respaces it. */
function trim(
  steps: AlignStep[],
  from: number,
  to: number,
  leading: boolean,
  q: QuoteTokens,
  doc: PreparedDocument,
): AlignStep[] {
  const [qi, di] = sides(steps.slice(from, to));
  if (qi.length === 0 || isRespaced(qi, di, q, doc)) return steps;
  for (let k = 1; k < di.length; k++) {
    const kept = leading ? di.slice(k) : di.slice(0, di.length - k);
    if (isRespaced(qi, kept, q, doc)) return [...steps.slice(0, from), ...pair(qi, kept), ...steps.slice(to)];
  }
  return steps;
}

/** `steps` with their first and last unmatched runs respaced where dropping outer words allows. */
export function respaceEnds(steps: AlignStep[], q: QuoteTokens, doc: PreparedDocument): AlignStep[] {
  const first = steps.findIndex((s) => isMatch(s, q, doc));
  if (first < 0) return steps;
  const out = trim(steps, 0, first, true, q, doc);
  let last = out.length - 1;
  while (!isMatch(out[last]!, q, doc)) last--;
  return trim(out, last + 1, out.length, false, q, doc);
}
