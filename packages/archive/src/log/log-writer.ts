/**
 * TransparencyLog.append for many processes at once (Lambdas sharing the stores) with group
 * commit: every appender drops its entry into the pool; whoever holds the lease integrates
 * everything in the pool as one batch, and the next, while the others wait for their leaf index
 * to appear under a committed checkpoint. Under load each batch carries the entries that arrived
 * during the previous one, so throughput grows with concurrency, and a lone appender takes the
 * lease at once and integrates a batch of one.
 *
 * Inside one process, concurrent appends share a single driver loop: one poll (a batchGet of the
 * state, the lease and all their leaf index items) serves every caller, instead of each hammering
 * DynamoDB on its own. Waiting appenders sleep until the commit the leader announces in the lease
 * (lease.ts hints) rather than poll at a fixed rate: polls cost the stores what the integrator
 * needs.
 */
import { MAX_BUNDLE_ENTRY_SIZE, formatHex, hashLeaf, type NoteSigner } from "@isnad/core";
import { ArchiveError, isArchiveError } from "../errors";
import type { TransparencyLog } from "../archive-deps";
import type { Clock } from "../clock";
import type { Item, ItemStore, ObjectStore } from "../ports";
import { Integrator } from "./integrator";
import { readLeafProof, type LeafProof } from "./leaf-proof";
import { Lease, readLeaseHint, type LeaseHint } from "./lease";
import { MAX_HINTED_WAIT_MS, firstLateDelay, lateDelayCap, nextDelay, pollDelay } from "./wait-plan";
import { logKeys } from "./log-keys";
import { parseLogState, type LogState } from "./log-state";
import type { LogHead } from "./log-reader";
import { addToPool, type PoolLimits } from "./pool";
import { TileStore } from "./tile-store";
import type { TimestampClient } from "./timestamp-client";
import type { WitnessClient } from "./witness-client";

export interface LogWriterOptions {
  readonly origin: string;
  readonly signer: NoteSigner;
  readonly emptyCheckpoint: string;
  readonly clock: Clock;
  /** Unique per instance; random by default. */
  readonly holder?: string;
  /** How long a lease lasts without renewal (default 5 s). */
  readonly leaseMs?: number;
  /** How long append waits before UNAVAILABLE (default 20 s; a retry is idempotent). */
  readonly timeoutMs?: number;
  readonly limits?: Partial<PoolLimits>;
  /** Poll delays: the first, and the cap it grows to (defaults 5 and 20 ms), each jittered. */
  readonly pollMs?: readonly [min: number, max: number];
  /** Told of every committed tree head this writer sees (the reader builds receipts on it). */
  readonly onHead?: (head: LogHead) => void;
  /**
   * Told of the inclusion proof a waiter's leaf item carried (leaf-proof.ts) when it is for the
   * head the same poll read, before the append resolves (the reader's receipt then reads no tile).
   */
  readonly onProof?: (leafIndex: number, proof: LeafProof) => void;
  /** Witnesses to cosign each checkpoint this writer commits (witness-client.ts). */
  readonly witness?: WitnessClient;
  /** RFC 3161 TSAs to timestamp each checkpoint this writer commits (timestamp-client.ts). */
  readonly timestamps?: TimestampClient;
}

export interface LogWriterStats {
  /** Batches this instance committed, the entries in them, and the time spent integrating. */
  batches: number;
  entries: number;
  integratingMs: number;
  /** Reads of the state, lease and waiters' leaf items this instance made while waiting. */
  polls: number;
}

interface Waiter {
  readonly hex: string;
  /** When its pool item was written (epoch ms). */
  readonly addedAt: number;
  readonly leafHash: Uint8Array;
  readonly deadline: number;
  resolve(value: { leafIndex: number }): void;
  reject(error: unknown): void;
}

const MAX_ROUNDS_PER_LEASE = 64;
/**
 * How long a leader goes on integrating others' entries once its own are committed. Every
 * handover costs the next leader a poll, a lease CAS and a state read before its first batch, and
 * the waiters a batch time of sleeping past a lease let go (bench log at 64 writers: 200 ms gave
 * 3.5×, 1 s 4.6× one writer's appends/s); the leader's own answer waits this much longer.
 */
const LEAD_BUDGET_MS = 1_000;

