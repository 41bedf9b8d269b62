/**
 * An in-memory ItemStore for the quote index alone, compact enough to hold the postings of a
 * million statements (~30 million items): each posting is 20 bytes in typed arrays (64-bit key,
 * statement number, byte and UTF-16 offsets) instead of a JavaScript object. Items are written
 * and read through the port exactly as the DynamoDB adapter would be (putMany, query with limit
 * and cursor, sort-key order), so the simulation runs the archive's real retrieval code.
 *
 * Statements must be indexed in sort-key order (the simulation numbers them by receivedAt): a
 * stable radix sort by key then keeps every key's postings in sort-key order, as DynamoDB does.
 * Anything but quote-index items is refused: this store exists for one purpose.
 */
import type { Item, ItemKey, ItemStore, QueryOptions, QueryPage } from "@isnad/archive";

const KEY = /^q#[^#]+#[^#]+#3:([0-9a-f]{8})([0-9a-f]{8})$/;

class Column {
  data: Uint32Array;
  constructor(capacity: number) {
    this.data = new Uint32Array(capacity);
  }
  grow(size: number): void {
    if (size <= this.data.length) return;
    const next = new Uint32Array(Math.max(size, Math.ceil(this.data.length * 1.5)));
    next.set(this.data);
    this.data = next;
  }
}

export class PostingStore implements ItemStore {
  private size = 0;
  private readonly cols: Record<"hi" | "lo" | "doc" | "b" | "c", Column>;
  private readonly sks: string[] = [];
  private readonly skNumber = new Map<string, number>();
  private readonly columns: Column[];
  private sorted = true;
  /** Query calls served (the simulation's "reads"). */
  queries = 0;

  constructor(capacity = 1 << 20) {
    this.cols = {
      hi: new Column(capacity),
      lo: new Column(capacity),
      doc: new Column(capacity),
      b: new Column(capacity),
      c: new Column(capacity),
    };
    this.columns = Object.values(this.cols);
  }

  get postings(): number {
    return this.size;
  }

  putMany(items: readonly Item[]): Promise<void> {
    for (const item of items) {
      const m = KEY.exec(item.pk);
      if (!m) throw new Error(`PostingStore holds quote-index items only, not ${item.pk}`);
      let doc = this.skNumber.get(item.sk);
      if (doc === undefined) {
        doc = this.sks.length;
        if (doc > 0 && item.sk < this.sks[doc - 1]!) throw new Error("index statements in sort-key order");
        this.sks.push(item.sk);
        this.skNumber.set(item.sk, doc);
      }
      const at = this.size++;
      if (at >= this.cols.hi.data.length) for (const col of this.columns) col.grow(this.size);
      this.cols.hi.data[at] = parseInt(m[1]!, 16);
      this.cols.lo.data[at] = parseInt(m[2]!, 16);
      this.cols.doc.data[at] = doc;
      this.cols.b.data[at] = item.b as number;
      // Bit 31 of the UTF-16 offset: the words only apart (`g: 1`, quote-index.ts).
      this.cols.c.data[at] = ((item.c as number) | (item.g === 1 ? 0x80000000 : 0)) >>> 0;
    }
    this.sorted = false;
    return Promise.resolve();
  }

  /** Stable LSD radix sort by (hi, lo), 16 bits a pass: postings of a key stay in statement order. */
  private sort(): void {
    const n = this.size;
    let order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    let next = new Uint32Array(n);
    const counts = new Uint32Array(65537);
    const passes: [Uint32Array, number][] = [
      [this.cols.lo.data, 0],
      [this.cols.lo.data, 16],
      [this.cols.hi.data, 0],
      [this.cols.hi.data, 16],
    ];
    for (const [col, shift] of passes) {
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[((col[order[i]!]! >>> shift) & 0xffff) + 1]!++;
      for (let d = 0; d < 65536; d++) counts[d + 1]! += counts[d]!;
      for (let i = 0; i < n; i++) next[counts[(col[order[i]!]! >>> shift) & 0xffff]!++] = order[i]!;
      [order, next] = [next, order];
    }
    for (const col of Object.values(this.cols)) {
      const sortedData = new Uint32Array(n);
      for (let i = 0; i < n; i++) sortedData[i] = col.data[order[i]!]!;
      col.data = sortedData;
    }
    this.sorted = true;
  }

  /** The first posting index whose key is ≥ (hi, lo). */
  private lowerBound(hi: number, lo: number): number {
    const H = this.cols.hi.data;
    const L = this.cols.lo.data;
    let a = 0;
    let z = this.size;
    while (a < z) {
      const mid = (a + z) >>> 1;
      if (H[mid]! < hi || (H[mid] === hi && L[mid]! < lo)) a = mid + 1;
      else z = mid;
    }
    return a;
  }

  query(pk: string, options: QueryOptions = {}): Promise<QueryPage> {
    this.queries++;
    const m = KEY.exec(pk);
    if (!m) return Promise.resolve({ items: [] }); // e.g. the fingerprint: none in the simulation
    if (!this.sorted) this.sort();
    const hi = parseInt(m[1]!, 16);
    const lo = parseInt(m[2]!, 16);
    const first = this.lowerBound(hi, lo);
    const skip = options.cursor === undefined ? 0 : Number(options.cursor);
    const limit = options.limit ?? 1000;
    const items: Item[] = [];
    let i = first + skip;
    const H = this.cols.hi.data;
    const L = this.cols.lo.data;
    for (; i < this.size && H[i] === hi && L[i] === lo && items.length < limit; i++) {
      const c = this.cols.c.data[i]!;
      items.push({
        pk,
        sk: this.sks[this.cols.doc.data[i]!]!,
        b: this.cols.b.data[i]!,
        c: c & 0x7fffffff,
        ...(c >>> 31 ? { g: 1 } : {}),
      });
    }
    const more = i < this.size && H[i] === hi && L[i] === lo;
    return Promise.resolve(more ? { items, cursor: String(i - first) } : { items });
  }

  get(): Promise<Item | undefined> {
    return Promise.reject(new Error("PostingStore: get is not part of quote retrieval"));
  }
  put(): Promise<void> {
    return Promise.reject(new Error("PostingStore: put is not part of quote retrieval"));
  }
  putIfAbsent(): Promise<boolean> {
    return Promise.reject(new Error("PostingStore: putIfAbsent is not part of quote retrieval"));
  }
  delete(): Promise<void> {
    return Promise.reject(new Error("PostingStore: delete is not part of quote retrieval"));
  }
  deleteMany(): Promise<void> {
    return Promise.reject(new Error("PostingStore: deleteMany is not part of quote retrieval"));
  }
  putIfVersion(): Promise<boolean> {
    return Promise.reject(new Error("PostingStore: putIfVersion is not part of quote retrieval"));
  }
  queryIndex(): Promise<QueryPage> {
    return Promise.reject(new Error("PostingStore: queryIndex is not part of quote retrieval"));
  }
  batchGet(_keys: readonly ItemKey[]): Promise<(Item | undefined)[]> {
    return Promise.reject(new Error("PostingStore: batchGet is not part of quote retrieval"));
  }
}
