/**
 * "What changed" between two versions of a statement, word by word: the shortest edit script of
 * Myers' O(ND) algorithm (E. W. Myers, "An O(ND) Difference Algorithm and Its Variations",
 * Algorithmica 1986, §2–3) over words, after the common head and tail are cut off. A word keeps
 * the whitespace after it, so the parts join back into each side's text exactly. Bounded: more
 * than `maxEdits` word edits and the answer is null ("too different to show word by word"), so a
 * hostile pair of texts costs at most O(maxEdits²) memory and O((N+M)·maxEdits) time.
 */
export type DiffOp = "same" | "added" | "removed";

export interface DiffPart {
  op: DiffOp;
  /** The words as written on their side (the new text for same and added, the old for removed). */
  text: string;
}

export const MAX_DIFF_EDITS = 2000;

function words(text: string): string[] {
  const out: string[] = [];
  const re = /\S+\s*/gy;
  const lead = /^\s*/.exec(text)![0];
  if (lead) out.push(lead);
  re.lastIndex = lead.length;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[0]);
  return out;
}

const key = (word: string) => word.trimEnd();

/** Old → new as parts in order; null when more than maxEdits words differ. */
export function diffWords(before: string, after: string, maxEdits = MAX_DIFF_EDITS): DiffPart[] | null {
  const a = words(before);
  const b = words(after);
  let head = 0;
  while (head < a.length && head < b.length && key(a[head]!) === key(b[head]!)) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    key(a[a.length - 1 - tail]!) === key(b[b.length - 1 - tail]!)
  )
    tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const script = editScript(midA.map(key), midB.map(key), maxEdits);
  if (!script) return null;
  const parts: DiffPart[] = [];
  const push = (op: DiffOp, text: string) => {
    const last = parts[parts.length - 1];
    if (last?.op === op) last.text += text;
    else if (text) parts.push({ op, text });
  };
  push("same", b.slice(0, head).join(""));
  let i = 0;
  let j = 0;
  for (const op of script) {
    if (op === "same") {
      push("same", midB[j++]!);
      i++;
    } else if (op === "removed") push("removed", midA[i++]!);
    else push("added", midB[j++]!);
  }
  push("same", b.slice(b.length - tail).join(""));
  return parts;
}

/** The edit script turning x into y (one op per word), or null past maxEdits. */
function editScript(x: string[], y: string[], maxEdits: number): DiffOp[] | null {
  const n = x.length;
  const m = y.length;
  const max = Math.min(n + m, maxEdits);
  // trace[d] = the furthest x reached on each diagonal k (−d…d) after d edits, offset by d.
  const trace: Int32Array[] = [];
  let v = new Int32Array(1);
  for (let d = 0; d <= max; d++) {
    const next = new Int32Array(2 * d + 1);
    for (let k = -d; k <= d; k += 2) {
      const prev = (kk: number) => v[kk + d - 1]!; // v is offset by d-1
      let xi: number;
      if (d === 0) xi = 0;
      else if (k === -d || (k !== d && prev(k - 1) < prev(k + 1))) xi = prev(k + 1);
      else xi = prev(k - 1) + 1;
      let yi = xi - k;
      while (xi < n && yi < m && x[xi] === y[yi]) {
        xi++;
        yi++;
      }
      next[k + d] = xi;
      if (xi >= n && yi >= m) {
        trace.push(next);
        return backtrack(trace, x.length, y.length);
      }
    }
    trace.push(next);
    v = next;
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): DiffOp[] {
  const ops: DiffOp[] = [];
  let xi = n;
  let yi = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const v = trace[d - 1]!;
    const at = (k: number) => v[k + d - 1]!;
    const k = xi - yi;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1)); // an insertion (from k+1)
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (xi > prevX + (down ? 0 : 1) && yi > prevY + (down ? 1 : 0)) {
      ops.push("same");
      xi--;
      yi--;
    }
    if (down) {
      ops.push("added");
      yi--;
    } else {
      ops.push("removed");
      xi--;
    }
  }
  while (xi > 0 && yi > 0) {
    ops.push("same");
    xi--;
    yi--;
  }
  return ops.reverse();
}