/**
 * A leader whose pool runs dry after a batch that served other appenders looks again up to
 * LINGER_ROUNDS times, a quarter of a batch time apart (at least LINGER_MIN_MS), within its
 * LEAD_BUDGET_MS. A lone appender never waits for this: its batches serve only itself.
 */
const LINGER_ROUNDS = 4;
const LINGER_MIN_MS = 20;

/** What a leader that has seen no batch time yet announces for its first one. */
const FIRST_BATCH_GUESS_MS = 250;

export class LogWriter implements TransparencyLog {
  readonly stats: LogWriterStats = { batches: 0, entries: 0, integratingMs: 0, polls: 0 };
  private readonly integrator: Integrator;
  private readonly lease: Lease;
  private waiters: Waiter[] = [];
  private running = false;
  /** The state the last poll read (undefined: none stored yet, or no poll). */
  private polled: LogState | undefined;
  /** The last batch time seen (ours or a hint's): what the next batch should take. */
  private lastBatchMs: number | undefined;
  /** The lease as the last poll read it, and when. */
  private seenLease: { item: Item | undefined; at: number } | undefined;
  /** Lease renewals in flight, one after the other (the lease's CAS needs its last version). */
  private renewing: Promise<boolean> = Promise.resolve(true);

  constructor(
    objects: ObjectStore,
    private readonly items: ItemStore,
    private readonly options: LogWriterOptions,
    tiles = new TileStore(objects),
  ) {
    const limits = { maxEntries: 1024, maxBytes: 8 * 1024 * 1024, ...options.limits };
    this.integrator = new Integrator(objects, items, tiles, { ...options, limits });
    const holder = options.holder ?? formatHex(crypto.getRandomValues(new Uint8Array(8)));
    this.lease = new Lease(items, options.clock, holder, options.leaseMs ?? 5_000);
  }

  async append(entry: Uint8Array): Promise<{ leafIndex: number }> {
    if (entry.length > MAX_BUNDLE_ENTRY_SIZE) {
      throw new ArchiveError("BAD_REQUEST", `a log entry is at most ${MAX_BUNDLE_ENTRY_SIZE} bytes`, {
        details: { maxBytes: MAX_BUNDLE_ENTRY_SIZE },
      });
    }
    const leafHash = hashLeaf(entry);
    const deadline = this.options.clock.now().getTime() + (this.options.timeoutMs ?? 20_000);
    // Always through the pool, even when the entry may be logged already (a retry): sequencing
    // drops what is indexed, and the waiter below resolves with the existing index.
    await addToPool(this.items, this.options.clock, entry);
    const addedAt = this.options.clock.now().getTime();
    const done = new Promise<{ leafIndex: number }>((resolve, reject) => {
      this.waiters.push({ hex: formatHex(leafHash), addedAt, leafHash, deadline, resolve, reject });
    });
    if (!this.running) void this.drive();
    return done;
  }

  private async drive(): Promise<void> {
    this.running = true;
    const [min, max] = this.options.pollMs ?? [5, 20];
    let delay = min;
    let eta: unknown;
    try {
      // Under load the poll that answered the previous append saw another appender lead: until
      // the batch that can hold a new entry is due, a poll could only say so again.
      const seen = this.seenLease;
      if (seen && this.options.clock.now().getTime() - seen.at < MAX_HINTED_WAIT_MS) {
        if (!this.leaseIsFree(seen.item)) await sleep(this.waitFor(seen.item, min, false));
      }
      while (this.waiters.length > 0) {
        let integrated = false;
        let taken = false;
        let lease: Item | undefined;
        try {
          lease = await this.poll();
          if (
            this.waiters.length > 0 &&
            this.leaseIsFree(lease) &&
            (await this.lease.acquire({ item: lease }, this.firstBatchHint()))
          ) {
            integrated = await this.integrateWhileLeader();
          } else if (this.leaseIsFree(lease)) {
            lease = undefined; // lost the race for it: someone else leads now (waitFor below)
            taken = true;
          }
        } catch (error) {
          // UNAVAILABLE is worth another round (every step is idempotent); anything else means
          // this process cannot go on (corruption, a bug, or it "died" in a fault test).
          if (!isArchiveError(error, "UNAVAILABLE") || error.details.retryable === false) {
            this.failAll(error);
            return;
          }
        }
        this.expire();
        if (this.waiters.length === 0) break;
        if (integrated) {
          delay = min;
          continue; // whatever is still waiting (an entry logged before, say) shows in a poll
        }
        const held = taken || !this.leaseIsFree(lease);
        const batchMs = readLeaseHint(lease)?.batchMs ?? 0;
        // A new hint means the leader moved on: if its next batch runs late, look again soon, then
        // less and less often — under load a late batch is late by a batch time, not by 5 ms.
        if (held && lease?.eta !== eta) {
          eta = lease?.eta;
          delay = firstLateDelay(min, batchMs);
        }
        await sleep(this.waitFor(lease, delay, taken));
        delay = nextDelay(delay, held ? lateDelayCap(batchMs) : max);
      }
    } finally {
      this.running = false;
      // An append that arrived while the loop was exiting must not be left without a driver.
      if (this.waiters.length > 0) void this.drive();
    }
  }

