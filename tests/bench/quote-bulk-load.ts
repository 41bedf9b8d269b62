/**
 * Bench quote's bulk loader (issue #12: the 10,000-statement run on the emulators in bounded
 * time). Archiving 10,000 statements one ingest at a time took over 30 minutes of dynalite
 * writes; this writes the same archive with many BatchWriteItem and PutObject calls in flight.
 *
 * What is written is not re-stated here: each statement goes through the real `ingest` use case
 * against recording stores (recording-stores.ts), and what they hold afterwards (the committed
 * statement item, its link items, every quote-index item, the original and its text) is then
 * copied to the emulators through the production adapters: `putMany` (BatchWriteItem, 25 items a
 * request, unprocessed ones retried) and `putImmutable` (PutObject). The statements a bench
 * measures are still ingested through the real stores, so the real write path stays proven.
 */
import { ingestOnce, type ArchiveDeps, type Item, type ItemStore, type ObjectStore } from "@isnad/archive";
import { RecordingItemStore, RecordingObjectStore, type RecordedObject } from "./recording-stores";

/** Statements recorded before each copy: ~440 items each, so a batch's items stay ~100 MB at most. */
const BATCH_STATEMENTS = 250;
/** putMany calls at once, each with 8 BatchWriteItem requests in flight (dynamodb-batch-write.ts). */
const ITEM_LANES = 4;
/** PutObject calls in flight at once. */
const OBJECT_LANES = 16;

export interface BulkLoadResult {
  statements: number;
  items: number;
  objects: number;
  seconds: number;
  /** Of `seconds`, running ingest against the recording stores (CPU only). */
  recordSeconds: number;
}

export interface BulkLoadTarget {
  items: ItemStore;
  objects: ObjectStore;
}

/**
 * Archives `texts` (plain text, one statement each, from `publisher`) into `target`, as many
 * ingests would. `depsFor` builds the ingest dependencies over the stores it is given (the
 * recording ones), exactly as the caller builds them over the real ones.
 */
export async function bulkLoad(
  target: BulkLoadTarget,
  depsFor: (stores: { items: ItemStore; objects: ObjectStore }) => ArchiveDeps,
  publisher: string,
  texts: readonly string[],
  progress: (done: number) => void = () => {},
): Promise<BulkLoadResult> {
  const started = performance.now();
  let recordMs = 0;
  let items = 0;
  let objects = 0;
  let copying: Promise<void> = Promise.resolve();
  for (let from = 0; from < texts.length; from += BATCH_STATEMENTS) {
    const batch = texts.slice(from, from + BATCH_STATEMENTS);
    const t = performance.now();
    // The next batch is recorded while the previous one is copied: recording is CPU in this
    // process, copying mostly waits on the emulators (dynalite's LevelDB writes run off-thread).
    const recorded = await record(depsFor, publisher, batch);
    recordMs += performance.now() - t;
    await copying;
    progress(from);
    items += recorded.items.length;
    objects += recorded.objects.length;
    copying = copy(target, recorded.items, recorded.objects);
  }
  await copying;
  progress(texts.length);
  return {
    statements: texts.length,
    items,
    objects,
    seconds: (performance.now() - started) / 1000,
    recordSeconds: recordMs / 1000,
  };
}

async function record(
  depsFor: (stores: { items: ItemStore; objects: ObjectStore }) => ArchiveDeps,
  publisher: string,
  texts: readonly string[],
): Promise<{ items: Item[]; objects: RecordedObject[] }> {
  const stores = { items: new RecordingItemStore(), objects: new RecordingObjectStore() };
  const deps = depsFor(stores);
  for (const text of texts) {
    await ingestOnce(deps, {
      publisher,
      body: new TextEncoder().encode(text),
      declaredMediaType: "text/plain",
      filename: null,
      fields: {},
    });
  }
  return { items: [...stores.items.items.values()], objects: [...stores.objects.objects.values()] };
}

async function copy(target: BulkLoadTarget, items: Item[], objects: RecordedObject[]): Promise<void> {
  const lane = Math.ceil(items.length / ITEM_LANES);
  let next = 0;
  await Promise.all([
    ...Array.from({ length: ITEM_LANES }, (_, i) =>
      target.items.putMany(items.slice(i * lane, (i + 1) * lane)),
    ),
    ...Array.from({ length: OBJECT_LANES }, async () => {
      for (let o = objects[next++]; o !== undefined; o = objects[next++]) {
        await target.objects.putImmutable(o.key, o.body, o.options);
      }
    }),
  ]);
}
