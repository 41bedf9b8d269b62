/**
 * One reading of a quote against one document (quote.ts tries several readings and keeps the
 * best): exact pieces first, then an alignment in chunks around anchors; the pieces become the
 * verdict, the fragments and the differences (quote-report.ts). See quote.ts for the verdicts.
 */
import { bestAlignment, type Alignment, type AlignStep } from "./align";
import { findSequence, type PreparedDocument } from "./document";
import { sortFoldKinds, type FoldKind } from "./fold-explain";
import { NORMALIZATION_VERSION, tokenize } from "./normalize";
import {
  compareMatches,
  difference,
  docRange,
  isMatch,
  isRespaced,
  negationBefore,
  omissionNegations,
  pieceDifferences,
  pieceSpan,
  type Piece,
  type QuoteDifference,
  type QuoteMatch,
  type QuoteTokens,
  type QuoteVerdict,
} from "./quote-report";
import { splitQuote } from "./split-quote";
import { respaceEnds } from "./respace-ends";
import { damagedTokenIndexes, isDamagedToken, markDamage } from "./damage";
import type { TextSpan } from "./text-quality";
import { markOcr, type OcrSkeletons } from "./ocr-verdict";

/**
 * What a reading forgives beyond normalization: differences on damaged text (damage.ts) and, for a
 * quote read by OCR, the engine's confusions (ocr-verdict.ts).
 */
export interface Tolerance {
  damaged: readonly TextSpan[];
  ocr?: OcrSkeletons;
}

const MIN_MATCH_RATIO = 0.6;
const MIN_RUN = 3;
const CHUNK = 256;
/** Occurrences of a one-fragment quote examined for a verbatim one. */
const OCCURRENCE_LIMIT = 64;

function quoteTokens(quote: string): QuoteTokens {
  const tokens = tokenize(quote);
  // Every token lies in exactly one fragment: only ellipses, which are punctuation, lie between.
  let i = 0;
  const fragments = splitQuote(quote).map((f): [number, number] => {
    const from = i;
    while (i < tokens.length && tokens[i]!.end <= f.end) i++;
    return [from, i];
  });
  return { text: quote, tokens, fragments };
}

const norms = (q: QuoteTokens, from: number, to: number): string[] =>
  q.tokens.slice(from, to).map((t) => t.norm);

function exactPiece(from: number, to: number, at: number, fragment: number): Piece {
  const steps: AlignStep[] = [];
  for (let i = from; i < to; i++) steps.push({ q: i, d: at + i - from });
  return { steps, fragment, spliced: false };
}

const collapse = (s: string): string => s.replace(/\p{White_Space}+/gu, " ");

function isVerbatim(piece: Piece, q: QuoteTokens, doc: PreparedDocument): boolean {
  const span = pieceSpan(piece, q, doc);
  return (
    collapse(q.text.slice(span.quoteStart, span.quoteEnd)) === collapse(doc.text.slice(span.start, span.end))
  );
}

/**
 * The fragments found exactly, in order and without overlap (earliest first), with pieces that
 * touch in the original merged; undefined if some fragment is not found so. A single fragment
 * takes its best occurrence: not after a negation, verbatim.
 */
function exactPieces(q: QuoteTokens, doc: PreparedDocument): Piece[] | undefined {
  if (q.fragments.length === 1) {
    let best: Piece | undefined;
    let bestScore = -1;
    let seen = 0;
    for (const at of findSequence(doc, norms(q, 0, q.tokens.length))) {
      const piece = exactPiece(0, q.tokens.length, at, 0);
      const score = (negationBefore(at, 0, doc) ? 0 : 2) + (isVerbatim(piece, q, doc) ? 1 : 0);
      if (score > bestScore) [best, bestScore] = [piece, score];
      if (bestScore === 3 || ++seen >= OCCURRENCE_LIMIT) break;
    }
    return best && [best];
  }
  const pieces: Piece[] = [];
  let from = 0;
  for (const [f, [s, e]] of q.fragments.entries()) {
    const at = findSequence(doc, norms(q, s, e), from).next();
    if (at.done) return undefined;
    const last = pieces[pieces.length - 1];
    if (last && at.value === from) last.steps.push(...exactPiece(s, e, at.value, f).steps);
    else pieces.push(exactPiece(s, e, at.value, f));
    from = at.value + e - s;
  }
  return pieces;
}

