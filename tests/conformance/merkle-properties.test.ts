/**
 * Property tests: for random logs built in random batches, every inclusion and consistency proof
 * generated from stored hashes (directly, or through verified tiles) verifies against roots
 * recomputed independently by the literal recursive MTH of RFC 9162 §2.1.1, and any flipped bit
 * in a proof, leaf hash or root is rejected.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { isIsnadError } from "../../packages/core/src/errors";
import { hashLeaf } from "../../packages/core/src/merkle";
import { MemoryHashStore, readTreeHash } from "../../packages/core/src/stored-hashes";
import { proveInclusion, verifyInclusion } from "../../packages/core/src/inclusion";
import { proveConsistency, verifyConsistency } from "../../packages/core/src/consistency";
import { readTileData } from "../../packages/core/src/tiles";
import { createTileHashReader } from "../../packages/core/src/tile-hash-reader";

/** SHA-256 from node:crypto, so that the reference shares no code with the code under test. */
function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/** MTH(D[n]) exactly as RFC 9162 §2.1.1 defines it, on the entries themselves. */
function referenceMth(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length === 0) return sha256();
  if (entries.length === 1) return sha256(Uint8Array.of(0), entries[0]!);
  let k = 1;
  while (k * 2 < entries.length) k *= 2;
  return sha256(Uint8Array.of(1), referenceMth(entries.slice(0, k)), referenceMth(entries.slice(k)));
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  const i = bit % (out.length * 8);
  out[i >> 3]! ^= 1 << (i & 7);
  return out;
}

function rejected(verify: () => void): boolean {
  try {
    verify();
    return false;
  } catch (e) {
    if (!isIsnadError(e, "INVALID_PROOF")) throw e;
    return true;
  }
}

/** A log of 1..160 random entries appended in random batches; the sizes after each batch. */
const logArb = fc
  .array(fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 40 }), {
    minLength: 1,
    maxLength: 6,
  })
  .map((batches) => ({
    entries: batches.flat(),
    checkpoints: batches.map((_, i) => batches.slice(0, i + 1).flat().length),
  }));

async function build(entries: readonly Uint8Array[]): Promise<MemoryHashStore> {
  const store = new MemoryHashStore();
  await Promise.all(entries.map((e) => store.append(hashLeaf(e))));
  return store;
}

describe("Merkle proofs (properties)", () => {
  it("inclusion proofs verify against the reference root, and no flipped bit passes", async () => {
    await fc.assert(
      fc.asyncProperty(
        logArb,
        fc.nat(),
        fc.nat(),
        fc.nat(),
        async ({ entries, checkpoints }, pick, which, bit) => {
          const store = await build(entries);
          const size = checkpoints[pick % checkpoints.length]!;
          const index = pick % size;
          const root = referenceMth(entries.slice(0, size));
          expect(await readTreeHash(size, store.read)).toEqual(root);
          const leaf = sha256(Uint8Array.of(0), entries[index]!);
          const proof = await proveInclusion(index, size, store.read);
          verifyInclusion(index, size, leaf, proof, root);
          expect(rejected(() => verifyInclusion(index, size, flipBit(leaf, bit), proof, root))).toBe(true);
          expect(rejected(() => verifyInclusion(index, size, leaf, proof, flipBit(root, bit)))).toBe(true);
          if (proof.length > 0) {
            const i = which % proof.length;
            const bad = proof.map((p, j) => (j === i ? flipBit(p, bit) : p));
            expect(rejected(() => verifyInclusion(index, size, leaf, bad, root))).toBe(true);
            expect(rejected(() => verifyInclusion(index, size, leaf, proof.slice(1), root))).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("consistency proofs between checkpoints verify, and no flipped bit passes", async () => {
    await fc.assert(
      fc.asyncProperty(
        logArb,
        fc.nat(),
        fc.nat(),
        fc.nat(),
        async ({ entries, checkpoints }, pick, which, bit) => {
          const store = await build(entries);
          const size2 = checkpoints[pick % checkpoints.length]!;
          const size1 =
            checkpoints[which % checkpoints.length]! <= size2
              ? checkpoints[which % checkpoints.length]!
              : 1 + (which % size2);
          const [root1, root2] = [
            referenceMth(entries.slice(0, size1)),
            referenceMth(entries.slice(0, size2)),
          ];
          const proof = await proveConsistency(size1, size2, store.read);
          verifyConsistency(size1, size2, proof, root1, root2);
          expect(rejected(() => verifyConsistency(size1, size2, proof, root1, flipBit(root2, bit)))).toBe(
            true,
          );
          if (size1 < size2) {
            expect(rejected(() => verifyConsistency(size1, size2, proof, flipBit(root1, bit), root2))).toBe(
              true,
            );
            const i = which % proof.length;
            const bad = proof.map((p, j) => (j === i ? flipBit(p, bit) : p));
            expect(rejected(() => verifyConsistency(size1, size2, bad, root1, root2))).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("proofs computed through verified tiles equal those from the hash store", async () => {
    const sizes = fc.integer({ min: 1, max: 1500 });
    await fc.assert(
      fc.asyncProperty(sizes, fc.nat(), fc.nat(), async (size, a, b) => {
        const entries = Array.from({ length: size }, (_, i) => Uint8Array.of(i & 255, i >> 8));
        const store = await build(entries);
        const root = referenceMth(entries);
        const reader = createTileHashReader(size, root, (tile) => readTileData(tile, store.read));
        const [index, old] = [a % size, 1 + (b % size)];
        expect(await proveInclusion(index, size, reader)).toEqual(
          await proveInclusion(index, size, store.read),
        );
        expect(await proveConsistency(old, size, reader)).toEqual(
          await proveConsistency(old, size, store.read),
        );
      }),
      { numRuns: 40 },
    );
  });
});