  /** One read for everything: the state, the lease and the leaf index of every waiter. */
  private async poll(): Promise<Item | undefined> {
    this.stats.polls++;
    const hexes = [...new Set(this.waiters.map((w) => w.hex))];
    const keyed = new Map(this.waiters.map((w) => [w.hex, w.leafHash]));
    const [state, lease, ...leaves] = await this.items.batchGet([
      logKeys.state,
      logKeys.lease,
      ...hexes.map((hex) => logKeys.leaf(keyed.get(hex)!)),
    ]);
    const head = state === undefined ? undefined : parseLogState(state);
    this.polled = head;
    const size = head?.size ?? 0;
    if (head) this.options.onHead?.(head);
    const committed = new Map<string, number>();
    leaves.forEach((leaf, i) => {
      if (typeof leaf?.index !== "number" || leaf.index >= size) return;
      committed.set(hexes[i]!, leaf.index);
      const proof = readLeafProof(leaf);
      if (proof?.treeSize === size) this.options.onProof?.(leaf.index, proof);
    });
    this.waiters = this.waiters.filter((w) => {
      const leafIndex = committed.get(w.hex);
      if (leafIndex === undefined) return true;
      w.resolve({ leafIndex });
      return false;
    });
    this.seenLease = { item: lease, at: this.options.clock.now().getTime() };
    return lease;
  }

  /** How long to sleep before the next poll (wait-plan.ts). */
  private waitFor(lease: Item | undefined, delay: number, taken: boolean): number {
    const held = taken || !this.leaseIsFree(lease);
    const hint = held ? readLeaseHint(lease) : undefined;
    if (hint !== undefined) this.lastBatchMs = hint.batchMs;
    const oldest = this.waiters.length === 0 ? undefined : Math.min(...this.waiters.map((w) => w.addedAt));
    return pollDelay({
      hint,
      oldest,
      delay,
      now: this.options.clock.now().getTime(),
      leaseMs: this.lease.durationMs,
    });
  }

  /** When a batch starting now should be done, from the last batch time seen (or a guess). */
  private firstBatchHint(): LeaseHint {
    const batchMs = this.lastBatchMs ?? FIRST_BATCH_GUESS_MS;
    return { eta: this.options.clock.now().getTime() + batchMs, batchMs };
  }

  /** Our own entries in a batch we just committed: their index is known without a read. */
  private resolveCommitted(start: number, leafHashes: readonly Uint8Array[]): void {
    const at = new Map(leafHashes.map((h, i) => [formatHex(h), start + i]));
    this.waiters = this.waiters.filter((w) => {
      const leafIndex = at.get(w.hex);
      if (leafIndex === undefined) return true;
      w.resolve({ leafIndex });
      return false;
    });
  }

  private leaseIsFree(lease: Item | undefined): boolean {
    if (lease === undefined || lease.holder === this.lease.holder) return true;
    return typeof lease.expiresAt !== "number" || lease.expiresAt <= this.options.clock.now().getTime();
  }

