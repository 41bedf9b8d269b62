import { describe, expect, it } from "vitest";
import { formatHex, parseHex, utf8 } from "./bytes";
import { hashLeaf, treeHash } from "./merkle";
import { MemoryHashStore } from "./stored-hashes";
import { inclusionProofFromLeaves, proveInclusion, verifyInclusion } from "./inclusion";
import { INCLUSION_PATHS, LEAVES, ROOTS } from "./__fixtures__/rfc6962";
import { expectIsnadError, expectIsnadRejection } from "./__fixtures__/expect-error";

const leafHashes = LEAVES.map(hashLeaf);

async function storeOf(hashes: readonly Uint8Array[]): Promise<MemoryHashStore> {
  const store = new MemoryHashStore();
  for (const h of hashes) await store.append(h);
  return store;
}

describe("inclusion proofs", () => {
  it.each(INCLUSION_PATHS)(
    "reproduces the published path of leaf $leafIndex in a tree of $treeSize",
    async (c) => {
      const store = await storeOf(leafHashes);
      const proof = await proveInclusion(c.leafIndex, c.treeSize, store.read);
      expect(proof.map(formatHex)).toEqual(c.path);
      expect(inclusionProofFromLeaves(leafHashes.slice(0, c.treeSize), c.leafIndex).map(formatHex)).toEqual(
        c.path,
      );
      expect(() =>
        verifyInclusion(c.leafIndex, c.treeSize, leafHashes[c.leafIndex]!, proof, ROOTS[c.treeSize - 1]!),
      ).not.toThrow();
    },
  );

  it("proves and verifies every leaf of every tree up to 48 leaves", async () => {
    const hashes = Array.from({ length: 48 }, (_, i) => hashLeaf(utf8(`leaf ${i}`)));
    const store = await storeOf(hashes);
    for (let size = 1; size <= hashes.length; size++) {
      const root = treeHash(hashes.slice(0, size));
      for (let index = 0; index < size; index++) {
        const proof = await proveInclusion(index, size, store.read);
        expect(proof).toEqual(inclusionProofFromLeaves(hashes.slice(0, size), index));
        verifyInclusion(index, size, hashes[index]!, proof, root);
      }
    }
  });

  it("refuses to prove a leaf outside the tree", async () => {
    const store = await storeOf(leafHashes);
    await expectIsnadRejection(
      proveInclusion(8, 8, store.read),
      "INVALID_ARGUMENT",
      /no leaf 8 in a tree of size 8/,
    );
    await expectIsnadRejection(proveInclusion(-1, 8, store.read), "INVALID_ARGUMENT");
    await expectIsnadRejection(proveInclusion(0, 9, store.read), "INVALID_ARGUMENT", /no stored hash/);
    expectIsnadError(() => inclusionProofFromLeaves([], 0), "INVALID_ARGUMENT");
  });
});

describe("verifyInclusion (RFC 9162 §2.1.3.2)", () => {
  const c = INCLUSION_PATHS[2]!; // leaf 5 of 8
  const proof = c.path.map((h) => parseHex(h));
  const leaf = leafHashes[5]!;
  const root = ROOTS[7]!;
  const flip = (h: Uint8Array, bit = 0): Uint8Array => {
    const out = h.slice();
    out[bit >> 3]! ^= 1 << (bit & 7);
    return out;
  };
  const rejects = (f: () => void, message: RegExp): void => expectIsnadError(f, "INVALID_PROOF", message);

  it("rejects indexes and sizes that are not safe integers, or an index past the end", () => {
    rejects(
      () => verifyInclusion(2 ** 64, 8, leaf, proof, root),
      /leaf index .* not a non-negative safe integer/,
    );
    rejects(() => verifyInclusion(-1, 8, leaf, proof, root), /leaf index -1/);
    rejects(() => verifyInclusion(5, 8.5, leaf, proof, root), /tree size 8.5/);
    rejects(() => verifyInclusion(8, 8, leaf, proof, root), /leaf index 8 is not below tree size 8/);
    rejects(() => verifyInclusion(0, 0, leaf, [], treeHash([])), /not below tree size 0/);
  });

  it("rejects hashes of the wrong length or type before hashing", () => {
    rejects(() => verifyInclusion(5, 8, leaf.subarray(1), proof, root), /leaf hash is 31 bytes, expected 32/);
    rejects(() => verifyInclusion(5, 8, leaf, proof, new Uint8Array(0)), /root hash is 0 bytes/);
    rejects(
      () => verifyInclusion(5, 8, leaf, [proof[0]!, new Uint8Array(33), proof[2]!], root),
      /hash 1 is 33 bytes/,
    );
    rejects(
      () => verifyInclusion(5, 8, leaf, [proof[0]!, "x" as never, proof[2]!], root),
      /hash 1 is not a byte array/,
    );
    rejects(() => verifyInclusion(5, 8, leaf, null as never, root), /inclusion proof is not an array/);
  });

  it("rejects proofs that are too long or too short, saying how long they should be", () => {
    rejects(() => verifyInclusion(5, 8, leaf, [...proof, root], root), /4 hashes, more than the 3 needed/);
    rejects(() => verifyInclusion(5, 8, leaf, proof.slice(0, 2), root), /2 hashes, fewer than the 3 needed/);
    rejects(
      () => verifyInclusion(0, 1, leafHashes[0]!, [leafHashes[0]!], ROOTS[0]!),
      /more than the 0 needed/,
    );
  });

  it("rejects any flipped bit, wrong leaf, wrong index, wrong size or wrong root", () => {
    for (let i = 0; i < proof.length; i++) {
      const bad = proof.map((p, j) => (j === i ? flip(p, 77) : p));
      rejects(() => verifyInclusion(5, 8, leaf, bad, root), /do not lead to the root hash/);
    }
    rejects(() => verifyInclusion(5, 8, flip(leaf), proof, root), /do not lead to the root hash/);
    rejects(() => verifyInclusion(5, 8, leaf, proof, flip(root, 255)), /do not lead to the root hash/);
    rejects(() => verifyInclusion(4, 8, leaf, proof, root), /do not lead to the root hash/);
    rejects(() => verifyInclusion(5, 6, leaf, proof, root), /more than the 2 needed/);
    // Sizes 7 and 8 give leaf 5 the same path shape, so this proof also "verifies" for size 7: the
    // size is authenticated by the signed checkpoint that carries the root, never by the path.
    expect(() => verifyInclusion(5, 7, leaf, proof, root)).not.toThrow();
    rejects(() => verifyInclusion(5, 8, leaf, [...proof].reverse(), root), /do not lead to the root hash/);
  });
});
