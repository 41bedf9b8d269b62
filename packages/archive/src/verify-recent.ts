/**
 * What verify by hash read a moment ago, per item store: the committed statements a content hash
 * led to (record, entry, log index, superseded-by) and the publishers that answers name. Issue
 * #15: on a popular file every request re-read the same statement partition and the same profile,
 * two DynamoDB round trips on top of the content lookup that must stay fresh.
 *
 * Freshness. A committed record, its entry and its leaf index never change; what can is the list
 * of statements superseding it, and a publisher's display names. Those are served up to
 * VERIFY_RECENT_MS / PUBLISHER_MS old, the same order as the log head a verify answer is proven
 * against (log-reader.ts RECENT_MS) and the max-age=5 of a receipt. The content lookup itself
 * (which statements have these bytes) is never cached, so a statement just archived is found at
 * once; and a supersession committed in this process drops the statement it supersedes
 * (forgetStatement, called by ingest) so that this process never shows it unsuperseded again.
 */
import type { SignedStatementRecord } from "./statement-record";
import type { ItemStore } from "./ports";
import { WeightedLru } from "./lru";
import type { PublisherSummary } from "./publisher-profile";

export interface RecentStatement {
  readonly record: SignedStatementRecord;
  readonly entry: string;
  readonly leafIndex?: number;
  readonly supersededBy: string[];
}

/**
 * How long a statement's superseded-by list is served without a read. Within it, a record
 * changed behind the service's back is not seen yet: the answer is the signed record this
 * process read and checked, never the changed one (tests/chaos/tamper.test.ts waits it out).
 */
export const VERIFY_RECENT_MS = 1_000;
/** How long a publisher's display names are served without a read. */
const PUBLISHER_MS = 5_000;
/** Characters of entries kept per store (~4 MiB of records; oldest out first). */
const STATEMENT_CHARS = 4 * 1024 * 1024;
const PUBLISHERS = 1024;

interface Caches {
  statements: WeightedLru<string, { value: RecentStatement; at: number }>;
  publishers: WeightedLru<string, { value: Promise<PublisherSummary>; at: number }>;
}

const byStore = new WeakMap<ItemStore, Caches>();

function caches(items: ItemStore): Caches {
  let found = byStore.get(items);
  if (found === undefined) {
    found = { statements: new WeightedLru(STATEMENT_CHARS), publishers: new WeightedLru(PUBLISHERS) };
    byStore.set(items, found);
  }
  return found;
}

/**
 * The statement `id` as read within VERIFY_RECENT_MS, else `read()`. Only what `sound` accepts
 * (in the log, its signature checks, its content matches) is remembered: a record changed in storage is
 * reported on every read, and is never served again once it is put back.
 */
export async function recentStatement(
  items: ItemStore,
  id: string,
  read: () => Promise<RecentStatement | undefined>,
  sound: (value: RecentStatement) => boolean,
): Promise<RecentStatement | undefined> {
  const { statements } = caches(items);
  const known = statements.get(id);
  if (known !== undefined && performance.now() - known.at < VERIFY_RECENT_MS) return known.value;
  const at = performance.now();
  const value = await read();
  if (value !== undefined && sound(value)) statements.set(id, { value, at }, value.entry.length);
  return value;
}

/** Drops what is remembered of `id` (a statement superseding it was just committed here). */
export function forgetStatement(items: ItemStore, id: string): void {
  byStore.get(items)?.statements.delete(id);
}

/**
 * A publisher lookup (publishers.ts publisherLookup's shape) that shares answers across requests
 * for PUBLISHER_MS; a failed read is not remembered.
 */
export function recentPublisherLookup(
  items: ItemStore,
  lookup: (id: string) => Promise<PublisherSummary>,
): (id: string) => Promise<PublisherSummary> {
  const { publishers } = caches(items);
  return (id) => {
    const known = publishers.get(id);
    if (known !== undefined && performance.now() - known.at < PUBLISHER_MS) return known.value;
    const value = lookup(id);
    publishers.set(id, { value, at: performance.now() }, 1);
    value.catch(() => {
      if (publishers.get(id)?.value === value) publishers.delete(id);
    });
    return value;
  };
}
