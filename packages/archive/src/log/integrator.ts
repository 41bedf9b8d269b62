/**
 * The integrator: turns the pool into signed tree growth, one batch at a time. It runs in
 * whichever appender holds the lease (lease.ts), but its safety does not depend on the lease.
 *
 * Write order. Sequencing is made durable before integration, so that integration is a pure
 * function of durable data and any crash is recovered by running the same code again:
 *
 *   1. (appender) pool item `log#pool/<addedAt>#<leaf hash>` — put.
 *   2. batch object `log/batches/<S>/<sha256>` — putImmutable. S = the committed size; the key is
 *      content-addressed, so it can hold only these bytes. It lists the fresh pool entries
 *      (those without a leaf index item) in pool order.
 *   3. state CAS v → v+1 setting `pending = {start: S, count, sha256}`: the sequencing point. From
 *      here the batch at S is decided; nobody can sequence another one until it is committed.
 *   4. hash tiles and entry bundles of the new tree — putImmutable each. Deterministic given the
 *      committed tree and the pending batch, so a rerun writes identical bytes ("exists").
 *   5. leaf index items `log#leaf#<hash>` = its index, written at the same time as 4 —
 *      BatchWriteItem, 25 a request. No condition is needed: sequencing (2) only takes entries that had no leaf item, and until
 *      the batch is committed (6) only integrators of this very batch write leaf items, all with
 *      the same values. A recovery (a pending batch read back) first reads which exist: one
 *      with a different index would be a duplicate entry, INTEGRITY.
 *   6. the checkpoint for S + count is signed, after checking that the new tree extends the old
 *      (integrate.ts), and the state CAS v+1 → v+2 commits size, root and checkpoint and clears
 *      `pending`. Only now do appenders see their index (they wait for index < size).
 *   7. `log/checkpoint` in S3 — putMutable (a convenience copy for static mirrors; the API serves
 *      the state item, which is authoritative) and, at the same time,
 *   8. the batch's pool items — BatchWriteItem deletes.
 *
 * Crash points: before 3, the state is unchanged and the batch object unreferenced (harmless; the
 * next run sequences the pool again, maybe differently, under another key). Between 3 and 6, the
 * state says `pending`: the next run (any appender) reads the batch back and redoes 4–6 — same
 * tiles, same leaf items, same checkpoint (Ed25519 signatures are deterministic). After 6, only
 * 7–8 are missing: the next commit republishes the checkpoint, and the next sequencing finds the
 * leftover pool items already indexed and deletes them instead of logging them twice.
 *
 * Never two inconsistent checkpoints: a checkpoint is only signed for the tree that extends the
 * committed one by exactly the pending batch, and only one batch can be pending at a size (CAS);
 * and the committed state itself must be one this log signed and not behind the checkpoint it
 * last published (foundation.ts), so that a state changed or rolled back in storage is refused.
 * Two integrators racing (an expired lease) compute the same tree and the same signature; one
 * CAS wins and the other finds its work done.
 */
import { formatHex, proveConsistency, sha256, signCheckpoint, utf8, type NoteSigner } from "@isnad/core";
import { ArchiveError, isArchiveError } from "../errors";
import type { ItemStore, ObjectStore } from "../ports";
import { batchPoolKeys, formatBatch, parseBatch, type Batch } from "./batch";
import { checkFoundation } from "./foundation";
import { integrate, type Integration } from "./integrate";
import { formatLeafProof } from "./leaf-proof";
import { batchObjectKey, logKeys, logObjectKey } from "./log-keys";
import { readLogState, swapLogState, type LogState } from "./log-state";
import { readPool, removeFromPool, type PoolEntry, type PoolLimits } from "./pool";
import type { TileStore } from "./tile-store";
import type { TimestampClient } from "./timestamp-client";
import type { WitnessClient } from "./witness-client";

