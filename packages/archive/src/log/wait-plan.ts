/**
 * When an appender that waits on another's batch looks again (log-writer.ts). Every look is a
 * BatchGetItem of the state, the lease and the waiter's leaf items, made by each waiting process
 * on its own: at 64 writers the looks were most of DynamoDB's requests (4–7 per append, against
 * one pool put), and on a loaded store they slowed the very batch they waited for. So a waiter
 * sleeps until the commit the leader announces in the lease (lease.ts hints), and when that is
 * late, looks again less and less often.
 *
 * The holder renews the lease as each batch starts, with eta = start + the last batch's time.
 * That batch drains the pool as it was at its start: an entry added later goes into the next one,
 * due about one batch time after eta — a look at eta would only find it missing.
 */
import type { LeaseHint } from "./lease";

/**
 * The longest sleep a hint may ask for, unless its own batch time is longer. A hint is a guess
 * from one batch's time, and one slow batch (cold SDK clients, a loaded store) made every waiter
 * sleep through ten fast ones: at 64 writers the integrator then idled 79 % of the time while
 * appenders slept up to 4.8 s on a 2.4 s batch time the leader had long since beaten (bench log,
 * issue #15). Past this, a waiter looks and reads the leader's fresh hint.
 */
export const MAX_HINTED_WAIT_MS = 1_000;

/**
 * Looks at a lease held without a hint, or at a batch past its eta, back off to this (or to half
 * a batch time when that is longer). They used to stay at 5–20 ms: on a loaded machine, where a
 * leader's first batch took seconds, 64 waiters made 2,000 looks at it (7 per append).
 */
const HELD_POLL_CAP_MS = 250;

export interface WaitInput {
  /** The hint of a lease another appender holds (undefined: free, or no hint). */
  readonly hint: LeaseHint | undefined;
  /** When the oldest waiting entry was added to the pool (undefined: none waits). */
  readonly oldest: number | undefined;
  /** The current back-off delay (ms), jittered here. */
  readonly delay: number;
  readonly now: number;
  readonly leaseMs: number;
}

/** How long to sleep before the next look (ms). */
export function pollDelay({ hint, oldest, delay, now, leaseMs }: WaitInput): number {
  const jittered = delay * (0.5 + Math.random());
  if (hint === undefined || oldest === undefined) return jittered;
  const due = oldest > hint.eta - hint.batchMs && !hint.final ? hint.eta + hint.batchMs : hint.eta;
  // An eighth of a batch time after it is due, so as not to look just before the commit.
  const untilDue = due + hint.batchMs / 8 - now;
  // A batch slower than MAX_HINTED_WAIT_MS (a loaded store) is waited for as long as it says.
  const cap = Math.min(leaseMs, Math.max(MAX_HINTED_WAIT_MS, 1.5 * hint.batchMs));
  return Math.min(cap, Math.max(jittered, untilDue));
}

/** The delay of the first look past a new hint's eta: soon, but not at the 5 ms of a free lease. */
export function firstLateDelay(min: number, batchMs: number): number {
  return Math.max(min, batchMs / 8);
}

/** How far looks at a held lease back off: under load a late batch is late by a batch time. */
export function lateDelayCap(batchMs: number): number {
  return Math.max(HELD_POLL_CAP_MS, batchMs / 2);
}

export function nextDelay(delay: number, cap: number): number {
  return Math.min(cap, delay * 1.5);
}
