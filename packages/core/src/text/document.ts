/**
 * A document prepared for quote matching: its tokens and, per folded word, where it occurs.
 * Prepare once when several quotes are checked against the same text (a 10 MB text takes about
 * half a second to tokenize).
 */
import { tokenize, type Token } from "./normalize";

export interface PreparedDocument {
  readonly text: string;
  readonly tokens: readonly Token[];
  /** Folded word → its token indexes, ascending. */
  readonly positions: ReadonlyMap<string, readonly number[]>;
}

export function prepareDocument(text: string): PreparedDocument {
  const tokens = tokenize(text);
  const positions = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    const list = positions.get(t.norm);
    if (list) list.push(i);
    else positions.set(t.norm, [i]);
  });
  return { text, tokens, positions };
}

/** The first index in the ascending `list` whose value is ≥ `value`. */
export function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Token indexes where `norms` occurs in the document, ascending, starting at or after `from`.
 * Scans the occurrences of the rarest of the words only.
 */
export function* findSequence(doc: PreparedDocument, norms: readonly string[], from = 0): Generator<number> {
  if (norms.length === 0) return;
  let pivot = 0;
  let pivotList: readonly number[] = [];
  for (let k = 0; k < norms.length; k++) {
    const list = doc.positions.get(norms[k]!);
    if (!list) return;
    if (k === 0 || list.length < pivotList.length) {
      pivot = k;
      pivotList = list;
    }
  }
  for (let i = lowerBound(pivotList, from + pivot); i < pivotList.length; i++) {
    const start = pivotList[i]! - pivot;
    if (start + norms.length > doc.tokens.length) return;
    let k = 0;
    while (k < norms.length && doc.tokens[start + k]!.norm === norms[k]) k++;
    if (k === norms.length) yield start;
  }
}
