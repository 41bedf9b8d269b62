import { describe, expect, it } from "vitest";
import { emptyRoot, treeHash } from "./merkle";
import { proveInclusion, verifyInclusion } from "./inclusion";
import { proveConsistency, verifyConsistency } from "./consistency";
import { readTreeHash, storedHashCount, storedHashIndex } from "./stored-hashes";
import { formatTilePath, type Tile } from "./tile-path";
import { readTileData } from "./tiles";
import { createTileHashReader, type TileFetcher } from "./tile-hash-reader";
import { testLog } from "./__fixtures__/tile-log";
import { expectIsnadError, expectIsnadRejection } from "./__fixtures__/expect-error";

// 65,836 leaves: level-0 tile 0 and level-1 tile 0 are full and authenticated through their
// parents; the root tiles are tile/2/000.p/1, tile/1/001.p/1 and tile/0/257.p/44.
const SIZE = 65_536 + 300;

async function server(size: number, tamper?: (tile: Tile, data: Uint8Array) => Uint8Array) {
  const { store, leafHashes } = await testLog(size);
  const fetched: string[] = [];
  const fetchTile: TileFetcher = async (tile) => {
    fetched.push(formatTilePath(tile));
    const data = await readTileData(tile, store.read);
    return tamper ? tamper(tile, data) : data;
  };
  return { store, leafHashes, fetchTile, fetched, root: await readTreeHash(size, store.read) };
}

const flipByte = (data: Uint8Array, at: number): Uint8Array => {
  const out = data.slice();
  out[at]! ^= 1;
  return out;
};

describe("createTileHashReader", () => {
  it("serves the same proofs and roots as the hash store, for trees small and large", async () => {
    for (const size of [1, 2, 255, 256, 257, 1000, SIZE]) {
      const { store, fetchTile, root, leafHashes } = await server(size);
      const reader = createTileHashReader(size, root, fetchTile);
      expect(await readTreeHash(size, reader), `size ${size}`).toEqual(root);
      for (const leaf of new Set([0, 1, size >> 1, size - 1, 65_535].filter((i) => i < size))) {
        const proof = await proveInclusion(leaf, size, reader);
        expect(proof).toEqual(await proveInclusion(leaf, size, store.read));
        verifyInclusion(leaf, size, leafHashes[leaf]!, proof, root);
      }
      for (const old of new Set([1, size >> 1, size].filter((s) => s > 0))) {
        const proof = await proveConsistency(old, size, reader);
        expect(proof).toEqual(await proveConsistency(old, size, store.read));
        verifyConsistency(old, size, proof, treeHash(leafHashes.slice(0, old)), root);
      }
    }
  });

  it("serves an older tree from the same tiles, using its partial tiles", async () => {
    const { store, fetchTile, fetched } = await server(SIZE);
    const old = 65_700;
    const root = await readTreeHash(old, store.read);
    const reader = createTileHashReader(old, root, fetchTile);
    expect(await readTreeHash(old, reader)).toEqual(root);
    expect(fetched.sort()).toEqual(["tile/0/256.p/164", "tile/2/000.p/1"]);
  });

  it("fetches each tile once and walks up to a verified tile", async () => {
    const { fetchTile, fetched, root } = await server(SIZE);
    const reader = createTileHashReader(SIZE, root, fetchTile);
    const leaf0 = storedHashIndex(0, 0);
    await reader([leaf0, storedHashIndex(0, 1)]);
    expect(fetched.sort()).toEqual(
      ["tile/0/000", "tile/1/000", "tile/2/000.p/1", "tile/1/001.p/1", "tile/0/257.p/44"].sort(),
    );
    fetched.length = 0;
    await reader([leaf0, storedHashIndex(8, 1), storedHashIndex(0, SIZE - 1)]);
    expect(fetched).toEqual([]);
    await reader([storedHashIndex(0, 300)]);
    expect(fetched).toEqual(["tile/0/001"]);
    expect(await reader([])).toEqual([]);
  });

  it.each([
    ["a root tile", "tile/0/257.p/44", /tiles do not match the root of the tree of size 65836/],
    ["the top tile", "tile/2/000.p/1", /do not match the root/],
    ["a leaf tile", "tile/0/000", /tile tile\/0\/000 does not match its parent tile tile\/1\/000/],
    ["an inner tile", "tile/1/000", /tile tile\/1\/000 does not match its parent tile tile\/2\/000.p\/1/],
  ])("detects a substituted hash in %s", async (_name, target, message) => {
    const { fetchTile, root } = await server(SIZE, (tile, data) =>
      formatTilePath(tile) === target ? flipByte(data, data.length - 1) : data,
    );
    const reader = createTileHashReader(SIZE, root, fetchTile);
    await expectIsnadRejection(reader([storedHashIndex(0, 7)]), "INVALID_TILE", message);
    // Nothing of a failed read is trusted later.
    await expectIsnadRejection(reader([storedHashIndex(0, 7)]), "INVALID_TILE", message);
  });

  it("rejects tiles of the wrong length, such as a full tile for a partial one", async () => {
    const { store, root } = await server(1000);
    const fetchTile: TileFetcher = (tile) =>
      readTileData(tile.level === 0 ? { ...tile, width: 256 } : tile, store.read);
    const reader = createTileHashReader(
      300,
      treeHash((await testLog(1000)).leafHashes.slice(0, 300)),
      fetchTile,
    );
    await expectIsnadRejection(
      reader([0]),
      "INVALID_TILE",
      /tile\/0\/001.p\/44 is 8192 bytes, expected 1408/,
    );
    expect(root).toHaveLength(32);
  });

  it("rejects a wrong root and indexes outside the tree", async () => {
    const { fetchTile, root } = await server(1000);
    await expectIsnadRejection(
      createTileHashReader(1000, emptyRoot(), fetchTile)([0]),
      "INVALID_TILE",
      /root/,
    );
    const reader = createTileHashReader(1000, root, fetchTile);
    const limit = storedHashCount(1000);
    await expectIsnadRejection(
      reader([limit]),
      "INVALID_ARGUMENT",
      /stored hash 1994 is not in a tree of size 1000/,
    );
    await expectIsnadRejection(reader([-1]), "INVALID_ARGUMENT");
    await expectIsnadRejection(createTileHashReader(0, emptyRoot(), fetchTile)([0]), "INVALID_ARGUMENT");
    expectIsnadError(() => createTileHashReader(-1, root, fetchTile), "INVALID_ARGUMENT", /tree size/);
    expectIsnadError(
      () => createTileHashReader(1, root.subarray(1), fetchTile),
      "INVALID_ARGUMENT",
      /32 bytes/,
    );
  });
});