/** Differences between consecutive pieces: order, omissions, splices (see the module comment). */
function betweenPieces(pieces: Piece[], q: QuoteTokens, doc: PreparedDocument, out: QuoteDifference[]): void {
  let prev: { piece: Piece; end: number } | undefined;
  for (const piece of pieces) {
    const range = docRange(piece);
    if (piece.spliced || !range) continue;
    if (prev) {
      const quoteAt = pieceSpan(prev.piece, q, doc).quoteEnd;
      const gap = range[0] - prev.end;
      if (piece.fragment !== prev.piece.fragment && gap >= 0) {
        omissionNegations(prev.end, range[0], quoteAt, doc, out);
      } else if (piece.fragment === prev.piece.fragment && gap > 0 && gap <= CHUNK) {
        const missing = Array.from({ length: gap }, (_, i) => prev!.end + i);
        out.push(difference(q, doc, [], missing, { doc: 0, quote: quoteAt }));
      } else if (gap !== 0) {
        out.push(spliceDifference(piece, q, doc));
      }
    }
    prev = { piece, end: range[1] };
  }
}

function spliceDifference(piece: Piece, q: QuoteTokens, doc: PreparedDocument): QuoteDifference {
  const qi = piece.steps.flatMap((s) => (s.q >= 0 ? [s.q] : []));
  const di = piece.steps.flatMap((s) => (s.d >= 0 ? [s.d] : []));
  return difference(q, doc, qi, di, { doc: 0, quote: 0 }, "splice");
}

/**
 * Runs of MIN_RUN or more quote tokens that the alignment could not place but that occur exactly
 * elsewhere in the document become pieces of their own (spliced); the document tokens they were
 * set against stay in the main piece, as missing from the quote, unless they are at its ends.
 */
function extractSplices(piece: Piece, q: QuoteTokens, doc: PreparedDocument): Piece[] {
  const spliced: Piece[] = [];
  const runs: number[][] = [[]];
  for (const s of piece.steps) {
    if (isMatch(s, q, doc)) runs.push([]);
    else if (s.q >= 0) runs[runs.length - 1]!.push(s.q);
  }
  const moved = new Set<number>();
  for (const run of runs) {
    if (run.length < MIN_RUN) continue;
    const at = findSequence(doc, norms(q, run[0]!, run[run.length - 1]! + 1)).next();
    if (at.done) continue;
    spliced.push({
      ...exactPiece(run[0]!, run[run.length - 1]! + 1, at.value, piece.fragment),
      spliced: true,
    });
    for (const i of run) moved.add(i);
  }
  const steps = piece.steps.flatMap((s) => (moved.has(s.q) ? (s.d >= 0 ? [{ q: -1, d: s.d }] : []) : [s]));
  // What the moved words stood against at either end is not missing: the quote just stops there.
  while (steps.length > 0 && steps[0]!.q < 0) steps.shift();
  while (steps.length > 0 && steps[steps.length - 1]!.q < 0) steps.pop();
  piece.steps = steps;
  return spliced;
}

