import { describe, expect, it } from "vitest";
import { formatHex, utf8 } from "./bytes";
import { emptyRoot, hashChildren, hashLeaf, treeHash } from "./merkle";
import {
  MemoryHashStore,
  readRangeHashes,
  readStoredHashes,
  readTreeHash,
  storedHashCount,
  storedHashIndex,
  storedHashes,
  type HashReader,
} from "./stored-hashes";
import { LEAVES, ROOTS } from "./__fixtures__/rfc6962";
import { expectIsnadRejection } from "./__fixtures__/expect-error";

async function storeOf(leafHashes: readonly Uint8Array[]): Promise<MemoryHashStore> {
  const store = new MemoryHashStore();
  for (const h of leafHashes) await store.append(h);
  return store;
}

describe("stored hashes", () => {
  it("computes the published roots of the RFC 6962 test tree from stored hashes", async () => {
    const store = new MemoryHashStore();
    expect(await readTreeHash(0, store.read)).toEqual(emptyRoot());
    for (const [i, leaf] of LEAVES.entries()) {
      expect(await store.append(hashLeaf(leaf))).toBe(i);
      expect(store.size).toBe(i + 1);
      expect(formatHex(await readTreeHash(i + 1, store.read))).toBe(formatHex(ROOTS[i]!));
    }
  });

  it("stores the leaf hash then each completed subtree, and reads older roots later", async () => {
    const leafHashes = Array.from({ length: 100 }, (_, i) => hashLeaf(utf8(`entry ${i}`)));
    const store = await storeOf(leafHashes);
    // Leaf 3 completes (2..3) and (0..3).
    const added = await storedHashes(3, leafHashes[3]!, store.read);
    expect(added).toEqual([
      leafHashes[3],
      hashChildren(leafHashes[2]!, leafHashes[3]!),
      treeHash(leafHashes.slice(0, 4)),
    ]);
    const all = await store.read(Array.from({ length: storedHashCount(100) }, (_, i) => i));
    expect(all[storedHashIndex(2, 1)]).toEqual(treeHash(leafHashes.slice(4, 8)));
    for (const size of [1, 2, 3, 31, 64, 65, 99, 100]) {
      expect(await readTreeHash(size, store.read), `size ${size}`).toEqual(
        treeHash(leafHashes.slice(0, size)),
      );
    }
    const [a, b] = await readRangeHashes(
      [
        [64, 100],
        [32, 48],
      ],
      store.read,
    );
    expect(a).toEqual(treeHash(leafHashes.slice(64, 100)));
    expect(b).toEqual(treeHash(leafHashes.slice(32, 48)));
  });

  it("applies concurrent appends in call order", async () => {
    const leafHashes = Array.from({ length: 20 }, (_, i) => hashLeaf(utf8(`c${i}`)));
    const store = new MemoryHashStore();
    const indexes = await Promise.all(leafHashes.map((h) => store.append(h)));
    expect(indexes).toEqual(leafHashes.map((_, i) => i));
    expect(await readTreeHash(20, store.read)).toEqual(treeHash(leafHashes));
  });

  it("rejects bad arguments, and a failed append leaves the store usable", async () => {
    const store = await storeOf([hashLeaf(utf8("x"))]);
    await expectIsnadRejection(store.append(new Uint8Array(31)), "INVALID_ARGUMENT", /32 bytes, got 31/);
    expect(store.size).toBe(1);
    await store.append(hashLeaf(utf8("y")));
    expect(await readTreeHash(2, store.read)).toEqual(treeHash([hashLeaf(utf8("x")), hashLeaf(utf8("y"))]));
    await expectIsnadRejection(
      storedHashes(-1, new Uint8Array(32), store.read),
      "INVALID_ARGUMENT",
      /leaf index/,
    );
    await expectIsnadRejection(readTreeHash(1.5, store.read), "INVALID_ARGUMENT", /tree size/);
    await expectIsnadRejection(readTreeHash(4, store.read), "INVALID_ARGUMENT", /no stored hash/);
    await expectIsnadRejection(store.read([-1]), "INVALID_ARGUMENT", /no stored hash -1/);
  });

  it("does not trust a hash reader that breaks its contract", async () => {
    const short: HashReader = async () => [];
    const malformed: HashReader = async (indexes) => indexes.map(() => new Uint8Array(20));
    const notBytes: HashReader = async (indexes) => indexes.map(() => "hash" as unknown as Uint8Array);
    await expectIsnadRejection(readTreeHash(3, short), "INVALID_ARGUMENT", /returned 0 hashes for 2 indexes/);
    await expectIsnadRejection(readTreeHash(3, malformed), "INVALID_ARGUMENT", /malformed hash for index 2/);
    await expectIsnadRejection(readStoredHashes(notBytes, [0]), "INVALID_ARGUMENT", /malformed/);
    expect(await readStoredHashes(short, [])).toEqual([]);
  });
});
