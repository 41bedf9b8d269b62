/**
 * Leaf items carry their inclusion proof (packages/archive/src/log/leaf-proof.ts): an appender in
 * another process builds its receipt from it without reading a tile, and a proof that does not
 * verify against the signed root is never put in a receipt — the tiles decide instead.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashLeaf, verifyInclusion } from "@isnad/core";
import { createLogService, logKeys, readLeafProof, systemClock, type ObjectStore } from "@isnad/archive";
import { startTestStorage, type TestStorage } from "../support/storage";
import { ORIGIN, freshLog, makeEntry, newWriter, type LogFixture } from "./log-fixture";

let storage: TestStorage;
beforeAll(async () => {
  storage = await startTestStorage();
});
afterAll(() => storage?.close());

/** A reader as another process has it (nothing cached), counting its object reads. */
function countingReader(log: LogFixture) {
  const gets = { count: 0 };
  const objects = new Proxy(log.objects, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== "get" || typeof value !== "function") return value;
      return (...args: unknown[]) => (
        gets.count++,
        (value as (...a: unknown[]) => unknown).apply(target, args)
      );
    },
  }) as ObjectStore;
  const { reader } = createLogService({
    objects,
    items: log.items,
    clock: systemClock,
    origin: ORIGIN,
    seed: log.seed,
  });
  return { reader, gets };
}

describe("leaf proofs", () => {
  it("are stored with each leaf index for the tree its batch committed, and make a receipt without tile reads", async () => {
    const log = await freshLog(storage);
    const writer = newWriter(log);
    const entries = [makeEntry("p"), makeEntry("p"), makeEntry("p"), makeEntry("p"), makeEntry("p")];
    await writer.append(makeEntry("first")); // a tree with a leaf already: proofs are not empty
    const indexes = await Promise.all(entries.map((e) => writer.append(e)));
    const size = 1 + entries.length;
    let fromProof = 0;
    for (const [i, entry] of entries.entries()) {
      const leaf = await log.items.get(logKeys.leaf(hashLeaf(entry)).pk, "leaf");
      const proof = readLeafProof(leaf);
      expect(leaf?.index).toBe(indexes[i]!.leafIndex);
      expect(proof, "a leaf item carries its proof").toBeDefined();
      const { reader, gets } = countingReader(log);
      const head = await reader.head();
      expect(head.size).toBe(size);
      if (proof!.treeSize === head.size) reader.rememberProof(indexes[i]!.leafIndex, proof!);
      const receipt = await reader.receipt(indexes[i]!.leafIndex, entry);
      verifyInclusion(
        receipt.leafIndex,
        receipt.inclusionProof.treeSize,
        hashLeaf(entry),
        receipt.inclusionProof.hashes,
        head.rootHash,
      );
      // All five were appended at once: when they were one batch, its proofs are for this head.
      if (proof!.treeSize === head.size) {
        expect(gets.count, "no tile read").toBe(0);
        fromProof++;
      }
    }
    expect(fromProof, "the last batch's proofs are for the head").toBeGreaterThan(0);
  });

  it("never go into a receipt when they do not verify: the tiles decide", async () => {
    const log = await freshLog(storage);
    const writer = newWriter(log);
    await writer.append(makeEntry("first"));
    const entry = makeEntry("bad proof");
    const { leafIndex } = await writer.append(entry);
    const { reader, gets } = countingReader(log);
    const head = await reader.head();
    const good = readLeafProof(await log.items.get(logKeys.leaf(hashLeaf(entry)).pk, "leaf"))!;
    const forged = good.hashes.map((h) => h.slice());
    forged[0]![0]! ^= 1;
    reader.rememberProof(leafIndex, { treeSize: head.size, hashes: forged });
    const receipt = await reader.receipt(leafIndex, entry);
    expect(receipt.inclusionProof.hashes).toEqual(good.hashes);
    expect(gets.count, "the tiles were read instead").toBeGreaterThan(0);
    // Nor does a genuine proof make a receipt for other bytes.
    reader.rememberProof(leafIndex, good);
    await expect(reader.receipt(leafIndex, makeEntry("other"))).rejects.toMatchObject({ code: "INTEGRITY" });
  });
});