  /**
   * Integrates batch after batch, then lets the lease go — and only then resolves our own
   * appends: in Lambda a process is frozen once it has answered, and a frozen process must not
   * hold the lease (the others would wait for it to expire). It leads until the pool is empty or,
   * once its own entries are committed, for LEAD_BUDGET_MS more, so that one request does not
   * carry everyone's load for long.
   *
   * The renewal that announces a batch runs beside it, not before it (one round trip fewer per
   * batch on the leader's path; the lease is an optimization, so a step that runs while a renewal
   * is lost is still safe: integrator.ts).
   */
  private async integrateWhileLeader(): Promise<boolean> {
    const batches: { start: number; leafHashes: readonly Uint8Array[] }[] = [];
    const committed = new Set<string>();
    let ownDoneAt: number | undefined;
    /** A batch of this turn carried entries other appenders wait for; idle steps in a row. */
    let othersServed = false;
    let idle = 0;
    // The state in hand, handed to the next step (integrator.ts step(handed)): first the one the
    // poll that found the lease free read, then the one our last batch committed — a state read
    // fewer per batch, and after the first batch a foundation check fewer too.
    let handed = this.polled ? { state: this.polled, ours: false } : undefined;
    this.renewing = Promise.resolve(true);
    try {
      for (let round = 0; round < MAX_ROUNDS_PER_LEASE; round++) {
        const started = this.options.clock.now().getTime();
        const result = await this.integrator.step(handed);
        if (result.kind !== "idle")
          handed = result.kind === "committed" ? { state: result.state, ours: true } : undefined;
        const held = await this.renewing;
        if (result.kind === "idle") {
          // The appenders of the last batch append again as soon as they have their receipts (a
          // busy ingest): a leader that let go now would leave their entries to a handover (a poll
          // that finds the lease free, a race for it, a state read); it looks again a few times.
          const now = this.options.clock.now().getTime();
          const lingerMs = Math.max(LINGER_MIN_MS, (this.lastBatchMs ?? 0) / 4);
          if (!held || !othersServed || ownDoneAt === undefined || ++idle > LINGER_ROUNDS) break;
          if (now + lingerMs - ownDoneAt >= LEAD_BUDGET_MS) break;
          await sleep(lingerMs);
          continue;
        }
        idle = 0;
        const now = this.options.clock.now().getTime();
        const batchMs = now - started;
        this.stats.integratingMs += batchMs;
        if (result.kind === "committed") {
          this.lastBatchMs = batchMs;
          this.stats.batches++;
          this.stats.entries += result.count;
          this.options.onHead?.(result);
          batches.push({ start: result.size - result.count, leafHashes: result.leafHashes });
          const own = new Set(this.waiters.map((w) => w.hex));
          othersServed ||= result.leafHashes.some((h) => !own.has(formatHex(h)));
          for (const h of result.leafHashes) committed.add(formatHex(h));
        }
        if (!held) break;
        if (this.waiters.every((w) => committed.has(w.hex))) {
          ownDoneAt ??= now;
          if (now - ownDoneAt >= LEAD_BUDGET_MS) break;
        }
        // Entries added during this batch go into the next one, which should take about as long;
        // if that one ends our turn, say so (readLeaseHint).
        const final = ownDoneAt !== undefined && now + batchMs - ownDoneAt >= LEAD_BUDGET_MS;
        this.renewLease({ eta: now + batchMs, batchMs, ...(final ? { final } : {}) });
      }
    } finally {
      // A failure to publish a committed checkpoint or clear its pool items is not the append's:
      // the next commit republishes, the next sequencing deletes leftovers (integrator.ts).
      await this.integrator.settle().catch(() => undefined);
      await this.renewing.catch(() => undefined);
      await this.lease.release().catch(() => undefined); // it expires anyway
      // Even when a later step failed: these are committed, whatever happens next.
      for (const { start, leafHashes } of batches) this.resolveCommitted(start, leafHashes);
    }
    return batches.length > 0;
  }

  /** Queues a renewal after those in flight; `renewing` settles false once one was lost. */
  private renewLease(hint: LeaseHint): void {
    const renewal = this.renewing.then(
      (held) => held && this.lease.renew(hint),
      () => false,
    );
    renewal.catch(() => undefined); // awaited by the leader loop, which reports what failed
    this.renewing = renewal;
  }

  private expire(): void {
    const now = this.options.clock.now().getTime();
    this.waiters = this.waiters.filter((w) => {
      if (w.deadline > now) return true;
      w.reject(
        new ArchiveError("UNAVAILABLE", "the log is busy; retry (appending the same entry again is safe)", {
          details: { retryable: true },
        }),
      );
      return false;
    });
  }

  private failAll(error: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(error);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
