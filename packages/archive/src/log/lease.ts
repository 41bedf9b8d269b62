/**
 * The integrator lease: one DynamoDB item, taken and renewed by compare-and-swap, that makes one
 * appender at a time the integrator while the others wait for their entries to appear. It is an
 * optimization, not a safety mechanism: two integrators at once (a paused holder whose lease ran
 * out) still cannot fork the log, because sequencing and commit are CASes on the state item and
 * integration is deterministic (integrator.ts). An expired lease may be taken over, so a holder
 * that died stops the log for at most one lease duration.
 */
import type { Clock } from "../clock";
import type { Item, ItemStore } from "../ports";
import { logKeys } from "./log-keys";

/** What the holder tells the appenders waiting on it (epoch ms and ms). */
export interface LeaseHint {
  /** When the batch now being formed should be committed. */
  readonly eta: number;
  /** How long the last batch took. */
  readonly batchMs: number;
  /**
   * The holder lets the lease go once this batch is done: entries not in it should look again
   * at eta (and take the lease), not wait for a next batch that nobody is going to start.
   */
  readonly final?: boolean;
}

/** The hint in a lease item as read, if it has one. */
export function readLeaseHint(item: Item | undefined): LeaseHint | undefined {
  const eta = item?.eta;
  const batchMs = item?.batchMs;
  if (typeof eta !== "number" || typeof batchMs !== "number") return undefined;
  return item?.final === true ? { eta, batchMs, final: true } : { eta, batchMs };
}

export class Lease {
  private version: number | undefined;

  constructor(
    private readonly items: ItemStore,
    private readonly clock: Clock,
    /** Who holds it (unique per TransparencyLog instance). */
    readonly holder: string,
    readonly durationMs: number,
  ) {}

  /**
   * Takes the lease if it is free, expired or already ours; true when we hold it now. `known` is
   * the lease item as just read (saves a read); the CAS fails if it changed since. `hint` tells
   * the appenders that find it taken when the first batch should be done (else they would poll
   * blindly through it).
   */
  async acquire(known?: { item: Item | undefined }, hint?: LeaseHint): Promise<boolean> {
    const item = known ? known.item : await this.items.get(logKeys.lease.pk, logKeys.lease.sk);
    const now = this.clock.now().getTime();
    const version = typeof item?.version === "number" ? item.version : undefined;
    if (item && item.holder !== this.holder && typeof item.expiresAt === "number" && item.expiresAt > now) {
      return false;
    }
    return this.swap(version, now + this.durationMs, hint);
  }

  /**
   * Extends a lease we hold; false when it was lost (taken over after expiring). The hint tells
   * waiting appenders when to look again instead of polling blindly; nothing relies on it.
   */
  renew(hint?: LeaseHint): Promise<boolean> {
    if (this.version === undefined) return Promise.resolve(false);
    return this.swap(this.version, this.clock.now().getTime() + this.durationMs, hint);
  }

  /** Gives the lease up at once so the next appender need not wait for it to expire. */
  async release(): Promise<void> {
    if (this.version === undefined) return;
    await this.swap(this.version, 0);
    this.version = undefined;
  }

  private async swap(expected: number | undefined, expiresAt: number, hint?: LeaseHint): Promise<boolean> {
    const version = (expected ?? 0) + 1;
    const holder = expiresAt === 0 ? "" : this.holder;
    const won = await this.items.putIfVersion(
      { ...logKeys.lease, holder, expiresAt, version, ...hint },
      expected,
    );
    this.version = won && expiresAt !== 0 ? version : undefined;
    return won;
  }
}