export interface IntegratorConfig {
  readonly origin: string;
  readonly signer: NoteSigner;
  /** The signed checkpoint of the empty tree (the state before the first item exists). */
  readonly emptyCheckpoint: string;
  readonly limits: PoolLimits;
  /** Witnesses to cosign each committed checkpoint (c2sp.org/tlog-witness); none by default. */
  readonly witness?: WitnessClient;
  /** RFC 3161 TSAs to timestamp each committed checkpoint (timestamp-client.ts); none by default. */
  readonly timestamps?: TimestampClient;
}

/** What one step did: nothing to do, lost a race (try again), or committed a batch. */
export type StepResult =
  | { readonly kind: "idle" }
  | { readonly kind: "lost" }
  | {
      readonly kind: "committed";
      /**
       * The state this step committed: the next step of the same leader may build on it instead
       * of reading it back (step(known)).
       */
      readonly state: LogState;
      readonly size: number;
      readonly count: number;
      /** The batch's leaf hashes; the i-th got leaf index size − count + i. */
      readonly leafHashes: readonly Uint8Array[];
      readonly rootHash: Uint8Array;
      /** The signed checkpoint, with the cosignatures of the witnesses that answered in time. */
      readonly checkpoint: string;
      /** With witnesses configured: how many there are and which cosigned this checkpoint. */
      readonly witnessed?: { readonly configured: number; readonly cosigned: readonly string[] };
    };

/** The pool less the items a commit of ours is deleting (they are in the log already). */
function withoutDeleting(pool: readonly PoolEntry[], deleting: ReadonlySet<string>): PoolEntry[] {
  if (deleting.size === 0) return [...pool];
  return pool.flatMap((p) => {
    const left = p.pool.filter((sk) => !deleting.has(sk));
    return left.length === 0 ? [] : [{ ...p, pool: left }];
  });
}

export class Integrator {
  /**
   * Steps 7–8 of the last commit, still under way: the next step runs beside them (one round
   * trip fewer between batches) and skips the pool items they are deleting.
   */
  private publishing: Promise<void> = Promise.resolve();
  private readonly deleting = new Set<string>();

  constructor(
    private readonly objects: ObjectStore,
    private readonly items: ItemStore,
    private readonly tiles: TileStore,
    private readonly config: IntegratorConfig,
  ) {}

  /**
   * Commits the pending batch if there is one, else sequences and commits the next.
   *
   * `handed`: a state already in hand, which saves the state read — one read just now (`ours`
   * false: its foundation is still checked), or the state the previous step of this integrator
   * committed (`ours` true, its result's `state`), which also saves the foundation check (an S3
   * GET and a consistency proof): it is a state this integrator signed itself, on a foundation it
   * checked. Either is only ever used as the expected value of the sequencing CAS (or, pending,
   * read back from storage): if anyone changed the stored state since (another integrator after
   * our lease ran out, or storage changed behind the log's back), that CAS fails, the step is
   * "lost", and the caller steps again without it, reading and checking the stored state.
   */
  async step(handed?: { readonly state: LogState; readonly ours: boolean }): Promise<StepResult> {
    if (handed === undefined) await this.settle(); // a read of the state sees the last commit's side effects
    const state = handed?.state ?? (await readLogState(this.items, this.config.emptyCheckpoint));
    if (state.pending) return this.commit(state);
    const sequenced = await this.sequence(state);
    if (sequenced === "idle" || sequenced === "lost") return { kind: sequenced };
    return this.commit(sequenced.state, sequenced.batch, handed?.ours === true);
  }

