/**
 * The log's state: one DynamoDB item, changed only by compare-and-swap on its `version` — the
 * single linearization point of the log (as Sunlight's checkpoint item). It holds the committed
 * tree (size, root, signed checkpoint) and, between sequencing and integration, the batch that is
 * next (`pending`). See integrator.ts for how the two steps use it.
 */
import { MERKLE_HASH_SIZE, emptyRoot, equalBytes, parseCheckpoint, parseNote } from "@isnad/core";
import { ArchiveError } from "../errors";
import type { Item, ItemStore } from "../ports";
import { logKeys } from "./log-keys";

/** A batch of entries sequenced at leaf index `start`, stored at batchObjectKey(start, sha256). */
export interface PendingBatch {
  readonly start: number;
  readonly count: number;
  /** Lowercase hex SHA-256 of the batch object. */
  readonly sha256: string;
}

export interface LogState {
  /** The item's version; 0 when there is no item yet (the empty log). */
  readonly version: number;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** The signed checkpoint of `size`, verbatim. */
  readonly checkpoint: string;
  readonly pending?: PendingBatch;
}

export function emptyLogState(emptyCheckpoint: string): LogState {
  return { version: 0, size: 0, rootHash: emptyRoot(), checkpoint: emptyCheckpoint };
}

/** The state (strongly consistent read), or the empty log's when no item exists. */
export async function readLogState(items: ItemStore, emptyCheckpoint: string): Promise<LogState> {
  const item = await items.get(logKeys.state.pk, logKeys.state.sk);
  return item === undefined ? emptyLogState(emptyCheckpoint) : parseLogState(item);
}

/** Writes `next` if the stored state is still `current` (CAS); false when another writer won. */
export function swapLogState(items: ItemStore, current: LogState, next: LogState): Promise<boolean> {
  const item: Item = {
    ...logKeys.state,
    version: next.version,
    size: next.size,
    rootHash: next.rootHash,
    checkpoint: next.checkpoint,
    ...(next.pending ? { pending: { ...next.pending } } : {}),
  };
  return items.putIfVersion(item, current.version === 0 ? undefined : current.version);
}

const isCount = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

export function parseLogState(item: Record<string, unknown>): LogState {
  const { version, size, rootHash, checkpoint, pending } = item;
  const malformed = (what: string) =>
    new ArchiveError("INTEGRITY", `the log state item is malformed: ${what}`);
  if (!isCount(version) || version < 1) throw malformed("version");
  if (!isCount(size)) throw malformed("size");
  if (!(rootHash instanceof Uint8Array) || rootHash.length !== MERKLE_HASH_SIZE) throw malformed("rootHash");
  if (typeof checkpoint !== "string") throw malformed("checkpoint");
  // The checkpoint is the signed copy of (size, root): fields that disagree with it were changed
  // behind the log's back (or damaged), and nothing may be served or built on them. (A wholesale
  // rollback to an older, genuine state passes here; integrator.ts checks for that.)
  let signed: { size: number; rootHash: Uint8Array };
  try {
    signed = parseCheckpoint(parseNote(checkpoint).text);
  } catch {
    throw malformed("checkpoint");
  }
  if (signed.size !== size || !equalBytes(signed.rootHash, rootHash)) {
    throw new ArchiveError(
      "INTEGRITY",
      "the log state's size and root hash are not those of its signed checkpoint",
    );
  }
  const state = { version, size, rootHash, checkpoint };
  if (pending === undefined) return state;
  const p = pending as Record<string, unknown>;
  if (
    typeof pending !== "object" ||
    pending === null ||
    !isCount(p.start) ||
    p.start !== size ||
    !isCount(p.count) ||
    p.count < 1 ||
    typeof p.sha256 !== "string" ||
    !/^[0-9a-f]{64}$/.test(p.sha256)
  ) {
    throw malformed("pending");
  }
  return { ...state, pending: { start: p.start, count: p.count, sha256: p.sha256 } };
}
