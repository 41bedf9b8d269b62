/**
 * Which statements hold these bytes, in one item per content hash (issue #15): verify by hash
 * reads it with one GetItem, where the by-content link items (items.ts `sha#…`) need a Query of
 * their partition. The link items stay; provenance.ts sameContent and archives not migrated yet
 * read them.
 *
 * The item lists statement ids only: nothing that changes after a commit (state, leaf index,
 * supersession, corrections) is copied into it, so it never goes stale; readers follow each id to
 * its statement (verify-recent.ts keeps those for a second), as they follow link items.
 *
 * Writes. The same bytes may come from several publishers, at once: a list kept with
 * unconditional puts (BatchWriteItem has no conditions) would lose one of two concurrent holders,
 * so an id is added with a single-item compare-and-swap on `version` (ports.ts putIfVersion) —
 * for the first holder one conditional put, made beside the link items' batch in ingest step 3,
 * so no round trip is added to an ingest.
 *
 * Crash safety: the same rule as link items. The id is added before the statement commits (step
 * 5), so a committed statement is always listed; a listed statement may still be pending (or
 * never commit, if its ingest died and is not retried), and readers show only committed ones.
 *
 * Migration. Archives from before this item have statements that are in no holders item. Until
 * `migrateContentHolders` has listed every committed statement and written the store-wide
 * marker (items.ts contentHoldersComplete), readers do not trust these items and Query the link
 * items as before; once it is set, a missing item means that no statement holds the bytes.
 */
import { ArchiveError } from "./errors";
import { keys, linkedId } from "./items";
import type { Item, ItemStore } from "./ports";

/** At most this many holders are read, as the by-content Query read at most 1,000 link items. */
export const MAX_CONTENT_HOLDERS = 1000;
/**
 * Compare-and-swap attempts before giving up (UNAVAILABLE: the ingest is retried). Each round one
 * of the contending writers wins, and the losers wait a random few milliseconds (growing) so the
 * next round is not the same crowd at once: the same bytes from a dozen publishers in the same
 * second still go through.
 */
const CAS_ATTEMPTS = 16;
const BACKOFF_MS = 5;

/**
 * Adds `id` to the holders of `sha256Hex`. Idempotent (a retried ingest adds nothing), safe
 * against concurrent adds (no id is lost), one request when the item is new.
 */
export async function addContentHolder(items: ItemStore, sha256Hex: string, id: string): Promise<void> {
  const key = keys.contentHolders(sha256Hex);
  let current: Item | undefined;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    // The first attempt assumes the usual case, bytes nobody archived yet: no read before it.
    if (attempt > 1) await new Promise((r) => setTimeout(r, Math.random() * BACKOFF_MS * attempt));
    if (attempt > 0) current = await items.get(key.pk, key.sk);
    const ids = current === undefined ? [] : holderIds(current);
    if (ids.includes(id)) return;
    const version = current === undefined ? undefined : Number(current.version);
    if (await items.putIfVersion({ ...key, ids: [...ids, id], version: (version ?? 0) + 1 }, version)) return;
  }
  throw new ArchiveError("UNAVAILABLE", `the holders of content ${sha256Hex} changed too often; retry`);
}

/**
 * The ids of the statements holding these bytes, committed or not (the caller keeps the
 * committed ones), oldest write first. One GetItem once the archive is migrated; the by-content
 * Query before.
 */
export async function readContentHolders(items: ItemStore, sha256Hex: string): Promise<string[]> {
  if (await holdersComplete(items)) {
    const key = keys.contentHolders(sha256Hex);
    const item = await items.get(key.pk, key.sk);
    return item === undefined ? [] : holderIds(item).slice(0, MAX_CONTENT_HOLDERS);
  }
  const page = await items.query(keys.byContent(sha256Hex, "").pk, { limit: MAX_CONTENT_HOLDERS });
  return page.items.map((link) => linkedId(link.sk));
}

/** The ids of a holders item; a malformed one (changed in storage) is an INTEGRITY error. */
function holderIds(item: Item): string[] {
  const { ids } = item;
  if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === "string")) {
    throw new ArchiveError("INTEGRITY", `the content holders item ${item.pk} is malformed`);
  }
  return ids;
}

/**
 * How long a process goes on reading the link items after it last found the marker absent: a
 * migration finished elsewhere (`isnad migrate-content`) is picked up within this time.
 */
const RECHECK_MS = 30_000;
const completeByStore = new WeakMap<ItemStore, { complete: boolean; at: number } | Promise<boolean>>();

/** Whether the store-wide marker is set; once seen, never read again (it is never removed). */
async function holdersComplete(items: ItemStore): Promise<boolean> {
  const known = completeByStore.get(items);
  if (known instanceof Promise) return known;
  if (known !== undefined && (known.complete || performance.now() - known.at < RECHECK_MS)) {
    return known.complete;
  }
  const key = keys.contentHoldersComplete();
  const read = items.get(key.pk, key.sk).then(
    (item) => {
      completeByStore.set(items, { complete: item !== undefined, at: performance.now() });
      return item !== undefined;
    },
    (e: unknown) => {
      completeByStore.delete(items);
      throw e;
    },
  );
  // Concurrent first requests share the one read.
  completeByStore.set(items, read);
  return read;
}

/** Forgets what this process knows of the marker (tests that write it behind its back). */
export function forgetContentHoldersMarker(items: ItemStore): void {
  completeByStore.delete(items);
}

/** Writes the marker: every committed statement is in its content's holders item. */
export async function markContentHoldersComplete(items: ItemStore, at: string): Promise<void> {
  await items.put({ ...keys.contentHoldersComplete(), at });
  completeByStore.set(items, { complete: true, at: performance.now() });
}

/** Whether the marker is set (read afresh). */
export async function contentHoldersMigrated(items: ItemStore): Promise<boolean> {
  const key = keys.contentHoldersComplete();
  return (await items.get(key.pk, key.sk)) !== undefined;
}