/** Aligns each fragment (exactly where possible, else chunk by chunk) and collects the pieces. */
function approximatePieces(q: QuoteTokens, doc: PreparedDocument, tol: Tolerance): Piece[] {
  const { damaged } = tol;
  const wildcards = damaged.length > 0 ? damagedTokenIndexes(doc, damaged) : [];
  const pieces: Piece[] = [];
  let from = 0;
  for (const [f, [s, e]] of q.fragments.entries()) {
    const at = findSequence(doc, norms(q, s, e), from).next();
    if (!at.done) {
      pieces.push(exactPiece(s, e, at.value, f));
      from = at.value + e - s;
      continue;
    }
    for (let cs = s; cs < e; cs += CHUNK) {
      const ce = Math.min(e, cs + CHUNK);
      // Judged as the piece will be: with its ends respaced (respace-ends.ts). Unrespaced, "with
      // out the Concurrence of" cost 2 where "without the Concurrence of" stands (the free start
      // set "with" against the word before) and lost to "with the Concurrence of" elsewhere.
      const costOf = (x: Alignment): number => {
        const steps = x.steps.map((st) => ({ q: st.q < 0 ? -1 : st.q + cs, d: st.d }));
        const piece: Piece = { steps: respaceEnds(steps, q, doc), fragment: f, spliced: false };
        return softMatches(piece, q, doc, tol).filter((soft) => !soft).length;
      };
      const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
      const respaced = (qs: number, qe: number, ds: number, de: number): boolean =>
        isRespaced(range(qs + cs, qe + cs), range(ds, de), q, doc);
      const a = bestAlignment(norms(q, cs, ce), doc, from, costOf, wildcards, respaced);
      const steps = a
        ? a.steps.map((st) => ({ q: st.q < 0 ? -1 : st.q + cs, d: st.d }))
        : Array.from({ length: ce - cs }, (_, i) => ({ q: cs + i, d: -1 }));
      const piece: Piece = { steps: respaceEnds(steps, q, doc), fragment: f, spliced: false };
      const spliced = extractSplices(piece, q, doc);
      pieces.push(piece, ...spliced);
      if (a && a.docEnd > from) from = a.docEnd;
    }
  }
  return pieces;
}

/**
 * Steps of a piece that count as matched: equal tokens, tokens of a respaced run, and steps on
 * damaged document tokens (which cannot be told apart from a match), and under OCR tolerance
 * steps on words OCR may have read so.
 */
