import { describe, expect, it } from "vitest";
import { formatHex, parseHex, utf8 } from "./bytes";
import { hashLeaf, treeHash } from "./merkle";
import { MemoryHashStore } from "./stored-hashes";
import { consistencyProofFromLeaves, proveConsistency, verifyConsistency } from "./consistency";
import { CONSISTENCY_PROOFS, LEAVES, ROOTS } from "./__fixtures__/rfc6962";
import { expectIsnadError, expectIsnadRejection } from "./__fixtures__/expect-error";

const leafHashes = LEAVES.map(hashLeaf);

async function storeOf(hashes: readonly Uint8Array[]): Promise<MemoryHashStore> {
  const store = new MemoryHashStore();
  for (const h of hashes) await store.append(h);
  return store;
}

describe("consistency proofs", () => {
  it.each(CONSISTENCY_PROOFS)("reproduces the published proof from $size1 to $size2", async (c) => {
    const store = await storeOf(leafHashes);
    const proof = await proveConsistency(c.size1, c.size2, store.read);
    expect(proof.map(formatHex)).toEqual(c.proof);
    expect(consistencyProofFromLeaves(leafHashes.slice(0, c.size2), c.size1).map(formatHex)).toEqual(c.proof);
    expect(() =>
      verifyConsistency(c.size1, c.size2, proof, ROOTS[c.size1 - 1]!, ROOTS[c.size2 - 1]!),
    ).not.toThrow();
  });

  it("proves and verifies every pair of sizes up to 48 leaves", async () => {
    const hashes = Array.from({ length: 48 }, (_, i) => hashLeaf(utf8(`leaf ${i}`)));
    const store = await storeOf(hashes);
    const roots = hashes.map((_, i) => treeHash(hashes.slice(0, i + 1)));
    for (let size2 = 1; size2 <= hashes.length; size2++) {
      for (let size1 = 1; size1 <= size2; size1++) {
        const proof = await proveConsistency(size1, size2, store.read);
        expect(proof).toEqual(consistencyProofFromLeaves(hashes.slice(0, size2), size1));
        verifyConsistency(size1, size2, proof, roots[size1 - 1]!, roots[size2 - 1]!);
      }
    }
  });

  it("refuses to prove from the empty tree, backwards or past the end", async () => {
    const store = await storeOf(leafHashes);
    await expectIsnadRejection(
      proveConsistency(0, 8, store.read),
      "INVALID_ARGUMENT",
      /from tree size 0 to 8/,
    );
    await expectIsnadRejection(proveConsistency(5, 4, store.read), "INVALID_ARGUMENT");
    await expectIsnadRejection(proveConsistency(1.5, 4, store.read), "INVALID_ARGUMENT");
    await expectIsnadRejection(proveConsistency(3, 9, store.read), "INVALID_ARGUMENT", /no stored hash/);
    expectIsnadError(() => consistencyProofFromLeaves(leafHashes, 9), "INVALID_ARGUMENT");
  });
});

describe("verifyConsistency (RFC 9162 §2.1.4.2)", () => {
  const c = CONSISTENCY_PROOFS[2]!; // 6 → 8
  const proof = c.proof.map((h) => parseHex(h));
  const [root6, root8] = [ROOTS[5]!, ROOTS[7]!];
  const flip = (h: Uint8Array, bit = 0): Uint8Array => {
    const out = h.slice();
    out[bit >> 3]! ^= 1 << (bit & 7);
    return out;
  };
  const rejects = (f: () => void, message: RegExp): void => expectIsnadError(f, "INVALID_PROOF", message);

  it("rejects sizes that are not safe integers, out of order, or from the empty tree", () => {
    rejects(() => verifyConsistency(-1, 8, proof, root6, root8), /tree size -1 is not/);
    rejects(() => verifyConsistency(6, 2 ** 64, proof, root6, root8), /tree size .* is not/);
    rejects(
      () => verifyConsistency(8, 6, proof, root8, root6),
      /old tree size 8 is larger than new tree size 6/,
    );
    rejects(() => verifyConsistency(0, 8, [], treeHash([]), root8), /from the empty tree proves nothing/);
    rejects(() => verifyConsistency(0, 0, [], treeHash([]), treeHash([])), /from the empty tree/);
  });

  it("accepts equal sizes only with an empty proof and identical roots", () => {
    verifyConsistency(8, 8, [], root8, root8.slice());
    rejects(() => verifyConsistency(8, 8, [root8], root8, root8), /must be empty, got 1/);
    rejects(() => verifyConsistency(8, 8, [], root8, flip(root8)), /two different roots for tree size 8/);
    rejects(() => verifyConsistency(8, 8, [], root8, null as never), /two different roots/);
  });

  it("rejects hashes of the wrong length or type before hashing", () => {
    rejects(() => verifyConsistency(6, 8, proof, root6.subarray(2), root8), /old root hash is 30 bytes/);
    rejects(() => verifyConsistency(6, 8, proof, root6, new Uint8Array(64)), /new root hash is 64 bytes/);
    rejects(
      () => verifyConsistency(6, 8, [proof[0]!, new Uint8Array(0)], root6, root8),
      /proof hash 1 is 0 bytes/,
    );
    rejects(() => verifyConsistency(6, 8, {} as never, root6, root8), /consistency proof is not an array/);
  });

  it("rejects proofs that are empty, too long or too short, saying how long they should be", () => {
    rejects(() => verifyConsistency(6, 8, [], root6, root8), /consistency proof is empty, 3 hashes needed/);
    rejects(
      () => verifyConsistency(6, 8, [...proof, root8], root6, root8),
      /4 hashes, more than the 3 needed/,
    );
    rejects(
      () => verifyConsistency(6, 8, proof.slice(0, 2), root6, root8),
      /2 hashes, fewer than the 3 needed/,
    );
  });

  it("rejects any flipped bit, swapped roots or wrong sizes", () => {
    for (let i = 0; i < proof.length; i++) {
      const bad = proof.map((p, j) => (j === i ? flip(p, 200) : p));
      rejects(() => verifyConsistency(6, 8, bad, root6, root8), /does not lead to the (old|new) root/);
    }
    rejects(() => verifyConsistency(6, 8, proof, flip(root6), root8), /old root/);
    rejects(() => verifyConsistency(6, 8, proof, root6, flip(root8)), /new root \(tree size 8\)/);
    rejects(() => verifyConsistency(6, 8, proof, root8, root6), /does not lead to the old root/);
    rejects(() => verifyConsistency(5, 8, proof, ROOTS[4]!, root8), /consistency proof/);
    // Old tree of a power-of-two size: its root is the implicit first element of the path.
    const p48 = consistencyProofFromLeaves(leafHashes, 4);
    verifyConsistency(4, 8, p48, ROOTS[3]!, root8);
    // There the old root only feeds the new one, so a wrong old root shows up at the new root.
    rejects(() => verifyConsistency(4, 8, p48, flip(ROOTS[3]!), root8), /does not lead to the new root/);
  });
});