  /** Steps 2–3. */
  private async sequence(state: LogState): Promise<{ state: LogState; batch: Batch } | "idle" | "lost"> {
    const pool = withoutDeleting(await readPool(this.items, this.config.limits), this.deleting);
    if (pool.length === 0) {
      await this.settle(); // "idle" is final for the caller: what this step's predecessor left is done
      return "idle";
    }
    const indexed = await this.items.batchGet(pool.map((p) => logKeys.leaf(p.leafHash)));
    const fresh = pool.filter((_, i) => indexed[i] === undefined);
    // A leaf index item is only written for a batch that is already sequenced (step 5 follows
    // step 3), so these entries are in the log or about to be: their pool items can go.
    const stale = pool.filter((_, i) => indexed[i] !== undefined);
    const removeStale = removeFromPool(
      this.items,
      stale.flatMap((p) => p.pool.map((sk) => ({ pk: logKeys.poolPartition, sk }))),
    );
    if (fresh.length === 0) {
      await removeStale;
      return "lost"; // the pool held only leftovers; look again
    }
    const batch: Batch = { start: state.size, entries: fresh.map((p) => ({ entry: p.entry, pool: p.pool })) };
    const bytes = formatBatch(batch);
    const digest = sha256(bytes);
    // The leftovers' deletion and the batch object are independent (either may be missing after
    // a crash: leftovers are found again, an unreferenced batch object is harmless): one round trip.
    await Promise.all([
      removeStale,
      this.objects.putImmutable(batchObjectKey(batch.start, formatHex(digest)), bytes, {
        contentType: "application/json",
        sha256: digest,
      }),
    ]);
    const next: LogState = {
      ...state,
      version: state.version + 1,
      pending: { start: batch.start, count: batch.entries.length, sha256: formatHex(digest) },
    };
    return (await swapLogState(this.items, state, next)) ? { state: next, batch } : "lost";
  }

  /**
   * Steps 4–8 for the pending batch of `state`. `ownFoundation`: the state it extends is one this
   * integrator committed itself (step(handed)), so its foundation was checked when it was built.
   */
  private async commit(state: LogState, known?: Batch, ownFoundation = false): Promise<StepResult> {
    const pending = state.pending!;
    const batch = known ?? (await this.readBatch(pending.start, pending.count, pending.sha256));
    // Nothing is written for the batch until the state it extends is known to be genuine
    // (foundation.ts); the check reads alongside the tree computation.
    const [tree, foundation] = await Promise.all([
      integrate(
        state,
        batch.entries.map((e) => e.entry),
        this.tiles,
      ),
      ownFoundation
        ? ("ok" as const)
        : checkFoundation(state, {
            objects: this.objects,
            tiles: this.tiles,
            verifier: this.config.signer,
            origin: this.config.origin,
            currentVersion: async () => (await readLogState(this.items, this.config.emptyCheckpoint)).version,
          }),
    ]);
    if (foundation === "stale") return { kind: "lost" };
    // Steps 4 and 5 at once: both only follow the sequencing CAS (3) and precede the commit CAS
    // (6), and neither is read before 6 makes the batch visible; a crash between them is
    // recovered by redoing both (tiles are deterministic, leaf items are checked on recovery).
    await Promise.all([
      this.tiles.write(tree.tiles),
      this.writeLeafIndexes(pending.start, tree, known === undefined),
    ]);
    const checkpoint = signCheckpoint(
      { origin: this.config.origin, size: tree.size, rootHash: tree.rootHash },
      this.config.signer,
    );
    // 6a. Witnesses cosign the checkpoint before it is committed, so the state itself (what every
    // reader and receipt uses) holds the cosigned note. Harmless if this commit then loses its
    // race: the winner committed the very same tree and checkpoint. A witness down or refusing
    // costs at most the client's timeout, never the commit.
    const witnessed = await this.config.witness?.cosign(checkpoint, (from) =>
      proveConsistency(from, tree.size, this.tiles.hashReader(tree.size, tree.rootHash)),
    );
    const cosigned = witnessed?.checkpoint ?? checkpoint;
    const next: LogState = {
      version: state.version + 1,
      size: tree.size,
      rootHash: tree.rootHash,
      checkpoint: cosigned,
    };
    if (!(await swapLogState(this.items, state, next))) return { kind: "lost" };
    this.publish(batch, cosigned, tree.size, tree.rootHash);
    return {
      kind: "committed",
      state: next,
      size: tree.size,
      count: batch.entries.length,
      leafHashes: tree.leafHashes,
      rootHash: tree.rootHash,
      checkpoint: cosigned,
      ...(witnessed && { witnessed: { configured: witnessed.configured, cosigned: witnessed.cosigned } }),
    };
  }

