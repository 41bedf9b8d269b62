/**
 * An ItemStore whose putMany yields to other work: for the quote index the local server writes
 * in the background after a long text's commit (index-queue.ts). A 2 M-character text is ~460
 * BatchWriteItem calls; the adapter sends 8 at a time (dynamodb-batch-write.ts), which on the
 * emulators put a reader's GetItem behind eight LevelDB transactions of 25 puts each, and the
 * SDK's work for them between its requests (issue #13: the reader's p99 during a storm of hostile
 * uploads). Paced, at most `inFlight` batches of one request each are in flight, and each next
 * one starts from a fresh turn of the event loop (setImmediate: after pending I/O), so requests
 * that arrive meanwhile go first. Every other call passes through unchanged.
 *
 * The writes stay idempotent puts, so the pending marker's guarantee is untouched: a write cut
 * short is redone from the marker (pending-index.ts).
 */
import type { Item, ItemStore } from "./ports";

/** DynamoDB's BatchWriteItem limit: one slice, one request. */
const BATCH_ITEMS = 25;

export function pacedItemStore(items: ItemStore, options: { inFlight?: number } = {}): ItemStore {
  const inFlight = Math.max(1, options.inFlight ?? 2);
  return {
    get: (pk, sk) => items.get(pk, sk),
    put: (item) => items.put(item),
    putIfAbsent: (item) => items.putIfAbsent(item),
    putMany: (all) => putPaced(items, all, inFlight),
    delete: (pk, sk) => items.delete(pk, sk),
    deleteMany: (keys) => items.deleteMany(keys),
    putIfVersion: (item, expected) => items.putIfVersion(item, expected),
    query: (pk, queryOptions) => items.query(pk, queryOptions),
    queryIndex: (index, pk, queryOptions) => items.queryIndex(index, pk, queryOptions),
    batchGet: (keys) => items.batchGet(keys),
  };
}

async function putPaced(items: ItemStore, all: readonly Item[], inFlight: number): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (next < all.length && !failed) {
      const slice = all.slice(next, (next += BATCH_ITEMS));
      await yieldToLoop();
      // The first failure ends every lane: what is left is redone from the marker.
      await items.putMany(slice).catch((e: unknown) => {
        failed = true;
        throw e;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, Math.ceil(all.length / BATCH_ITEMS)) }, lane));
}

/** One turn of the event loop: timers and I/O callbacks waiting now run before the caller goes on. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
