/**
 * Token-level alignment of a quote against a window of a document: Levenshtein distance over
 * tokens, global on the quote and free at both ends of the window ("semi-global", the
 * Needleman–Wunsch recurrence with free end gaps in one sequence). Cost and memory are
 * O(quote × window), and the window is at most about 4 × the quote around an anchor, so a long
 * document costs no more than a short one once the anchors are known.
 *
 * Anchors are diagonals (document position − quote position) voted for by the occurrences of the
 * quote's words, rarest words first, within a fixed budget of occurrences: a quote made only of
 * very frequent words in a huge document still costs a bounded amount.
 */
import { lowerBound, type PreparedDocument } from "./document";

/** One step of an alignment: q (quote token) or d (document token) is −1 on the side that has none. */
export interface AlignStep {
  q: number;
  d: number;
}

export interface Alignment {
  /** In quote order; q indexes the aligned quote array, d the document's tokens. */
  steps: AlignStep[];
  cost: number;
  matches: number;
  /** Document token range covered, [docStart, docEnd). */
  docStart: number;
  docEnd: number;
}

const DIAG = 0;
const UP = 1; // a quote token the document lacks here
const LEFT = 2; // a document token the quote lacks here
const JOIN_Q = 3; // two quote tokens that are one document word (split by PDF spacing)
const JOIN_D = 4; // one quote token that is two document tokens

/**
 * Whether quote tokens [qFrom, qTo) (indexes into the aligned quote array) and document tokens
 * [dFrom, dTo) are one word with its break moved, as the verdict will forgive it (quote-report.ts,
 * isRespaced). Asked only where the letters already agree.
 */
export type Respaced = (qFrom: number, qTo: number, dFrom: number, dTo: number) => boolean;

/** The entries of the ascending `list` in [from, to). */
function within(list: readonly number[] | undefined, from: number, to: number): number[] {
  if (!list) return [];
  const out: number[] = [];
  for (let k = lowerBound(list, from); k < list.length && list[k]! < to; k++) out.push(list[k]!);
  return out;
}

/** A split tail this common is not followed up (a bound, as VOTE_BUDGET is for anchors). */
const SPLIT_TAIL_LIMIT = 10_000;

/**
 * Where the document may hold a quote word split or joined, per quote token i (computed once per
 * quote, not per window): `joined[i]`, the positions of the word that tokens i − 1 and i make
 * together; `split[i]`, the positions p where tokens p − 1 and p together make token i.
 */
export interface JoinHints {
  joined: (readonly number[] | undefined)[];
  split: (number[] | undefined)[];
}

export function joinHints(quote: readonly string[], doc: PreparedDocument): JoinHints {
  const joined = quote.map((q, i) => (i >= 1 ? doc.positions.get(quote[i - 1]! + q) : undefined));
  const split = quote.map((q) => {
    const out: number[] = [];
    for (let k = 1; k < q.length; k++) {
      const head = q.slice(0, k);
      const tails = doc.positions.has(head) ? doc.positions.get(q.slice(k)) : undefined;
      if (!tails || tails.length > SPLIT_TAIL_LIMIT) continue;
      for (const p of tails) if (p > 0 && doc.tokens[p - 1]!.norm === head) out.push(p);
    }
    return out.length > 0 ? out.sort((a, b) => a - b) : undefined;
  });
  return { joined, split };
}

/** Columns (1-based in the window [winStart, winEnd)) of the positions `list` holds. */
function columns(list: readonly number[] | undefined, winStart: number, winEnd: number, from = winStart) {
  const cols = within(list, from, winEnd).map((p) => p - winStart + 1);
  return cols.length > 0 ? cols : undefined;
}

/**
 * The best semi-global alignment of `quote` inside document tokens [winStart, winEnd). With
 * `respaced`, a word split in two on one side and whole on the other is a step of its own, free
 * and counted as one match: without it, "with out the Concurrence of" cost 2 where "without the
 * Concurrence of" stands and 1 at "with the Concurrence of" a sentence later, in the same window.
 */
