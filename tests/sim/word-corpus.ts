/**
 * The simulation's statements as word numbers (2 bytes a word, ~50 MB for a million statements),
 * kept so that a quote the retrieval missed can be judged: do the statements the answer shows
 * match the quote at least as closely as the one it was cut from? When MAX_EXAMINED of them do,
 * the answer is right to show those (with complete: false) and not the planted one; the simulation
 * counts such quotes apart from the misses (issue #12 asks what remains, said honestly).
 */
export class WordCorpus {
  private words = new Uint16Array(1 << 20);
  private size = 0;
  private starts: number[] = [0];
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  /** Appends the next statement's words. */
  add(words: readonly string[]): void {
    if (this.size + words.length > this.words.length) {
      const next = new Uint16Array(Math.max(this.size + words.length, this.words.length * 2));
      next.set(this.words);
      this.words = next;
    }
    for (const w of words) this.words[this.size++] = this.id(w);
    this.starts.push(this.size);
  }

  private id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.ids.size;
      if (id > 0xffff) throw new Error("WordCorpus holds at most 65,536 distinct words");
      this.ids.set(word, id);
      this.names.push(word);
    }
    return id;
  }

  /** The words of statement `s` (numbered from 0). */
  statementWords(s: number): string[] {
    return Array.from(this.words.subarray(this.starts[s]!, this.starts[s + 1]!), (id) => this.names[id]!);
  }

  /**
   * The fewest word edits (substitution, insertion, deletion) that make `quote` a run of words of
   * statement `s` (numbered from 0): 0 when it holds the quote word for word. Sellers' semi-global
   * alignment: the quote whole, the statement from any word to any word.
   */
  distance(s: number, quote: readonly string[]): number {
    const q = quote.map((w) => this.ids.get(w) ?? -1);
    const from = this.starts[s]!;
    const to = this.starts[s + 1]!;
    // prev[k]: edits aligning q[0..k) so that it ends at the current statement word.
    let prev = Array.from({ length: q.length + 1 }, (_, k) => k);
    let best = prev[q.length]!;
    for (let i = from; i < to; i++) {
      const next = [0];
      for (let k = 1; k <= q.length; k++) {
        const same = this.words[i] === q[k - 1];
        next.push(Math.min(prev[k - 1]! + (same ? 0 : 1), prev[k]! + 1, next[k - 1]! + 1));
      }
      prev = next;
      best = Math.min(best, prev[q.length]!);
    }
    return best;
  }
}
