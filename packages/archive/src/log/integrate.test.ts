import { describe, expect, it } from "vitest";
import {
  MemoryHashStore,
  emptyRoot,
  formatEntryBundlePath,
  formatTilePath,
  hashLeaf,
  newTiles,
  parseEntryBundle,
  readTileData,
  treeHash,
  utf8,
} from "@isnad/core";
import { isArchiveError } from "../errors";
import { integrate, type IntegrateIo, type TreeHead } from "./integrate";

/** A log kept in a Map of tile paths, grown with integrate() only. */
function memoryLog() {
  const tiles = new Map<string, Uint8Array>();
  const io: IntegrateIo = {
    readTile: async (tile) => tiles.get(formatTilePath(tile)) ?? Promise.reject(new Error("no tile")),
    readBundle: async (b) => tiles.get(formatEntryBundlePath(b)) ?? Promise.reject(new Error("no bundle")),
  };
  let head: TreeHead = { size: 0, rootHash: emptyRoot() };
  return {
    tiles,
    io,
    get head() {
      return head;
    },
    async append(entries: Uint8Array[]) {
      const result = await integrate(head, entries, io);
      for (const t of result.tiles) {
        const existing = tiles.get(t.path);
        if (existing) expect(existing).toEqual(t.data); // create-if-absent never conflicts
        tiles.set(t.path, t.data);
      }
      head = { size: result.size, rootHash: result.rootHash };
      return result;
    },
  };
}

const entry = (i: number) => utf8(`{"entry":${i}}`);

describe("integrate", () => {
  it("grows the tree exactly as an independent recomputation, tiles and bundles included", async () => {
    const log = memoryLog();
    const reference = new MemoryHashStore();
    const leaves: Uint8Array[] = [];
    // Batches of 1 and of more than a bundle, crossing bundle boundaries (every 256 leaves, when
    // the level-1 partial tile also grows) inside a batch and exactly at its end.
    for (const count of [1, 1, 3, 250, 1, 256, 257, 7, 300]) {
      const batch = Array.from({ length: count }, (_, j) => entry(leaves.length + j));
      const oldSize = leaves.length;
      const result = await log.append(batch);
      for (const e of batch) {
        leaves.push(hashLeaf(e));
        await reference.append(hashLeaf(e));
      }
      expect(result.size).toBe(leaves.length);
      expect(result.rootHash).toEqual(treeHash(leaves));
      expect(result.leafHashes).toEqual(batch.map(hashLeaf));
      const expected = newTiles(oldSize, leaves.length);
      expect(result.tiles.map((t) => t.path)).toEqual([
        ...expected.map(formatTilePath),
        ...expected.filter((t) => t.level === 0).map((t) => formatEntryBundlePath(t)),
      ]);
      for (const tile of expected) {
        expect(log.tiles.get(formatTilePath(tile))).toEqual(await readTileData(tile, reference.read));
      }
    }
    // Every entry is in its bundle, in order.
    const all: Uint8Array[] = [];
    for (let n = 0; n * 256 < leaves.length; n++) {
      const width = Math.min(256, leaves.length - n * 256);
      all.push(...parseEntryBundle(log.tiles.get(formatEntryBundlePath({ index: n, width }))!, width));
    }
    expect(all.map(hashLeaf)).toEqual(leaves);
  });

  it("is deterministic: the same batch on the same tree gives byte-identical output", async () => {
    const a = memoryLog();
    await a.append([entry(0), entry(1), entry(2)]);
    const first = await integrate(a.head, [entry(3), entry(4)], a.io);
    const second = await integrate(a.head, [entry(3), entry(4)], a.io);
    expect(second).toEqual(first);
  });

  it("stops on a tile that does not match the committed root", async () => {
    const log = memoryLog();
    await log.append([entry(0), entry(1), entry(2)]);
    const path = "tile/0/000.p/3";
    const data = log.tiles.get(path)!.slice();
    data[0]! ^= 1;
    log.tiles.set(path, data);
    await expect(integrate(log.head, [entry(3)], log.io)).rejects.toMatchObject({ code: "INTEGRITY" });
  });

  it("stops on a stored bundle whose entries are not the logged ones", async () => {
    const log = memoryLog();
    await log.append([entry(0), entry(1)]);
    log.tiles.set("tile/entries/000.p/2", new Uint8Array([0, 1, 0x41, 0, 1, 0x42]));
    const error: unknown = await integrate(log.head, [entry(2)], log.io).catch((e: unknown) => e);
    expect(isArchiveError(error, "INTEGRITY")).toBe(true);
  });

  it("refuses an empty batch and a root the tiles cannot reach", async () => {
    const log = memoryLog();
    await log.append([entry(0)]);
    await expect(integrate(log.head, [], log.io)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const forged = { size: 1, rootHash: hashLeaf(entry(9)) };
    await expect(integrate(forged, [entry(1)], log.io)).rejects.toMatchObject({ code: "INTEGRITY" });
  });
});