export function alignInWindow(
  quote: readonly string[],
  doc: PreparedDocument,
  winStart: number,
  winEnd: number,
  respaced?: Respaced,
  hints: JoinHints | undefined = respaced && joinHints(quote, doc),
): Alignment {
  const m = quote.length;
  const w = winEnd - winStart;
  const stride = w + 1;
  const trace = new Uint8Array((m + 1) * stride);
  let prev2Cost = new Int32Array(stride); // row i − 2, for JOIN_Q
  let prev2Match = new Int32Array(stride);
  let prevCost = new Int32Array(stride); // row 0: a match may start anywhere in the window
  let prevMatch = new Int32Array(stride);
  let cost = new Int32Array(stride);
  let match = new Int32Array(stride);
  for (let i = 1; i <= m; i++) {
    const q = quote[i - 1]!;
    const joinQ = hints && columns(hints.joined[i - 1], winStart, winEnd); // JOIN_Q's columns
    const joinD = hints && columns(hints.split[i - 1], winStart, winEnd, winStart + 1); // JOIN_D's
    cost[0] = i;
    match[0] = 0;
    trace[i * stride] = UP;
    for (let j = 1; j <= w; j++) {
      const eq = doc.tokens[winStart + j - 1]!.norm === q ? 1 : 0;
      // Ties go to more matches, then to diagonal (a word swapped rather than added and lost).
      let c = prevCost[j - 1]! + 1 - eq;
      let mt = prevMatch[j - 1]! + eq;
      let t = DIAG;
      const cu = prevCost[j]! + 1;
      if (cu < c || (cu === c && prevMatch[j]! > mt)) {
        c = cu;
        mt = prevMatch[j]!;
        t = UP;
      }
      const cl = cost[j - 1]! + 1;
      if (cl < c || (cl === c && match[j - 1]! > mt)) {
        c = cl;
        mt = match[j - 1]!;
        t = LEFT;
      }
      if (respaced && (joinQ || joinD)) {
        // Two quote tokens, one document token (rows i − 2 → i).
        if (
          joinQ?.includes(j) &&
          prev2Cost[j - 1]! < c &&
          respaced(i - 2, i, winStart + j - 1, winStart + j)
        ) {
          c = prev2Cost[j - 1]!;
          mt = prev2Match[j - 1]! + 1;
          t = JOIN_Q;
        }
        // One quote token, two document tokens (columns j − 2 → j).
        if (
          joinD?.includes(j) &&
          prevCost[j - 2]! < c &&
          respaced(i - 1, i, winStart + j - 2, winStart + j)
        ) {
          c = prevCost[j - 2]!;
          mt = prevMatch[j - 2]! + 1;
          t = JOIN_D;
        }
      }
      cost[j] = c;
      match[j] = mt;
      trace[i * stride + j] = t;
    }
    [prev2Cost, prevCost, cost] = [prevCost, cost, prev2Cost];
    [prev2Match, prevMatch, match] = [prevMatch, match, prev2Match];
  }
  // The end is free too: the cheapest cell of the last row; on ties more matches, then the later
  // end (so that a last word that differs reads as swapped, not as added).
  let end = 0;
  for (let j = 1; j <= w; j++) {
    if (
      prevCost[j]! < prevCost[end]! ||
      (prevCost[j] === prevCost[end] && prevMatch[j]! >= prevMatch[end]!)
    ) {
      end = j;
    }
  }
  const steps: AlignStep[] = [];
  let i = m;
  let j = end;
  while (i > 0) {
    const t = trace[i * stride + j];
    if (t === DIAG) steps.push({ q: --i, d: winStart + --j });
    else if (t === UP) steps.push({ q: --i, d: -1 });
    else if (t === JOIN_Q) {
      steps.push({ q: i - 1, d: -1 }, { q: i - 2, d: winStart + j - 1 });
      [i, j] = [i - 2, j - 1];
    } else if (t === JOIN_D) {
      steps.push({ q: -1, d: winStart + j - 1 }, { q: i - 1, d: winStart + j - 2 });
      [i, j] = [i - 1, j - 2];
    } else steps.push({ q: -1, d: winStart + --j });
  }
  steps.reverse();
  return {
    steps,
    cost: prevCost[end]!,
    matches: prevMatch[end]!,
    docStart: winStart + j,
    docEnd: winStart + end,
  };
}

/** Total occurrences looked at when voting for anchors. */
const VOTE_BUDGET = 200_000;

/**
 * Up to `count` likely start positions of `quote` in the document, best first: each occurrence of
 * a quote word (weighted by its rarity), and each `wildcards` token, votes for the bucket of its diagonal; buckets are wide enough to absorb a few
 * added or dropped words. A bucket is scored with the one after it, since an added or dropped word
 * moves the diagonal of the words after it, and the two halves of a quote may fall either side of
 * a bucket's edge (they did: a 5-word quote with one word added lost to 2-vote buckets elsewhere).
 */
