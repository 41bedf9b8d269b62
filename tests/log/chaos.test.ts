/**
 * Issue #4 chaos: the appender (and integrator) dies between every pair of writes — each write
 * failing before it lands and, separately, after — and a healthy appender carries on. Afterwards:
 * no fork, no gap, every acknowledged entry included exactly once, and the log keeps working.
 * Also transient UNAVAILABLE failures on a fraction of all calls, which appenders retry.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCheckpoint } from "@isnad/core";
import { isArchiveError, readLogState } from "@isnad/archive";
import { startTestStorage, type TestStorage } from "../support/storage";
import {
  ORIGIN,
  checkInvariants,
  entryHex,
  freshLog,
  makeEntry,
  newWriter,
  type LogFixture,
  type Observed,
} from "./log-fixture";
import { Killed, flaky, killSwitch, type KillMode } from "./kill-switch";

let storage: TestStorage;
beforeAll(async () => {
  storage = await startTestStorage();
});
afterAll(() => storage?.close());

const FAST = { leaseMs: 250, pollMs: [2, 10] as const };

async function observe(log: LogFixture, observed: Observed) {
  observed.checkpoints.push((await readLogState(log.items, log.emptyCheckpoint)).checkpoint);
  // The published copy too. s3rver writes objects in place, so a read racing a write of the
  // mutable `log/checkpoint` can see a torn file, or have its body cut off (S3 replaces objects
  // atomically): read again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const published = await log.objects.get("log/checkpoint").catch((error: unknown) => {
      if (isArchiveError(error, "UNAVAILABLE")) return null;
      throw error;
    });
    if (published === null) continue;
    if (published === undefined) return;
    const text = new TextDecoder().decode(published);
    try {
      openCheckpoint(text, log.verifierKey, ORIGIN);
    } catch {
      continue;
    }
    observed.checkpoints.push(text);
    return;
  }
  throw new Error("log/checkpoint never read back as a valid checkpoint");
}

describe("log chaos", () => {
  it("makes its writes in the documented order (integrator.ts)", async () => {
    const log = await freshLog(storage);
    const plan = killSwitch(undefined, "before");
    const writer = newWriter(log, FAST, {
      objects: plan.wrap(log.objects, "s3"),
      items: plan.wrap(log.items, "dynamodb"),
    });
    await writer.append(makeEntry("order"));
    const at = (n: number) => plan.writes[n]!.replace(/[0-9a-f]{64}/g, "<hash>");
    expect(plan.writes.map((_, i) => at(i))).toEqual([
      "dynamodb.put log#pool", // 1. the entry into the pool
      "dynamodb.putIfVersion log#lease", // take the lease
      "s3.putImmutable log/batches/0/<hash>", // 2. the batch
      "dynamodb.putIfVersion log#state", // 3. sequenced (pending)
      "s3.putImmutable log/tile/0/000.p/1", // 4. tiles
      "s3.putImmutable log/tile/entries/000.p/1",
      "dynamodb.putMany log#leaf#<hash>", // 5. leaf index
      "dynamodb.putIfVersion log#state", // 6. committed
      "s3.putMutable log/checkpoint", // 7. published
      "dynamodb.deleteMany log#pool", // 8. pool item gone
      "dynamodb.putIfVersion log#lease", // renew (with the timing hint), then the pool is empty:
      "dynamodb.putIfVersion log#lease", // release, before the append resolves
    ]);
  });

  for (const mode of ["before", "after"] as KillMode[]) {
    it(`survives the appender dying at every write (${mode} it lands)`, async () => {
      const log = await freshLog(storage);
      const observed: Observed = { acknowledged: new Map(), checkpoints: [] };
      // Some history first, so that crashes hit a log with existing tiles.
      const warm = newWriter(log, FAST);
      for (const e of [makeEntry("warm"), makeEntry("warm"), makeEntry("warm")]) {
        observed.acknowledged.set(entryHex(e), (await warm.append(e)).leafIndex);
      }
      const killedAt: string[] = [];
      for (let failAt = 0; ; failAt++) {
        const plan = killSwitch(failAt, mode);
        const victim = newWriter(
          log,
          { ...FAST, holder: `victim-${failAt}` },
          {
            objects: plan.wrap(log.objects, "s3"),
            items: plan.wrap(log.items, "dynamodb"),
          },
        );
        const entries = [makeEntry(`v${failAt}`), makeEntry(`v${failAt}`), makeEntry(`v${failAt}`)];
        const results = await Promise.allSettled(entries.map((e) => victim.append(e)));
        results.forEach((r, i) => {
          if (r.status === "fulfilled") observed.acknowledged.set(entryHex(entries[i]!), r.value.leafIndex);
          else expect(r.reason).toBeInstanceOf(Killed);
        });
        await observe(log, observed);
        if (plan.state.killedAt) killedAt.push(plan.state.killedAt);

        // A healthy appender (a new Lambda) retries the victim's entries, as ingest would, plus a
        // new one; it must take over an expired lease, recover a pending batch, and never log an
        // entry twice.
        const healthy = newWriter(log, { ...FAST, holder: `healthy-${failAt}` });
        const fresh = makeEntry(`h${failAt}`);
        const retried = await Promise.all([...entries, fresh].map((e) => healthy.append(e)));
        [...entries, fresh].forEach((e, i) => {
          const known = observed.acknowledged.get(entryHex(e));
          if (known !== undefined) expect(retried[i]!.leafIndex).toBe(known);
          observed.acknowledged.set(entryHex(e), retried[i]!.leafIndex);
        });
        await observe(log, observed);
        if (!plan.state.dead) break; // the victim made all its writes: every point was covered
      }
      // Every write of an append (pool, lease, batch, state, tiles, leaf, checkpoint, delete, …).
      const kinds = new Set(killedAt.map(writeKind));
      expect([...kinds].sort()).toEqual([
        "dynamodb.deleteMany log#pool",
        "dynamodb.put log#pool",
        "dynamodb.putIfVersion log#lease",
        "dynamodb.putIfVersion log#state",
        "dynamodb.putMany log#leaf",
        "s3.putImmutable log",
        "s3.putMutable log",
      ]);
      expect(killedAt.filter((w) => w.startsWith("s3.putImmutable log/tile/"))).toHaveLength(2);
      const { size } = await checkInvariants(log, observed);
      // The log keeps working.
      const last = makeEntry("after");
      const after = await newWriter(log, FAST).append(last);
      expect(after.leafIndex).toBe(size);
      observed.acknowledged.set(entryHex(last), after.leafIndex);
      await checkInvariants(log, observed, { poolEmpty: true });
    }, 180_000);
  }

  it("retries transient UNAVAILABLE failures (some after the call succeeded) without harm", async () => {
    const log = await freshLog(storage);
    const observed: Observed = { acknowledged: new Map(), checkpoints: [] };
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const writers = Array.from({ length: 4 }, (_, i) =>
      newWriter(
        log,
        { ...FAST, holder: `flaky-${i}` },
        {
          objects: flaky(log.objects, 0.08, random),
          items: flaky(log.items, 0.08, random),
        },
      ),
    );
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let j = 0; j < 8; j++) {
          const e = makeEntry(`f${w}`);
          // An append that gives up (its own pool write failed) is retried, as a client would.
          for (let attempt = 0; ; attempt++) {
            try {
              observed.acknowledged.set(entryHex(e), (await writer.append(e)).leafIndex);
              break;
            } catch (error) {
              expect((error as { code?: string }).code).toBe("UNAVAILABLE");
              expect(attempt).toBeLessThan(20);
            }
          }
          await observe(log, observed);
        }
      }),
    );
    expect(observed.acknowledged.size).toBe(32);
    await newWriter(log, FAST).append(makeEntry("drain")); // leftovers of failed calls get integrated
    await checkInvariants(log, observed, { poolEmpty: true });
  }, 120_000);
});

/**
 * A write's kind: its label without the key's path ("s3.put tile/0/001" → "s3.put tile") or entry
 * hash. Scanned by hand: `/\/[^ ]*$/` is quadratic on "////…" (regexp/no-super-linear-move).
 */
function writeKind(write: string): string {
  const slash = write.indexOf("/", write.lastIndexOf(" ") + 1);
  return slash >= 0 ? write.slice(0, slash) : write.replace(/#[0-9a-f]{64}$/, "");
}
