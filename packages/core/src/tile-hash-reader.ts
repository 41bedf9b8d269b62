/**
 * A HashReader on top of C2SP tlog-tiles, for clients (auditors, mirrors, the browser) that hold
 * a verified checkpoint and want proofs computed from the log's public tiles. Modelled on Go's
 * tlog.TileHashReader: every tile used is authenticated before any hash is taken from it.
 *
 * Authentication: the "root tiles" (those holding the maximal complete subtrees of the tree) must
 * hash to the checkpoint's root; every other tile is full, and its hash must equal the entry for
 * it in its parent tile, which is itself a root tile or authenticated the same way. So a tile
 * server can withhold data, never substitute it.
 */
import { equalBytes } from "./bytes";
import { IsnadError } from "./errors";
import { MERKLE_HASH_SIZE, hashChildren, treeHash } from "./merkle";
import type { HashReader } from "./stored-hashes";
import { TILE_HEIGHT, TILE_WIDTH, formatTilePath, type Tile } from "./tile-path";
import { hashFromTile, parseTileData, tileForStoredHash, tileWidthInTree } from "./tiles";
import { isIndex, storedHashCount, storedHashIndex, subtreeIndexes } from "./tree-math";

/**
 * Fetches the data of one tile (e.g. GET <prefix>/tile/<L>/<N>[.p/<W>]). It must resolve to
 * exactly tile.width hashes; when a partial tile is gone because the full tile replaced it
 * (tlog-tiles "Partial Tiles"), it may fetch the full tile and return its first tile.width hashes.
 */
export type TileFetcher = (tile: Tile) => Promise<Uint8Array>;

/**
 * A HashReader over the tiles of the tree of `treeSize` leaves whose root is `rootHash` (taken
 * from a verified checkpoint). Verified tiles are kept for the lifetime of the reader. Fails with
 * INVALID_TILE if a fetched tile is malformed or does not match the root.
 */
export function createTileHashReader(
  treeSize: number,
  rootHash: Uint8Array,
  fetchTile: TileFetcher,
): HashReader {
  if (!isIndex(treeSize)) throw new IsnadError("INVALID_ARGUMENT", `not a tree size: ${treeSize}`);
  if (!(rootHash instanceof Uint8Array) || rootHash.length !== MERKLE_HASH_SIZE) {
    throw new IsnadError("INVALID_ARGUMENT", `root hash must be ${MERKLE_HASH_SIZE} bytes`);
  }
  // The tile of the tree (full or partial) that holds a stored hash.
  const holding = (storedIndex: number): Tile => {
    const { level, index } = tileForStoredHash(storedIndex);
    return { level, index, width: tileWidthInTree(level, index, treeSize) };
  };
  const parentOf = ({ level, index }: Tile): Tile => {
    const parentIndex = Math.floor(index / TILE_WIDTH);
    return { level: level + 1, index: parentIndex, width: tileWidthInTree(level + 1, parentIndex, treeSize) };
  };
  const limit = storedHashCount(treeSize);
  const rootIndexes = treeSize > 0 ? subtreeIndexes(0, treeSize) : [];
  const rootTiles = rootIndexes.map(holding);
  const verified = new Map<string, Uint8Array>();

  return async (indexes) => {
    for (const x of indexes) {
      if (!isIndex(x) || x >= limit) {
        throw new IsnadError("INVALID_ARGUMENT", `stored hash ${x} is not in a tree of size ${treeSize}`);
      }
    }
    // Plan: the unverified root tiles, then for each index its tile and the chain of parents up
    // to a tile that is verified or already planned. Partial tiles are always root tiles, so
    // every tile whose parent is taken is full, and every chain ends at a root tile.
    const plan = new Map<string, Tile>();
    const parents = new Map<string, Tile>();
    for (const tile of rootTiles) {
      const path = formatTilePath(tile);
      if (!verified.has(path)) plan.set(path, tile);
    }
    const indexTiles = indexes.map((x) => {
      const tile = holding(x);
      for (let t = tile, path = formatTilePath(t); !verified.has(path) && !plan.has(path);) {
        plan.set(path, t);
        const parent = parentOf(t);
        parents.set(path, parent);
        [t, path] = [parent, formatTilePath(parent)];
      }
      return tile;
    });

    const fetched = new Map<string, Uint8Array>();
    await Promise.all(
      [...plan].map(async ([path, tile]) => {
        const data = await fetchTile(tile);
        parseTileData(tile, data); // checks the length
        fetched.set(path, data.slice()); // a copy: what was verified cannot change afterwards
      }),
    );
    const dataOf = (tile: Tile): Uint8Array => {
      const path = formatTilePath(tile);
      return (fetched.get(path) ?? verified.get(path))!;
    };

    if (rootTiles.some((t) => fetched.has(formatTilePath(t)))) {
      // MTH of the whole tree: fold the maximal subtrees right to left (RFC 9162 §2.1.1).
      let root = hashFromTile(rootTiles.at(-1)!, dataOf(rootTiles.at(-1)!), rootIndexes.at(-1)!);
      for (let i = rootTiles.length - 2; i >= 0; i--) {
        root = hashChildren(hashFromTile(rootTiles[i]!, dataOf(rootTiles[i]!), rootIndexes[i]!), root);
      }
      if (!equalBytes(root, rootHash)) {
        throw new IsnadError("INVALID_TILE", `tiles do not match the root of the tree of size ${treeSize}`);
      }
    }
    for (const [path, parent] of parents) {
      const tile = plan.get(path)!;
      const expected = hashFromTile(
        parent,
        dataOf(parent),
        storedHashIndex((tile.level + 1) * TILE_HEIGHT, tile.index),
      );
      if (!equalBytes(treeHash(parseTileData(tile, dataOf(tile))), expected)) {
        throw new IsnadError(
          "INVALID_TILE",
          `tile ${path} does not match its parent tile ${formatTilePath(parent)}`,
        );
      }
    }
    for (const [path, data] of fetched) verified.set(path, data);
    return indexes.map((x, i) => hashFromTile(indexTiles[i]!, dataOf(indexTiles[i]!), x));
  };
}