  /**
   * Steps 7 and 8, after the previous commit's (so the checkpoint object never goes back to a
   * smaller tree): independent of each other (either may be missing after a crash; see above),
   * so both at once, and both settled before a failure of either is reported by settle().
   */
  private publish(batch: Batch, checkpoint: string, size: number, rootHash: Uint8Array): void {
    const keys = batchPoolKeys(batch, logKeys.poolPartition);
    for (const key of keys) this.deleting.add(key.sk);
    const previous = this.publishing;
    this.publishing = (async () => {
      try {
        await previous;
        const published = await Promise.allSettled([
          this.objects.putMutable(logObjectKey("checkpoint"), utf8(checkpoint), {
            contentType: "text/plain; charset=utf-8",
            cacheControl: "max-age=5",
          }),
          removeFromPool(this.items, keys),
          // 8b. Trusted time for the committed checkpoint: bounded by the client's timeout, never throws.
          this.config.timestamps?.stamp(this.objects, checkpoint, size, rootHash),
        ]);
        for (const result of published) if (result.status === "rejected") throw result.reason;
      } finally {
        for (const key of keys) this.deleting.delete(key.sk);
      }
    })();
    this.publishing.catch(() => undefined); // reported by settle(), not as an unhandled rejection
  }

  /** Waits for the last commit's steps 7–8 and throws what failed there (once). */
  async settle(): Promise<void> {
    const publishing = this.publishing;
    this.publishing = Promise.resolve();
    await publishing;
  }

  /**
   * The pending batch, read back. Racing integrators that sequenced the same entries write the
   * same batch object again (same key, same bytes); S3 replaces an object atomically, but s3rver
   * rewrites the file in place, and a read racing that rewrite sees a torn body. So a body that
   * does not match its key is read once more before it counts as damage (tests/log/concurrency).
   */
  private async readBatch(start: number, count: number, sha256Hex: string, again = true): Promise<Batch> {
    const bytes = await this.objects.get(batchObjectKey(start, sha256Hex)).catch((error: unknown) => {
      if (again && isArchiveError(error, "INTEGRITY")) return null;
      throw error;
    });
    if (bytes === null || (again && bytes !== undefined && formatHex(sha256(bytes)) !== sha256Hex)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return this.readBatch(start, count, sha256Hex, false);
    }
    if (bytes === undefined || formatHex(sha256(bytes)) !== sha256Hex) {
      throw new ArchiveError("INTEGRITY", `the sequenced log batch at ${start} is missing or altered`);
    }
    return parseBatch(bytes, { start, count });
  }

  /**
   * Step 5. `recovered`: the batch was read back from a pending state (a crash, or a racing
   * integrator), so some leaf items may exist already; each must hold the index given here.
   */
  private async writeLeafIndexes(start: number, tree: Integration, recovered: boolean) {
    const items = tree.leafHashes.map((h, i) => ({
      ...logKeys.leaf(h),
      index: start + i,
      ...formatLeafProof(tree.size, tree.proofs[i]!),
    }));
    let missing = items;
    if (recovered) {
      const stored = await this.items.batchGet(items);
      stored.forEach((found, i) => {
        if (found !== undefined && found.index !== items[i]!.index) {
          throw new ArchiveError(
            "INTEGRITY",
            `log entry ${start + i} is already in the log at index ${String(found.index)}`,
          );
        }
      });
      missing = items.filter((_, i) => stored[i] === undefined);
    }
    if (missing.length > 0) await this.items.putMany(missing);
  }
}