export function findAnchors(
  quote: readonly string[],
  doc: PreparedDocument,
  count: number,
  wildcards: readonly number[] = [],
): number[] {
  const bucket = Math.max(4, Math.ceil(quote.length / 4));
  // Two neighbouring quote tokens that are one word of the text (a word split by PDF spacing:
  // "Civ il") vote too, or a split quote of common words lost its place to others.
  const joined = quote.slice(1).flatMap((next, k) => {
    const list = doc.positions.get(quote[k]! + next);
    return list ? [{ i: k, list }] : [];
  });
  const order = [...quote.map((norm, i) => ({ i, list: doc.positions.get(norm) ?? [] })), ...joined].sort(
    (a, b) => a.list.length - b.list.length || a.i - b.i,
  );
  const votes = new Map<number, number>();
  let budget = VOTE_BUDGET;
  for (const { i, list } of order) {
    if (list.length > budget) break;
    budget -= list.length;
    // Rare words weigh more (inverse document frequency within the text): "The Number of
    // Representatives sh all" must not lose to every "… of Representatives … all" of a constitution.
    const weight = Math.log2(1 + doc.tokens.length / list.length);
    for (const p of list) {
      const b = Math.floor((p - i) / bucket);
      votes.set(b, (votes.get(b) ?? 0) + weight);
    }
  }
  // A wildcard (a damaged document token) may be any quote word: one vote for each bucket that a
  // quote placed over it could fall in, so that damage does not cost the true place its anchor.
  for (const p of wildcards) {
    const [first, last] = [Math.floor((p - quote.length + 1) / bucket), Math.floor(p / bucket)];
    if ((budget -= last - first + 1) < 0) break; // text damaged throughout: the budget still holds
    for (let b = first; b <= last; b++) {
      votes.set(b, (votes.get(b) ?? 0) + 1);
    }
  }
  return [...votes]
    .map(([b, n]): [number, number] => [b, n + (votes.get(b + 1) ?? 0)])
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, count)
    .map(([b]) => b * bucket);
}

/**
 * How many anchors are aligned per quote piece. A short quote made of common words ("is unfit to
 * be" split by a PDF copy as "is unf it to be") ties with many places; aligning it costs so little
 * (quote × about 4 × quote cells) that more of them are tried.
 */
const anchorCount = (m: number): number => (m <= 8 ? 16 : 4);

/**
 * The best alignment of `quote` near its anchors, or undefined when none of its words occurs.
 * `prefer` breaks ties between equally good alignments towards one starting at or after it.
 * `costOf` may re-weigh an alignment between anchors (quote.ts forgives respaced words and words on
 * damaged text, so that a place where only those differ beats a place with a real difference), and
 * `wildcards` are document tokens that vote as any word (damaged ones); `respaced` tells the
 * alignment a split word from two (alignInWindow).
 */
export function bestAlignment(
  quote: readonly string[],
  doc: PreparedDocument,
  prefer = 0,
  costOf: (a: Alignment) => number = (a) => a.cost,
  wildcards: readonly number[] = [],
  respaced?: Respaced,
): Alignment | undefined {
  const m = quote.length;
  const slack = Math.max(4, Math.ceil(m / 4));
  const runs = (x: Alignment) => longestRun(x, quote, doc);
  const hints = respaced && joinHints(quote, doc);
  let best: Alignment | undefined;
  let bestCost = 0;
  for (const anchor of findAnchors(quote, doc, anchorCount(m), wildcards)) {
    const a = alignInWindow(
      quote,
      doc,
      Math.max(0, anchor - m),
      Math.min(doc.tokens.length, anchor + 2 * slack + 2 * m), // the anchor's bucket and the next
      respaced,
      hints,
    );
    const c = costOf(a);
    if (!best || c < bestCost || (c === bestCost && isBetterAlignment(a, best, prefer, runs)))
      [best, bestCost] = [a, c];
  }
  return best;
}

/** The most quote words matched in a row (consecutive steps, each a match). */
export function longestRun(a: Alignment, quote: readonly string[], doc: PreparedDocument): number {
  let run = 0;
  let longest = 0;
  for (const s of a.steps) {
    run = s.q >= 0 && s.d >= 0 && doc.tokens[s.d]!.norm === quote[s.q] ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * Whether `a` beats `b`: lower cost, then more matches, then more words in a row, then starting at
 * or after `prefer`, then earlier. Words in a row are where a quote was taken from; as many common
 * words matched one by one are chance: a splice "of cruelty and executioners of their" tied (cost
 * 3, 3 matches) with "of nature and … of … nature" earlier in the text, and was "not found".
 */
export function isBetterAlignment(
  a: Alignment,
  b: Alignment,
  prefer: number,
  runs?: (x: Alignment) => number,
): boolean {
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.matches !== b.matches) return a.matches > b.matches;
  if (runs) {
    const [ra, rb] = [runs(a), runs(b)];
    if (ra !== rb) return ra > rb;
  }
  const ap = a.docStart >= prefer;
  if (ap !== b.docStart >= prefer) return ap;
  return a.docStart < b.docStart;
}
