/**
 * C2SP tlog-tiles arithmetic (https://c2sp.org/tlog-tiles, "Merkle Tree"): which tiles a tree
 * has, which tile holds a given hash, and how to read a hash out of a tile. Modelled on the tile
 * functions of golang.org/x/mod/sumdb/tlog, with tile height fixed at 8.
 *
 * The n-th tile at tile level L holds the hashes n·256 … n·256 + W − 1 at tree level 8L. The tree
 * levels 8L + 1 … 8L + 7 in between are not stored: they are recomputed by hashing the tile.
 */
import { concatBytes } from "./bytes";
import { IsnadError } from "./errors";
import { MERKLE_HASH_SIZE, treeHash } from "./merkle";
import { readStoredHashes, type HashReader } from "./stored-hashes";
import { TILE_HEIGHT, TILE_WIDTH, formatTilePath, type Tile } from "./tile-path";
import { isIndex, shiftLeft, shiftRight, splitStoredHashIndex, storedHashIndex } from "./tree-math";

/** The smallest tile holding the level-`level` hash number `n` (for level mod 8 > 0, its span). */
export function tileForHash(level: number, n: number): Tile {
  storedHashIndex(level, n); // validates level and n
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const span = 2 ** (level - tileLevel * TILE_HEIGHT);
  // The hash covers `span` consecutive hashes at the tile's bottom level, starting at n·span.
  const first = n * span;
  const index = Math.floor(first / TILE_WIDTH);
  return { level: tileLevel, index, width: first - index * TILE_WIDTH + span };
}

/** The smallest tile holding stored hash `storedIndex` (Go's tlog.TileForIndex). */
export function tileForStoredHash(storedIndex: number): Tile {
  const { level, n } = splitStoredHashIndex(storedIndex);
  return tileForHash(level, n);
}

/** How many hashes tile `index` at `level` has in a tree of `treeSize` leaves (may be ≤ 0). */
export function tileWidthInTree(level: number, index: number, treeSize: number): number {
  const hashes = shiftRight(treeSize, TILE_HEIGHT * level);
  return Math.min(TILE_WIDTH, hashes - index * TILE_WIDTH);
}

/** Tile `index` at `level` as a tree of `treeSize` leaves has it: full, partial, or undefined. */
export function tileInTree(level: number, index: number, treeSize: number): Tile | undefined {
  if (!isIndex(treeSize)) throw new IsnadError("INVALID_ARGUMENT", `not a tree size: ${treeSize}`);
  const width = tileWidthInTree(level, index, treeSize);
  return width > 0 ? { level, index, width } : undefined;
}

/**
 * The tiles that appear or change when the tree grows from `oldSize` to `newSize` leaves, bottom
 * level first (Go's tlog.NewTiles): the full tiles completed, then at each level the new partial
 * tile of the right edge, of width floor(newSize / 256^L) mod 256 (tlog-tiles "Partial Tiles").
 * newTiles(0, size) lists every tile of a tree; keep it to small trees.
 */
export function newTiles(oldSize: number, newSize: number): Tile[] {
  if (!isIndex(oldSize) || !isIndex(newSize) || oldSize > newSize) {
    throw new IsnadError("INVALID_ARGUMENT", `tree cannot grow from size ${oldSize} to ${newSize}`);
  }
  const tiles: Tile[] = [];
  for (let level = 0; shiftRight(newSize, TILE_HEIGHT * level) > 0; level++) {
    const oldHashes = shiftRight(oldSize, TILE_HEIGHT * level);
    const newHashes = shiftRight(newSize, TILE_HEIGHT * level);
    if (oldHashes === newHashes) continue;
    const lastFull = Math.floor(newHashes / TILE_WIDTH);
    // The tile that was partial (or absent) at oldSize is where the changes start.
    for (let index = Math.floor(oldHashes / TILE_WIDTH); index < lastFull; index++) {
      tiles.push({ level, index, width: TILE_WIDTH });
    }
    const width = newHashes % TILE_WIDTH;
    if (width > 0) tiles.push({ level, index: lastFull, width });
  }
  return tiles;
}

/** Splits tile data into its hashes, checking that it is exactly `tile.width` hashes long. */
export function parseTileData(tile: Tile, data: Uint8Array): Uint8Array[] {
  if (!(data instanceof Uint8Array) || data.length !== tile.width * MERKLE_HASH_SIZE) {
    const length = data instanceof Uint8Array ? `${data.length} bytes` : "not bytes";
    throw new IsnadError(
      "INVALID_TILE",
      `tile ${formatTilePath(tile)} is ${length}, expected ${tile.width * MERKLE_HASH_SIZE}`,
    );
  }
  return Array.from({ length: tile.width }, (_, i) =>
    data.slice(i * MERKLE_HASH_SIZE, (i + 1) * MERKLE_HASH_SIZE),
  );
}

/** Stored hash `storedIndex`, read (or recomputed from its span) out of `tile`'s data. */
export function hashFromTile(tile: Tile, data: Uint8Array, storedIndex: number): Uint8Array {
  const hashes = parseTileData(tile, data);
  const needed = tileForStoredHash(storedIndex);
  if (needed.level !== tile.level || needed.index !== tile.index || needed.width > tile.width) {
    throw new IsnadError(
      "INVALID_ARGUMENT",
      `stored hash ${storedIndex} is not in tile ${formatTilePath(tile)}`,
    );
  }
  const { level } = splitStoredHashIndex(storedIndex);
  const span = 2 ** (level - tile.level * TILE_HEIGHT);
  // A span of 2^r bottom hashes is a complete subtree: its MTH is the wanted hash.
  return treeHash(hashes.slice(needed.width - span, needed.width));
}

/** The data of `tile`, from stored hashes: what a log writes at formatTilePath(tile). */
export async function readTileData(tile: Tile, reader: HashReader): Promise<Uint8Array> {
  formatTilePath(tile); // validates the tile
  const level = tile.level * TILE_HEIGHT;
  const first = shiftLeft(tile.index, TILE_HEIGHT);
  const indexes = Array.from({ length: tile.width }, (_, i) => storedHashIndex(level, first + i));
  return concatBytes(...(await readStoredHashes(reader, indexes)));
}
