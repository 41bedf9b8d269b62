/**
 * Differences that fall on damaged text (issue #12 §3, DESIGN.md: "A verdict is only as good as the
 * archived text"). Extraction reports where the archived letters cannot be trusted (TextQuality's
 * `damaged` spans: unmapped glyphs, lost letters, reordered runs); a difference whose original-side
 * words touch such a span (or are separated from it by nothing but a word gap) may be the archive's
 * own damage rather than the quote's, so it cannot make the quote "altered": the verdict is
 * "uncertain" — compare with the original document.
 *
 * Negations and numbers still decide meaning: a difference is excused only if every negation and
 * every number that the original shows intact (outside the damage) is still in the quote. So
 * "لن تقبل" quoted as "تقبل" stays altered even when "تقبل" is damaged, while a negation or number
 * the quote has where the original is unreadable is uncertain: the damage may have eaten it.
 */
import type { PreparedDocument } from "./document";
import { hasDigit, isNegation } from "./negation";
import type { Token } from "./normalize";
import type { QuoteDifference, QuoteTokens } from "./quote-report";
import type { TextSpan } from "./text-quality";

/** Damaged spans, sorted by start (the contract says they are; a hostile record may not be). */
export function sortSpans(damaged: readonly TextSpan[]): TextSpan[] {
  return damaged.filter(([s, e]) => e >= s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** The spans that touch the closed range [from, to] (a span ending where a word starts touches it). */
function touching(spans: readonly TextSpan[], from: number, to: number): TextSpan[] {
  return spans.filter(([s, e]) => s <= to && e >= from);
}

/** Whether document token `t` touches damage. */
export function isDamagedToken(t: Token, spans: readonly TextSpan[]): boolean {
  return spans.some(([s, e]) => s <= t.end && e >= t.start);
}

/** The first token index whose end is ≥ `at` (tokens are sorted and disjoint). */
function firstEndingAtOrAfter(tokens: readonly Token[], at: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.end < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indexes of the document tokens that touch a damaged span, ascending, each once. */
export function damagedTokenIndexes(doc: PreparedDocument, spans: readonly TextSpan[]): number[] {
  const out = new Set<number>();
  for (const [s, e] of spans) {
    for (let k = firstEndingAtOrAfter(doc.tokens, s); k < doc.tokens.length && doc.tokens[k]!.start <= e; k++)
      out.add(k);
  }
  return [...out].sort((a, b) => a - b);
}

/** The tokens lying within [from, to). */
const tokensIn = (tokens: readonly Token[], from: number, to: number): Token[] =>
  tokens.filter((t) => t.start >= from && t.end <= to);

/** The gap between two words around `at`: from the end of the word before to the start of the next. */
function gapAround(doc: PreparedDocument, at: number): [number, number] {
  let lo = 0;
  let hi = doc.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (doc.tokens[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return [Math.min(at, doc.tokens[lo - 1]?.end ?? 0), Math.max(at, doc.tokens[lo]?.start ?? doc.text.length)];
}

/** Negation and number tokens as a multiset (folded form → count). */
function meaningWords(tokens: readonly Token[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tokens) if (isNegation(t.norm) || hasDigit(t.norm)) m.set(t.norm, (m.get(t.norm) ?? 0) + 1);
  return m;
}

/**
 * Sets `damaged` on each difference that damage excuses (see the module comment). Returns whether
 * every difference is excused, i.e. whether the verdict is "uncertain" rather than "altered".
 */
export function markDamage(
  differences: QuoteDifference[],
  q: QuoteTokens,
  doc: PreparedDocument,
  damaged: readonly TextSpan[],
): boolean {
  if (damaged.length === 0) return false;
  let all = true;
  for (const d of differences) {
    // The original side with the gaps either side: next to damage the alignment itself is unsure
    // which word goes where ("of Officers" against "of Of ficers" leaves an "of" out).
    const [from, to] = [gapAround(doc, d.start)[0], gapAround(doc, d.end)[1]];
    const spans = touching(damaged, from, to);
    const intact = tokensIn(doc.tokens, d.start, d.end).filter((t) => !isDamagedToken(t, spans));
    const quoted = meaningWords(tokensIn(q.tokens, d.quoteStart, d.quoteEnd));
    const kept = [...meaningWords(intact)].every(([w, n]) => (quoted.get(w) ?? 0) >= n);
    if (spans.length > 0 && kept) {
      d.damaged = { start: Math.min(...spans.map((s) => s[0])), end: Math.max(...spans.map((s) => s[1])) };
    } else {
      all = false;
    }
  }
  return all;
}
