import { describe, expect, it } from "vitest";
import { concatBytes, formatHex, utf8 } from "./bytes";
import { sha256 } from "./sha256";
import { MERKLE_HASH_SIZE, emptyRoot, hashChildren, hashLeaf, treeHash } from "./merkle";
import { LEAVES, ROOTS } from "./__fixtures__/rfc6962";

/** RFC 9162 §2.1.1's definition, transcribed literally (recursive, on slices): the reference. */
function naiveMth(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return sha256();
  if (leafHashes.length === 1) return leafHashes[0]!;
  let k = 1;
  while (k * 2 < leafHashes.length) k *= 2;
  return sha256(Uint8Array.of(1), naiveMth(leafHashes.slice(0, k)), naiveMth(leafHashes.slice(k)));
}

describe("RFC 6962 hashing", () => {
  it("hashes the empty tree to SHA-256 of the empty string", () => {
    expect(formatHex(emptyRoot())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(treeHash([])).toEqual(emptyRoot());
  });

  it("prefixes leaves with 0x00 and nodes with 0x01", () => {
    const entry = utf8("entry");
    expect(hashLeaf(entry)).toEqual(sha256(concatBytes(Uint8Array.of(0), entry)));
    const [a, b] = [hashLeaf(utf8("a")), hashLeaf(utf8("b"))];
    expect(hashChildren(a, b)).toEqual(sha256(concatBytes(Uint8Array.of(1), a, b)));
    expect(hashChildren(a, b)).not.toEqual(hashChildren(b, a));
    expect(hashLeaf(entry)).toHaveLength(MERKLE_HASH_SIZE);
  });

  it("gives the published root of every prefix of the RFC 6962 test tree", () => {
    const leafHashes = LEAVES.map(hashLeaf);
    expect(leafHashes[0]).toEqual(ROOTS[0]);
    for (let size = 1; size <= LEAVES.length; size++) {
      expect(formatHex(treeHash(leafHashes.slice(0, size))), `size ${size}`).toBe(
        formatHex(ROOTS[size - 1]!),
      );
    }
  });

  it("agrees with the literal recursive definition on every size up to 300", () => {
    const leafHashes = Array.from({ length: 300 }, (_, i) => hashLeaf(utf8(`leaf ${i}`)));
    for (let size = 0; size <= leafHashes.length; size++) {
      const prefix = leafHashes.slice(0, size);
      expect(treeHash(prefix), `size ${size}`).toEqual(naiveMth(prefix));
    }
  });
});
