import { describe, expect, it } from "vitest";
import { concatBytes } from "./bytes";
import { treeHash } from "./merkle";
import { formatTilePath, type Tile } from "./tile-path";
import {
  hashFromTile,
  newTiles,
  parseTileData,
  readTileData,
  tileForHash,
  tileForStoredHash,
  tileInTree,
} from "./tiles";
import { storedHashIndex } from "./tree-math";
import { testLog } from "./__fixtures__/tile-log";
import { expectIsnadError, expectIsnadRejection } from "./__fixtures__/expect-error";

const paths = (tiles: Tile[]): string[] => tiles.map(formatTilePath);

describe("which tiles a tree has", () => {
  it("matches the examples of tlog-tiles §Partial Tiles", () => {
    // "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial level 0
    // tile of width 112, one full level 1 tile, one partial level 1 tile of width 17, and one
    // partial level 2 tile of width 1."
    const tiles = newTiles(0, 70_000);
    expect(tiles).toHaveLength(273 + 1 + 1 + 1 + 1);
    expect(tiles.filter((t) => t.level === 0 && t.width === 256)).toHaveLength(273);
    expect(tiles.slice(273)).toEqual([
      { level: 0, index: 273, width: 112 },
      { level: 1, index: 0, width: 256 },
      { level: 1, index: 1, width: 17 },
      { level: 2, index: 0, width: 1 },
    ]);
    // "a tree of size 256 will be represented by a full level 0 tile and a partial level 1 tile of width 1."
    expect(paths(newTiles(0, 256))).toEqual(["tile/0/000", "tile/1/000.p/1"]);
    expect(newTiles(0, 0)).toEqual([]);
    expect(paths(newTiles(0, 1))).toEqual(["tile/0/000.p/1"]);
  });

  it("lists, when a tree grows, exactly the tiles that appear or change", () => {
    for (const [oldSize, newSize] of [
      [0, 5],
      [5, 5],
      [5, 300],
      [255, 256],
      [256, 257],
      [1000, 70_000],
      [65_535, 65_537],
    ] as const) {
      const before = new Set(paths(newTiles(0, oldSize)));
      const after = paths(newTiles(0, newSize));
      expect(paths(newTiles(oldSize, newSize)), `${oldSize} → ${newSize}`).toEqual(
        after.filter((p) => !before.has(p)),
      );
    }
    expect(paths(newTiles(255, 256))).toEqual(["tile/0/000", "tile/1/000.p/1"]);
  });

  it("gives the tile of a tree of some size, full, partial or absent", () => {
    expect(tileInTree(0, 0, 300)).toEqual({ level: 0, index: 0, width: 256 });
    expect(tileInTree(0, 1, 300)).toEqual({ level: 0, index: 1, width: 44 });
    expect(tileInTree(0, 2, 300)).toBeUndefined();
    expect(tileInTree(1, 0, 300)).toEqual({ level: 1, index: 0, width: 1 });
    expect(tileInTree(2, 0, 300)).toBeUndefined();
    expectIsnadError(() => tileInTree(0, 0, -1), "INVALID_ARGUMENT", /tree size/);
  });

  it("rejects a tree that shrinks", () => {
    expectIsnadError(() => newTiles(5, 4), "INVALID_ARGUMENT", /from size 5 to 4/);
    expectIsnadError(() => newTiles(-1, 4), "INVALID_ARGUMENT");
  });
});

describe("which tile holds a hash", () => {
  it("maps level and number to the smallest tile holding them", () => {
    expect(tileForHash(0, 0)).toEqual({ level: 0, index: 0, width: 1 });
    expect(tileForHash(0, 300)).toEqual({ level: 0, index: 1, width: 45 });
    // Level 3 hash 5 spans level-0 hashes 40..47 of tile 0.
    expect(tileForHash(3, 5)).toEqual({ level: 0, index: 0, width: 48 });
    expect(tileForHash(7, 1)).toEqual({ level: 0, index: 0, width: 256 });
    expect(tileForHash(7, 2)).toEqual({ level: 0, index: 1, width: 128 });
    expect(tileForHash(8, 0)).toEqual({ level: 1, index: 0, width: 1 });
    expect(tileForHash(9, 1)).toEqual({ level: 1, index: 0, width: 4 });
    expect(tileForHash(16, 3)).toEqual({ level: 2, index: 0, width: 4 });
    expect(tileForStoredHash(storedHashIndex(3, 5))).toEqual(tileForHash(3, 5));
    expectIsnadError(() => tileForHash(-1, 0), "INVALID_ARGUMENT");
  });
});

describe("tile data", () => {
  it("is the level-8L stored hashes, and yields every hash of its levels", async () => {
    const { store, leafHashes } = await testLog(1000);
    const tile0 = await readTileData({ level: 0, index: 0, width: 256 }, store.read);
    expect(tile0).toEqual(concatBytes(...leafHashes.slice(0, 256)));
    const partial = await readTileData({ level: 0, index: 3, width: 232 }, store.read);
    expect(partial).toEqual(concatBytes(...leafHashes.slice(768, 1000)));
    const tile1 = await readTileData({ level: 1, index: 0, width: 3 }, store.read);
    expect(tile1.subarray(64)).toEqual(treeHash(leafHashes.slice(512, 768)));

    const t = { level: 0, index: 0, width: 256 };
    expect(hashFromTile(t, tile0, storedHashIndex(0, 17))).toEqual(leafHashes[17]);
    expect(hashFromTile(t, tile0, storedHashIndex(3, 5))).toEqual(treeHash(leafHashes.slice(40, 48)));
    expect(hashFromTile(t, tile0, storedHashIndex(7, 0))).toEqual(treeHash(leafHashes.slice(0, 128)));
    expect(hashFromTile(t, tile0, storedHashIndex(7, 1))).toEqual(treeHash(leafHashes.slice(128, 256)));
    const p = { level: 0, index: 3, width: 232 };
    expect(hashFromTile(p, partial, storedHashIndex(5, 24 + 6))).toEqual(
      treeHash(leafHashes.slice(960, 992)),
    );
  });

  it("refuses hashes outside the tile and data of the wrong length", async () => {
    const { store } = await testLog(1000);
    const t = { level: 0, index: 0, width: 16 };
    const data = await readTileData(t, store.read);
    expectIsnadError(
      () => hashFromTile(t, data, storedHashIndex(0, 16)),
      "INVALID_ARGUMENT",
      /not in tile tile\/0\/000.p\/16/,
    );
    expectIsnadError(() => hashFromTile(t, data, storedHashIndex(4, 1)), "INVALID_ARGUMENT", /not in tile/);
    expectIsnadError(() => hashFromTile(t, data, storedHashIndex(8, 0)), "INVALID_ARGUMENT", /not in tile/);
    expectIsnadError(
      () => hashFromTile(t, data.subarray(1), 0),
      "INVALID_TILE",
      /is 511 bytes, expected 512/,
    );
    expectIsnadError(() => parseTileData(t, "x" as never), "INVALID_TILE", /is not bytes/);
    await expectIsnadRejection(
      readTileData({ level: 0, index: 0, width: 0 }, store.read),
      "INVALID_ARGUMENT",
    );
    await expectIsnadRejection(
      readTileData({ level: 0, index: 4, width: 1 }, store.read),
      "INVALID_ARGUMENT",
    );
  });
});
