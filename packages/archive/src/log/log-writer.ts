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
import { Lease, readLeaseHint, type LeaseHint } from "./lease";
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
 * The longest sleep a hint may ask for. A hint is a guess from one batch's time, and one slow
 * batch (cold SDK clients, a loaded store) made every waiter sleep through ten fast ones: at 64
 * writers the integrator then idled 79 % of the time while appenders slept up to 4.8 s on a
 * 2.4 s batch time the leader had long since beaten (bench log, issue #15). Past this, a waiter
 * polls and reads the leader's fresh hint.
 */
const MAX_HINTED_WAIT_MS = 1_000;

export class LogWriter implements TransparencyLog {
  readonly stats: LogWriterStats = { batches: 0, entries: 0, integratingMs: 0 };
  private readonly integrator: Integrator;
  private readonly lease: Lease;
  private waiters: Waiter[] = [];
  private running = false;
  /** The state the last poll read (undefined: none stored yet, or no poll). */
  private polled: LogState | undefined;
  /** The last batch time seen (ours or a hint's): what the next batch should take. */
  private lastBatchMs: number | undefined;

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
    try {
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
        await sleep(this.waitFor(lease, delay, taken));
        delay = Math.min(max, delay * 1.5);
      }
    } finally {
      this.running = false;
      // An append that arrived while the loop was exiting must not be left without a driver.
      if (this.waiters.length > 0) void this.drive();
    }
  }

  /** One read for everything: the state, the lease and the leaf index of every waiter. */
  private async poll(): Promise<Item | undefined> {
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
      if (typeof leaf?.index === "number" && leaf.index < size) committed.set(hexes[i]!, leaf.index);
    });
    this.waiters = this.waiters.filter((w) => {
      const leafIndex = committed.get(w.hex);
      if (leafIndex === undefined) return true;
      w.resolve({ leafIndex });
      return false;
    });
    return lease;
  }

  /**
   * How long to sleep before the next poll. While another appender integrates: until the commit
   * that should carry our entries, or a quarter of its batch time when that is past. Fewer polls
   * leave the stores to the integrator (at 64 writers, polls were most of DynamoDB's requests).
   * Otherwise growing, jittered delays.
   *
   * The holder renews the lease as each batch starts, with eta = start + the last batch's time
   * (lease.ts). That batch drains the pool as it was at its start: an entry added later goes into
   * the next one, due about one batch time after eta — polling at eta would only find it missing.
   */
  private waitFor(lease: Item | undefined, delay: number, taken: boolean): number {
    const jittered = delay * (0.5 + Math.random());
    const held = taken || !this.leaseIsFree(lease);
    const hint = held ? (readLeaseHint(lease) ?? this.firstBatchHint()) : undefined;
    if (hint !== undefined) this.lastBatchMs = hint.batchMs;
    if (hint === undefined || this.waiters.length === 0) return jittered;
    const oldest = Math.min(...this.waiters.map((w) => w.addedAt));
    const due = oldest > hint.eta - hint.batchMs && !hint.final ? hint.eta + hint.batchMs : hint.eta;
    const untilDue = due - this.options.clock.now().getTime();
    const cap = Math.min(this.options.leaseMs ?? 5_000, MAX_HINTED_WAIT_MS);
    return Math.min(cap, Math.max(jittered, untilDue, (hint.batchMs / 4) * (0.5 + Math.random())));
  }

  /** When a batch starting now should be done, from the last batch time seen (if any). */
  private firstBatchHint(): LeaseHint | undefined {
    const batchMs = this.lastBatchMs;
    return batchMs === undefined ? undefined : { eta: this.options.clock.now().getTime() + batchMs, batchMs };
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
   */
  private async integrateWhileLeader(): Promise<boolean> {
    const batches: { start: number; leafHashes: readonly Uint8Array[] }[] = [];
    const committed = new Set<string>();
    let ownDoneAt: number | undefined;
    // The state in hand, handed to the next step (integrator.ts step(handed)): first the one the
    // poll that found the lease free read, then the one our last batch committed — a state read
    // fewer per batch, and after the first batch a foundation check fewer too.
    let handed = this.polled ? { state: this.polled, ours: false } : undefined;
    try {
      for (let round = 0; round < MAX_ROUNDS_PER_LEASE; round++) {
        const started = this.options.clock.now().getTime();
        const result = await this.integrator.step(handed);
        handed = result.kind === "committed" ? { state: result.state, ours: true } : undefined;
        if (result.kind === "idle") break;
        const now = this.options.clock.now().getTime();
        const batchMs = now - started;
        this.stats.integratingMs += batchMs;
        if (result.kind === "committed") this.lastBatchMs = batchMs;
        if (result.kind === "committed") {
          this.stats.batches++;
          this.stats.entries += result.count;
          this.options.onHead?.(result);
          batches.push({ start: result.size - result.count, leafHashes: result.leafHashes });
          for (const h of result.leafHashes) committed.add(formatHex(h));
        }
        if (this.waiters.every((w) => committed.has(w.hex))) {
          ownDoneAt ??= now;
          if (now - ownDoneAt >= LEAD_BUDGET_MS) break;
        }
        // Entries added during this batch go into the next one, which should take about as long;
        // if that one ends our turn, say so (readLeaseHint).
        const final = ownDoneAt !== undefined && now + batchMs - ownDoneAt >= LEAD_BUDGET_MS;
        if (!(await this.lease.renew({ eta: now + batchMs, batchMs, ...(final ? { final } : {}) }))) break;
      }
    } finally {
      await this.lease.release().catch(() => undefined); // it expires anyway
      // Even when a later step failed: these are committed, whatever happens next.
      for (const { start, leafHashes } of batches) this.resolveCommitted(start, leafHashes);
    }
    return batches.length > 0;
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
