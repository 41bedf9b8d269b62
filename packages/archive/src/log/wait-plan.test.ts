import { describe, expect, it } from "vitest";
import { MAX_HINTED_WAIT_MS, firstLateDelay, lateDelayCap, nextDelay, pollDelay } from "./wait-plan";

const now = 10_000;
const leaseMs = 5_000;

describe("pollDelay", () => {
  it("without a hint, or with nobody waiting, is the back-off delay jittered by ±50 %", () => {
    for (let i = 0; i < 50; i++) {
      const free = pollDelay({ hint: undefined, oldest: now, delay: 100, now, leaseMs });
      expect(free).toBeGreaterThanOrEqual(50);
      expect(free).toBeLessThan(150);
      const idle = pollDelay({
        hint: { eta: now + 900, batchMs: 400 },
        oldest: undefined,
        delay: 100,
        now,
        leaseMs,
      });
      expect(idle).toBeLessThan(150);
    }
  });

  it("an entry added before the announced batch started waits for that batch's commit, an eighth of a batch after it", () => {
    // The batch started at eta - batchMs = now - 100; the entry was added before that.
    const hint = { eta: now + 300, batchMs: 400 };
    const delay = pollDelay({ hint, oldest: now - 200, delay: 5, now, leaseMs });
    expect(delay).toBe(300 + 400 / 8);
  });

  it("an entry added after the batch started waits for the next one, unless the leader said this batch is its last", () => {
    const hint = { eta: now + 300, batchMs: 400 };
    expect(pollDelay({ hint, oldest: now, delay: 5, now, leaseMs })).toBe(300 + 400 + 400 / 8);
    expect(pollDelay({ hint: { ...hint, final: true }, oldest: now, delay: 5, now, leaseMs })).toBe(
      300 + 400 / 8,
    );
  });

  it("sleeps at most MAX_HINTED_WAIT_MS on a fast batch, 1.5 batch times on a slow one, and never past the lease", () => {
    const fast = { eta: now + 3_000, batchMs: 200 };
    expect(pollDelay({ hint: fast, oldest: now - 1, delay: 5, now, leaseMs })).toBe(MAX_HINTED_WAIT_MS);
    const slow = { eta: now + 3_000, batchMs: 2_000 };
    expect(pollDelay({ hint: slow, oldest: now - 1, delay: 5, now, leaseMs })).toBe(3_000);
    const slower = { eta: now + 9_000, batchMs: 6_000 };
    expect(pollDelay({ hint: slower, oldest: now - 1, delay: 5, now, leaseMs })).toBe(leaseMs);
  });

  it("past a late eta, looks again no sooner than the jittered back-off", () => {
    const late = { eta: now - 1_000, batchMs: 400 };
    const delay = pollDelay({ hint: late, oldest: now - 2_000, delay: 200, now, leaseMs });
    expect(delay).toBeGreaterThanOrEqual(100);
    expect(delay).toBeLessThan(300);
  });
});

describe("late back-off", () => {
  it("starts at an eighth of a batch time and grows by half up to half a batch time (at least 250 ms)", () => {
    expect(firstLateDelay(5, 800)).toBe(100);
    expect(firstLateDelay(5, 16)).toBe(5);
    expect(lateDelayCap(100)).toBe(250);
    expect(lateDelayCap(2_000)).toBe(1_000);
    let delay = firstLateDelay(5, 2_000);
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) seen.push((delay = nextDelay(delay, lateDelayCap(2_000))));
    expect(seen[0]).toBe(375);
    expect(Math.max(...seen)).toBe(1_000);
    expect(seen.every((d, i) => i === 0 || d >= seen[i - 1]!)).toBe(true);
  });
});
