/**
 * The pool: entries appended but not yet sequenced, one DynamoDB item each, in the order they
 * arrived. Appenders add to it; the integrator drains it into batches. An entry may sit in the
 * pool more than once (a retried append) or after it was integrated (a retry racing the
 * integrator): the leaf index items (`log#leaf#…`) are what decides whether it is in the log, so
 * duplicates are dropped at sequencing time and their pool items deleted.
 */
import { MAX_BUNDLE_ENTRY_SIZE, formatHex, hashLeaf } from "@isnad/core";
import { ArchiveError } from "../errors";
import type { Clock } from "../clock";
import type { ItemKey, ItemStore } from "../ports";
import { logKeys } from "./log-keys";

export interface PoolEntry {
  readonly entry: Uint8Array;
  readonly leafHash: Uint8Array;
  /** Sort keys of every pool item holding this entry. */
  readonly pool: readonly string[];
}

export interface PoolLimits {
  /** Most entries per batch. */
  readonly maxEntries: number;
  /** Most entry bytes per batch (keeps the batch object and the integration small). */
  readonly maxBytes: number;
}

export async function addToPool(items: ItemStore, clock: Clock, entry: Uint8Array): Promise<void> {
  const now = clock.now();
  await items.put({ ...logKeys.pool(now.getTime(), hashLeaf(entry)), entry, addedAt: now.toISOString() });
}

/**
 * The oldest entries of the pool, one per distinct entry, within the limits. Strongly consistent
 * (a query on the table, not an index), so whatever a finished put added is seen.
 */
export async function readPool(items: ItemStore, limits: PoolLimits): Promise<PoolEntry[]> {
  const byHash = new Map<string, { entry: Uint8Array; leafHash: Uint8Array; pool: string[] }>();
  let bytes = 0;
  let cursor: string | undefined;
  do {
    const page = await items.query(logKeys.poolPartition, {
      limit: Math.min(1000, limits.maxEntries),
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) {
      const entry = item.entry;
      if (!(entry instanceof Uint8Array) || entry.length > MAX_BUNDLE_ENTRY_SIZE) {
        throw new ArchiveError("INTEGRITY", `log pool item ${item.sk} is malformed`);
      }
      const leafHash = hashLeaf(entry);
      const hex = formatHex(leafHash);
      // The sort key names the leaf hash: a pool item that disagrees with its entry is damage.
      if (!item.sk.endsWith(`#${hex}`))
        throw new ArchiveError("INTEGRITY", `log pool item ${item.sk} is altered`);
      const known = byHash.get(hex);
      if (known) {
        known.pool.push(item.sk);
        continue;
      }
      if (byHash.size >= limits.maxEntries || (byHash.size > 0 && bytes + entry.length > limits.maxBytes)) {
        return [...byHash.values()];
      }
      bytes += entry.length;
      byHash.set(hex, { entry, leafHash, pool: [item.sk] });
    }
    cursor = page.cursor;
  } while (cursor !== undefined);
  return [...byHash.values()];
}

/** Deletes pool items (idempotent): BatchWriteItem, 25 keys a request. */
export async function removeFromPool(items: ItemStore, keys: readonly ItemKey[]): Promise<void> {
  if (keys.length > 0) await items.deleteMany(keys);
}