function softMatches(
  piece: Piece,
  q: QuoteTokens,
  doc: PreparedDocument,
  { damaged, ocr }: Tolerance,
): boolean[] {
  // A document token on damage is soft whatever stands against it: a quote word (it may be the
  // same word, damaged) or nothing (a fragment of one, such as a stray "#").
  const soft = piece.steps.map(
    (s) =>
      isMatch(s, q, doc) ||
      (s.d >= 0 && damaged.length > 0 && isDamagedToken(doc.tokens[s.d]!, damaged)) ||
      (ocr?.isReading(s, q, doc) ?? false),
  );
  for (let i = 0; i < soft.length;) {
    if (soft[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < soft.length && !isMatch(piece.steps[j]!, q, doc)) j++;
    const run = piece.steps.slice(i, j);
    const qi = run.flatMap((s) => (s.q >= 0 ? [s.q] : []));
    const di = run.flatMap((s) => (s.d >= 0 ? [s.d] : []));
    if (isRespaced(qi, di, q, doc)) soft.fill(true, i, j);
    i = j;
  }
  return soft;
}

/** Whether the pieces align enough of the quote to call it altered rather than not found. */
function closeEnough(pieces: Piece[], q: QuoteTokens, doc: PreparedDocument, tol: Tolerance): boolean {
  let matched = 0;
  let longest = 0;
  let [first, last] = [q.tokens.length, -1];
  let [docFirst, docLast] = [doc.tokens.length, -1];
  for (const piece of pieces) {
    let run = 0;
    const soft = softMatches(piece, q, doc, tol);
    piece.steps.forEach((s, i) => {
      run = soft[i] ? run + (s.q >= 0 ? 1 : 0) : 0;
      longest = Math.max(longest, run);
      if (soft[i] && s.q >= 0) {
        matched++;
        [first, last] = [Math.min(first, s.q), Math.max(last, s.q)];
        if (s.d >= 0) [docFirst, docLast] = [Math.min(docFirst, s.d), Math.max(docLast, s.d)];
      }
    });
  }
  // What OCR read around the quote (a phone's status bar, the poster's name) is no part of it:
  // only the words from the first matched to the last count (ocr-context.ts leaves the rest out).
  const total = tol.ocr && last >= first ? last - first + 1 : q.tokens.length;
  // All words but one placed, in order, is close whatever the runs: two words swapped in a
  // 6-word quote ("A B D C E F") leave runs of 2 at most, and were "not found". In a 4-word quote
  // ("A C B D") they leave none: the three placed words are then close when they stand within
  // one word more than the quote has (a word moved, not words gathered from a wider window).
  const compact = docLast - docFirst + 1 <= total + 1;
  const allButOne = total >= 4 && matched >= total - 1 && (longest >= 2 || compact);
  return (
    allButOne || (matched >= MIN_MATCH_RATIO * total && longest >= Math.min(MIN_RUN, Math.floor(total / 2)))
  );
}

function report(
  verdict: QuoteVerdict,
  pieces: Piece[],
  q: QuoteTokens,
  doc: PreparedDocument,
  tol: Tolerance,
): QuoteMatch {
  const folded = new Set<FoldKind>();
  const differences: QuoteDifference[] = [];
  const placed = pieces.filter((p) => docRange(p));
  // The first piece that is not spliced in (there is one whenever enough of the quote matched).
  for (const first of placed.filter((p) => !p.spliced).slice(0, 1)) {
    const before = negationBefore(docRange(first)![0], pieceSpan(first, q, doc).quoteStart, doc);
    if (before) differences.push(before);
  }
  betweenPieces(pieces, q, doc, differences);
  let docAt = 0;
  for (const piece of pieces) {
    if (piece.spliced) differences.push(spliceDifference(piece, q, doc));
    else pieceDifferences(piece, q, doc, differences, docAt, folded);
    compareMatches(piece, q, doc, folded, differences);
    const range = docRange(piece);
    if (range && !piece.spliced) docAt = doc.tokens[range[1] - 1]!.end;
  }
  differences.sort((a, b) => a.quoteStart - b.quoteStart || a.start - b.start);
  markDamage(differences, q, doc, tol.damaged);
  if (tol.ocr) markOcr(differences, tol.ocr);
  const uncertain = differences.every((d) => d.damaged !== undefined || d.ocr === true);
  return {
    verdict: differences.length === 0 ? verdict : uncertain ? "uncertain" : "altered",
    normalization: NORMALIZATION_VERSION,
    fragments: placed.map((p) => pieceSpan(p, q, doc)).sort((a, b) => a.quoteStart - b.quoteStart),
    folded: sortFoldKinds(folded),
    differences,
  };
}

/** One reading of the quote: `tokens` is what is tokenized, `quote` what offsets and words refer to. */
export function matchReading(
  tokens: string,
  quote: string,
  doc: PreparedDocument,
  tol: Tolerance,
): QuoteMatch {
  const q = { ...quoteTokens(tokens), text: quote };
  const notFound: QuoteMatch = {
    verdict: "not-found",
    normalization: NORMALIZATION_VERSION,
    fragments: [],
    folded: [],
    differences: [],
  };
  if (q.tokens.length === 0) return notFound;
  const exact = exactPieces(q, doc);
  if (exact) {
    const verdict = exact.length > 1 ? "abridged" : isVerbatim(exact[0]!, q, doc) ? "verbatim" : "same-words";
    return report(verdict, exact, q, doc, tol);
  }
  const pieces = approximatePieces(q, doc, tol);
  // With nothing but respaced words left, the quote has the same words (or is abridged).
  const verdict = q.fragments.length > 1 ? "abridged" : "same-words";
  return closeEnough(pieces, q, doc, tol) ? report(verdict, pieces, q, doc, tol) : notFound;
}
