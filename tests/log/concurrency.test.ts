/**
 * Issue #4: 16 appenders at once — separate TransparencyLog instances sharing the stores, as 16
 * Lambdas would — each appending entries one after another. Afterwards: no fork, no gap, every
 * acknowledged entry exactly once; and group commit made far fewer batches than entries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCheckpoint } from "@isnad/core";
import { Integrator, TileStore, addToPool, createLogSigner, readLogState, systemClock } from "@isnad/archive";
import { startTestStorage, type TestStorage } from "../support/storage";
import {
  ORIGIN,
  checkInvariants,
  entryHex,
  freshLog,
  makeEntry,
  newReader,
  newWriter,
  type Observed,
} from "./log-fixture";

let storage: TestStorage;
beforeAll(async () => {
  storage = await startTestStorage();
});
afterAll(() => storage?.close());

const WRITERS = 16;
const EACH = 12;

describe("log concurrency", () => {
  it(`${WRITERS} appenders × ${EACH} entries: linearizable, and batched`, async () => {
    const log = await freshLog(storage);
    const observed: Observed = { acknowledged: new Map(), checkpoints: [] };
    const writers = Array.from({ length: WRITERS }, (_, i) => newWriter(log, { holder: `lambda-${i}` }));
    const reader = newReader(log);
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let j = 0; j < EACH; j++) {
          const entry = makeEntry(`c${w}`);
          const { leafIndex } = await writer.append(entry);
          observed.acknowledged.set(entryHex(entry), leafIndex);
          // Acknowledged means under a signed checkpoint: the receipt is there at once.
          const receipt = await reader.receipt(leafIndex, entry);
          expect(receipt.inclusionProof.treeSize).toBeGreaterThan(leafIndex);
          observed.checkpoints.push(receipt.checkpoint);
        }
      }),
    );
    const total = WRITERS * EACH;
    expect(observed.acknowledged.size).toBe(total);
    const { size } = await checkInvariants(log, observed, { poolEmpty: true });
    expect(size).toBe(total);
    expect([...observed.acknowledged.values()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: total }, (_, i) => i),
    );
    const batches = writers.reduce((n, w) => n + w.stats.batches, 0);
    const entries = writers.reduce((n, w) => n + w.stats.entries, 0);
    expect(entries).toBe(total);
    // Group commit: with 16 appenders waiting, a batch carries several entries on average.
    expect(batches).toBeLessThan(total / 3);
    console.info(
      `log concurrency: ${total} entries in ${batches} batches (${(total / batches).toFixed(1)} per batch)`,
    );
  }, 120_000);

  it("stays linear with integrators racing and no lease at all (the lease is only an optimization)", async () => {
    const log = await freshLog(storage);
    const { signer } = createLogSigner(ORIGIN, log.seed);
    const config = {
      origin: ORIGIN,
      signer,
      emptyCheckpoint: log.emptyCheckpoint,
      limits: { maxEntries: 7, maxBytes: 1 << 20 },
    };
    const integrators = Array.from(
      { length: 6 },
      () => new Integrator(log.objects, log.items, new TileStore(log.objects), config),
    );
    const observed: Observed = { acknowledged: new Map(), checkpoints: [] };
    const added: Uint8Array[] = [];
    let adding = true;
    const producer = (async () => {
      for (let round = 0; round < 12; round++) {
        const batch = Array.from({ length: 5 }, () => makeEntry("race"));
        added.push(...batch);
        await Promise.all(batch.map((e) => addToPool(log.items, systemClock, e)));
      }
      adding = false;
    })();
    let committed = 0;
    let lost = 0;
    await Promise.all(
      integrators.map(async (integrator) => {
        for (let idle = 0; adding || idle < 2;) {
          const result = await integrator.step();
          if (result.kind === "committed") committed++;
          if (result.kind === "lost") lost++;
          idle = result.kind === "idle" ? idle + 1 : 0;
          observed.checkpoints.push((await readLogState(log.items, log.emptyCheckpoint)).checkpoint);
        }
      }),
    );
    await producer;
    const { size } = await checkInvariants(log, observed, { poolEmpty: true });
    expect(size).toBe(added.length);
    // Racing integrators of one pending batch sign the very same checkpoint (RFC 8032 signatures
    // are deterministic), so there is exactly one signed checkpoint per size.
    const bySize = new Map<number, Set<string>>();
    for (const text of observed.checkpoints) {
      const { checkpoint } = openCheckpoint(text, log.verifierKey);
      bySize.set(checkpoint.size, (bySize.get(checkpoint.size) ?? new Set()).add(text));
    }
    for (const texts of bySize.values()) expect(texts.size).toBe(1);
    expect(committed).toBeGreaterThan(0);
    expect(lost, "the integrators did race").toBeGreaterThan(0);
  }, 120_000);
});
