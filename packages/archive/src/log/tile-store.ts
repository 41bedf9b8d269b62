/**
 * The log's tiles and entry bundles in the object store, at `log/<tlog-tiles path>`. Every path
 * names one immutable resource — a partial tile of width W is its own path, and a later, wider
 * one gets another — so all of them are written create-if-absent, and any of them may be cached
 * in memory forever. A cached tile is still authenticated against a root by whoever uses it.
 */
import {
  createTileHashReader,
  formatEntryBundlePath,
  formatTilePath,
  isIsnadError,
  sha256,
  type EntryBundleTile,
  type HashReader,
  type Tile,
} from "@isnad/core";
import { ArchiveError, isArchiveError } from "../errors";
import type { ObjectStore } from "../ports";
import { logObjectKey } from "./log-keys";
import type { TileWrite } from "./integrate";

const TILE_CONTENT_TYPE = "application/octet-stream";

export class TileStore {
  private readonly cache = new Map<string, Uint8Array>();

  constructor(
    private readonly objects: ObjectStore,
    /** Tiles kept in memory (about 8 KiB each, bundles more); the oldest go first. */
    private readonly cacheSize = 512,
  ) {}

  /** A tile or bundle by its tlog-tiles path, or undefined when there is none. */
  async read(path: string): Promise<Uint8Array | undefined> {
    const cached = this.cache.get(path);
    if (cached !== undefined) return cached;
    const data = await this.objects.get(logObjectKey(path));
    if (data !== undefined) this.remember(path, data);
    return data;
  }

  readTile = (tile: Tile): Promise<Uint8Array> => this.readExisting(formatTilePath(tile));

  readBundle = (bundle: EntryBundleTile): Promise<Uint8Array> =>
    this.readExisting(formatEntryBundlePath(bundle));

  /**
   * Core's tile hash reader over these tiles for the committed tree (size, root). A stored tile
   * that does not authenticate is damage in our own storage, not a client's mistake: core's
   * INVALID_TILE becomes INTEGRITY (a 500, never a 400), and the cache is dropped so that a
   * repaired tile, or one read while it was being written, is read afresh next time.
   */
  hashReader(size: number, rootHash: Uint8Array, onFetch?: () => void): HashReader {
    const fetch = onFetch === undefined ? this.readTile : (tile: Tile) => (onFetch(), this.readTile(tile));
    const reader = createTileHashReader(size, rootHash, fetch);
    return async (indexes) => {
      try {
        return await reader(indexes);
      } catch (error) {
        throw this.damaged(error);
      }
    };
  }

  /** INVALID_TILE from data read out of this store, as INTEGRITY (anything else unchanged). */
  damaged = (error: unknown): unknown => {
    if (!isIsnadError(error, "INVALID_TILE")) return error;
    this.cache.clear();
    return new ArchiveError("INTEGRITY", `the log's stored tiles are damaged: ${error.message}`, {
      cause: error,
    });
  };

  /**
   * Writes tiles create-if-absent. A path that already holds other bytes (CONFLICT) means two
   * different trees were being built at the same size: the log stops with INTEGRITY rather than
   * build on either.
   */
  async write(tiles: readonly TileWrite[], concurrency = 8): Promise<void> {
    let next = 0;
    const worker = async () => {
      for (let tile = tiles[next++]; tile !== undefined; tile = tiles[next++]) {
        try {
          await this.objects.putImmutable(logObjectKey(tile.path), tile.data, {
            contentType: TILE_CONTENT_TYPE,
            sha256: sha256(tile.data),
          });
        } catch (error) {
          if (!isArchiveError(error, "CONFLICT")) throw error;
          throw new ArchiveError("INTEGRITY", `log tile ${tile.path} already holds different bytes`, {
            cause: error,
          });
        }
        this.remember(tile.path, tile.data);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, tiles.length) }, worker));
  }

  private async readExisting(path: string): Promise<Uint8Array> {
    const data = await this.read(path);
    // Tiles of a committed tree are written before its state CAS, so a missing one is damage.
    if (data === undefined) throw new ArchiveError("INTEGRITY", `log tile ${path} is missing`);
    return data;
  }

  private remember(path: string, data: Uint8Array): void {
    this.cache.delete(path);
    this.cache.set(path, data);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }
}
