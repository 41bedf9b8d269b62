/**
 * In-memory stores that record what a use case writes, for bench quote's bulk loader
 * (quote-bulk-load.ts): the real `ingest` runs against them, so the items and objects it leaves
 * are exactly what it would have written to DynamoDB and S3, without re-stating the layout here.
 * They answer reads from what was written (ingest reads the statement back before it writes it),
 * and refuse what ingest of a new plain statement never does (queries, deletes), so a change to
 * ingest that needs more shows up as an error rather than as a silently different archive.
 */
import type {
  Item,
  ItemStore,
  ObjectHead,
  ObjectStore,
  PutImmutableOptions,
  QueryPage,
} from "@isnad/archive";

const keyOf = (pk: string, sk: string) => `${pk}\u0000${sk}`;

export class RecordingItemStore implements ItemStore {
  readonly items = new Map<string, Item>();

  get(pk: string, sk: string): Promise<Item | undefined> {
    return Promise.resolve(this.items.get(keyOf(pk, sk)));
  }
  put(item: Item): Promise<void> {
    this.items.set(keyOf(item.pk, item.sk), item);
    return Promise.resolve();
  }
  putIfAbsent(item: Item): Promise<boolean> {
    if (this.items.has(keyOf(item.pk, item.sk))) return Promise.resolve(false);
    this.items.set(keyOf(item.pk, item.sk), item);
    return Promise.resolve(true);
  }
  putMany(items: readonly Item[]): Promise<void> {
    for (const item of items) this.items.set(keyOf(item.pk, item.sk), item);
    return Promise.resolve();
  }
  putIfVersion(item: Item, expected: number | undefined): Promise<boolean> {
    const stored = this.items.get(keyOf(item.pk, item.sk));
    if ((stored?.version as number | undefined) !== expected) return Promise.resolve(false);
    this.items.set(keyOf(item.pk, item.sk), item);
    return Promise.resolve(true);
  }
  batchGet(keys: readonly { pk: string; sk: string }[]): Promise<(Item | undefined)[]> {
    return Promise.resolve(keys.map((k) => this.items.get(keyOf(k.pk, k.sk))));
  }
  query(): Promise<QueryPage> {
    return Promise.reject(new Error("RecordingItemStore: ingest of a new statement makes no Query"));
  }
  queryIndex(): Promise<QueryPage> {
    return Promise.reject(new Error("RecordingItemStore: ingest of a new statement makes no index Query"));
  }
  delete(): Promise<void> {
    return Promise.reject(new Error("RecordingItemStore: ingest deletes nothing"));
  }
  deleteMany(): Promise<void> {
    return Promise.reject(new Error("RecordingItemStore: ingest deletes nothing"));
  }
}

export interface RecordedObject {
  key: string;
  body: Uint8Array;
  options: PutImmutableOptions;
}

export class RecordingObjectStore implements ObjectStore {
  readonly objects = new Map<string, RecordedObject>();

  putImmutable(key: string, body: Uint8Array, options: PutImmutableOptions): Promise<"created" | "exists"> {
    if (this.objects.has(key)) return Promise.resolve("exists");
    this.objects.set(key, { key, body, options });
    return Promise.resolve("created");
  }
  get(key: string): Promise<Uint8Array | undefined> {
    return Promise.resolve(this.objects.get(key)?.body);
  }
  head(key: string): Promise<ObjectHead | undefined> {
    const o = this.objects.get(key);
    return Promise.resolve(
      o && { size: o.body.length, contentType: o.options.contentType, metadata: o.options.metadata ?? {} },
    );
  }
  putImmutableStream(): Promise<"created" | "exists"> {
    return Promise.reject(new Error("RecordingObjectStore: bulk statements are small, never streamed"));
  }
  putMutable(): Promise<void> {
    return Promise.reject(new Error("RecordingObjectStore: ingest writes immutable objects only"));
  }
  getStream(): Promise<undefined> {
    return Promise.reject(new Error("RecordingObjectStore: ingest streams nothing back"));
  }
}
