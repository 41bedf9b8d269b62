/**
 * Issue #4 property: random batches appended to a log on the emulators; every inclusion and
 * consistency proof the log serves equals the one computed from an independently recomputed tree
 * (core's treeHash and *FromLeaves over all leaf hashes) and verifies against signed checkpoints.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  consistencyProofFromLeaves,
  hashLeaf,
  inclusionProofFromLeaves,
  openCheckpoint,
  treeHash,
  verifyConsistency,
  verifyInclusion,
} from "@isnad/core";
import { startTestStorage, type TestStorage } from "../support/storage";
import { ORIGIN, checkInvariants, freshLog, makeEntry, newReader, newWriter } from "./log-fixture";

let storage: TestStorage;
beforeAll(async () => {
  storage = await startTestStorage();
});
afterAll(() => storage?.close());

// Small batches, and now and then one larger than a bundle, so tile boundaries get crossed.
const batchSize = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 24 }), weight: 4 },
  { arbitrary: fc.integer({ min: 200, max: 300 }), weight: 1 },
);

describe("log property", () => {
  it("serves proofs equal to an independent recomputation, for random batches", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(batchSize, { minLength: 1, maxLength: 6 }),
        fc.integer(),
        async (sizes, salt) => {
          const log = await freshLog(storage);
          const writer = newWriter(log);
          const reader = newReader(log);
          const leafHashes: Uint8Array[] = [];
          const heads: { size: number; rootHash: Uint8Array; text: string }[] = [];
          for (const size of sizes) {
            const batch = Array.from({ length: size }, (_, i) => makeEntry(`p${salt}-${i}`));
            const indexes = await Promise.all(batch.map((e) => writer.append(e)));
            // Appended concurrently, acknowledged each at its own place in the log.
            const given = indexes.map((x) => x.leafIndex).sort((a, b) => a - b);
            expect(given).toEqual(Array.from({ length: size }, (_, i) => leafHashes.length + i));
            const ordered = batch
              .map((e, i) => ({ e, at: indexes[i]!.leafIndex }))
              .sort((a, b) => a.at - b.at);
            leafHashes.push(...ordered.map(({ e }) => hashLeaf(e)));
            const text = (await reader.head()).checkpoint;
            const { checkpoint } = openCheckpoint(text, log.verifierKey, ORIGIN);
            expect(checkpoint.size).toBe(leafHashes.length);
            expect(checkpoint.rootHash).toEqual(treeHash(leafHashes));
            heads.push({ size: checkpoint.size, rootHash: checkpoint.rootHash, text });
          }
          const final = heads.at(-1)!;
          // Every leaf at the final size.
          for (let i = 0; i < final.size; i++) {
            const { hashes } = await reader.inclusionProof(i);
            expect(hashes).toEqual(inclusionProofFromLeaves(leafHashes, i));
            verifyInclusion(i, final.size, leafHashes[i]!, hashes, final.rootHash);
          }
          // At every earlier checkpoint: its edges, and consistency with every later checkpoint.
          for (const [k, head] of heads.entries()) {
            const prefix = leafHashes.slice(0, head.size);
            for (const i of new Set([0, head.size - 1, Math.floor(head.size / 2)])) {
              const { hashes } = await reader.inclusionProof(i, head.size);
              expect(hashes).toEqual(inclusionProofFromLeaves(prefix, i));
              verifyInclusion(i, head.size, leafHashes[i]!, hashes, head.rootHash);
            }
            for (const later of heads.slice(k)) {
              const proof = await reader.consistencyProof(head.size, later.size);
              expect(proof).toEqual(consistencyProofFromLeaves(leafHashes.slice(0, later.size), head.size));
              verifyConsistency(head.size, later.size, proof, head.rootHash, later.rootHash);
            }
          }
          await checkInvariants(
            log,
            { acknowledged: new Map(), checkpoints: heads.map((h) => h.text) },
            { poolEmpty: true },
          );
        },
      ),
      { numRuns: 4 },
    );
  }, 240_000);
});
