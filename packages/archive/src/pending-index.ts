/**
 * Deferred quote indexing (issue #15: "a 30,000-word text archived in ≤ 1 s"). The quote index is
 * derived data — a function of the signed record and its stored text, rebuilt by `isnad reindex`
 * — and a long text has ~3 index items a word (90,000 for 30,000 words). What ingest must make
 * durable before it answers is the statement, its original, its text and its log entry; so a text
 * longer than INDEX_NOW_MAX_CHARS is indexed after the commit:
 *
 *   1. ingest step 3 writes an "index pending" marker item beside the link items, before the log
 *      append and the commit (ingest.ts): once a statement is committed its marker is durable, so
 *      no crash can leave a committed statement unindexed and forgotten;
 *   2. after the commit, ingest hands the id to its IndexQueue (index-queue.ts): in process
 *      locally, nothing on Lambda, where the sweeper function runs every minute;
 *   3. completePendingIndex writes the index (deps.indexText, idempotent puts) and only then
 *      deletes the marker. A crash in between leaves the marker, and the next sweep writes the
 *      same items again: every step can run twice.
 *
 * | pk        | sk           | gsi1pk / gsi1sk                        | attributes        |
 * |-----------|--------------|----------------------------------------|-------------------|
 * | stmt#<id> | indexPending | index-pending / <queuedAt>#<id>        | textSha256        |
 *
 * In the statement's own partition, so the provenance read (one Query of that partition,
 * provenance.ts) sees it for free and the record says "quote index pending"; listed for sweeps
 * by gsi1 (eventually consistent: each marker is re-read strongly before it is acted on).
 */
import { formatHex, sha256 } from "@isnad/core";
import { readStatement, type ArchiveDeps } from "./archive-deps";
import { ArchiveError } from "./errors";
import { LONE_SURROGATE } from "./ingest-input";
import type { Item, ItemStore, ObjectStore } from "./ports";
import type { SignedStatementRecord } from "./statement-record";
import { textKey } from "./stored-text";

/**
 * Texts up to this many UTF-16 units are indexed before ingest answers (~0.5 index items per
 * character in Arabic and English alike, so ≤ ~3,000 items: ≤ 120 BatchWriteItem calls, 8 in
 * flight). Above it, the index is written after the commit. Measured on the emulators
 * (tests/bench/ingest-words.ts): dynalite writes ~1,000 items a second on 2 shared cores, so the
 * bound keeps a synchronous index near 1–3 s there and ~0.2 s on DynamoDB; a press release
 * (the seeds: 2,000 characters) stays quotable the moment it is archived.
 */
export const INDEX_NOW_MAX_CHARS = 6_000;

export const INDEX_PENDING_SK = "indexPending";
/** The gsi1 partition that lists pending markers for sweeps. */
export const INDEX_PENDING_LISTING = "index-pending";

export const indexPendingKey = (id: string) => ({ pk: `stmt#${id}`, sk: INDEX_PENDING_SK });

/** True when this record's text is long enough to be indexed after its commit. */
export function indexesLater(record: SignedStatementRecord): boolean {
  return Boolean(record.text?.sha256) && (record.text?.length ?? 0) > INDEX_NOW_MAX_CHARS;
}

/** True when ingest with these deps commits this record before writing its quote index. */
export function defersIndex(
  deps: Pick<ArchiveDeps, "indexQueue" | "indexText">,
  record: SignedStatementRecord,
): boolean {
  return deps.indexQueue !== undefined && deps.indexText !== undefined && indexesLater(record);
}

export function indexPendingItem(record: SignedStatementRecord, queuedAt: string): Item {
  return {
    ...indexPendingKey(record.id),
    gsi1pk: INDEX_PENDING_LISTING,
    gsi1sk: `${queuedAt}#${record.id}`,
    textSha256: record.text!.sha256!,
  };
}

/** What completing one marker did. */
export type PendingIndexOutcome = "indexed" | "absent" | "damaged";

export type PendingIndexDeps = Pick<ArchiveDeps, "items" | "objects"> & {
  indexText: NonNullable<ArchiveDeps["indexText"]>;
};

/**
 * Writes statement `id`'s quote index if its marker is still there, then deletes the marker.
 * "absent": another run (or ingest's own queue) completed it already. "damaged": its text is
 * missing or does not match its record; the marker stays, for an operator to see (reindex
 * reports the same statement).
 */
export async function completePendingIndex(
  deps: PendingIndexDeps,
  id: string,
  held?: HeldText,
): Promise<PendingIndexOutcome> {
  const key = indexPendingKey(id);
  if (!(await deps.items.get(key.pk, key.sk))) return "absent";
  // Pending or committed alike: the record is fixed from ingest step 2 on, and so are its items
  // (readers skip statements that are not committed).
  const record = held?.record.id === id ? held.record : (await readStatement(deps.items, id))?.record;
  const digest = record?.text?.sha256;
  if (!record || !digest) {
    await deps.items.delete(key.pk, key.sk); // nothing to index: a marker without a text
    return "absent";
  }
  const text = heldText(held, digest) ?? (await readCheckedText(deps.objects, digest));
  if (text === undefined) return "damaged";
  await deps.indexText(record, text);
  await deps.items.delete(key.pk, key.sk);
  return "indexed";
}

/**
 * What the ingest that committed a statement still holds of it: its signed record and the text
 * it extracted and stored (issue #15: a 5 MiB text was read back from S3 right after it was
 * written). Only a hint — the marker decides whether there is work, and the text is used only
 * when it is exactly the stored object, checked against the record's SHA-256.
 */
export interface HeldText {
  record: SignedStatementRecord;
  text: string;
}

/** The held text when it is the one `digest` names, byte for byte once stored as UTF-8. */
function heldText(held: HeldText | undefined, digest: string): string | undefined {
  // A lone surrogate is stored as U+FFFD (TextEncoder): the stored text would differ.
  if (!held || LONE_SURROGATE.test(held.text)) return undefined;
  return formatHex(sha256(new TextEncoder().encode(held.text))) === digest ? held.text : undefined;
}

export interface SweepSummary {
  indexed: string[];
  damaged: string[];
  /** Markers listed whose work another run had done. */
  absent: number;
}

/**
 * Completes every pending index listed, oldest first (the Lambda sweeper every minute; the local
 * server at start). Starts no new one once `shouldStop()` says so (a function's deadline near, a
 * server closing); what is left waits for the next run.
 */
export async function completePendingIndexes(
  deps: PendingIndexDeps,
  options: { shouldStop?: () => boolean } = {},
): Promise<SweepSummary> {
  const summary: SweepSummary = { indexed: [], damaged: [], absent: 0 };
  const stop = options.shouldStop ?? (() => false);
  let cursor: string | undefined;
  do {
    const page = await deps.items.queryIndex("gsi1", INDEX_PENDING_LISTING, {
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const marker of page.items) {
      if (stop()) return summary;
      const id = marker.pk.slice("stmt#".length);
      const outcome = await completePendingIndex(deps, id);
      if (outcome === "indexed") summary.indexed.push(id);
      else if (outcome === "damaged") summary.damaged.push(id);
      else summary.absent++;
    }
    cursor = page.cursor;
  } while (cursor);
  return summary;
}

/** Whether statement `id` still waits for its quote index (one GetItem). */
export async function isIndexPending(items: ItemStore, id: string): Promise<boolean> {
  const key = indexPendingKey(id);
  return (await items.get(key.pk, key.sk)) !== undefined;
}

/**
 * A stored text, checked against the SHA-256 its signed record names; undefined when it is
 * missing or does not match (a stored object failing its own recorded digest counts as missing).
 */
export async function readCheckedText(objects: ObjectStore, digest: string): Promise<string | undefined> {
  const bytes = await objects.get(textKey(digest)).catch((e: unknown) => {
    if (e instanceof ArchiveError && e.code === "INTEGRITY") return undefined;
    throw e;
  });
  if (!bytes || formatHex(sha256(bytes)) !== digest) return undefined;
  return new TextDecoder().decode(bytes);
}
