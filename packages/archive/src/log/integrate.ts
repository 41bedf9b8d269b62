/**
 * integrate(): the tree arithmetic of appending one batch, with its I/O passed in (Tessera's
 * shape). From the committed tree (size, root) and the batch's entries it computes the new root,
 * every hash tile and entry bundle that appears (C2SP tlog-tiles), and checks — before anything
 * is signed — that the new tree extends the old one (RFC 9162 §2.1.4 consistency).
 *
 * Everything it reads of the old tree is authenticated against the old root (core's tile hash
 * reader), so a corrupted or substituted tile in S3 stops the log instead of forking it. Its
 * output is a function of (old tree, entries) alone: running it twice — after a crash, or by two
 * integrators racing — yields byte-identical tiles, which is what lets every tile be written
 * create-if-absent.
 */
import {
  TILE_WIDTH,
  createTileHashReader,
  equalBytes,
  formatEntryBundle,
  formatEntryBundlePath,
  formatTilePath,
  hashLeaf,
  isIsnadError,
  newTiles,
  parseEntryBundle,
  proveConsistency,
  proveInclusion,
  readTileData,
  readTreeHash,
  storedHashCount,
  storedHashIndex,
  storedHashes,
  verifyConsistency,
  type EntryBundleTile,
  type HashReader,
  type Tile,
} from "@isnad/core";
import { ArchiveError } from "../errors";

export interface TreeHead {
  readonly size: number;
  readonly rootHash: Uint8Array;
}

export interface IntegrateIo {
  /** The data of a tile of the old tree (it must exist: it was written before the old CAS). */
  readTile(tile: Tile): Promise<Uint8Array>;
  /** The data of an entry bundle of the old tree. */
  readBundle(bundle: EntryBundleTile): Promise<Uint8Array>;
  /**
   * Maps an error from reading stored data (core's INVALID_TILE: a tile that does not
   * authenticate, a bundle that does not parse) to what it means here; default: INTEGRITY.
   */
  damaged?(error: unknown): unknown;
}

export interface TileWrite {
  /** The tlog-tiles path, e.g. `tile/0/001.p/7` or `tile/entries/001.p/7`. */
  readonly path: string;
  readonly data: Uint8Array;
  /** Full tiles never change; partial ones are superseded by wider ones. */
  readonly full: boolean;
}

export interface Integration extends TreeHead {
  readonly leafHashes: readonly Uint8Array[];
  /**
   * The inclusion proof of each new leaf in the new tree (RFC 9162 §2.1.3): stored with its leaf
   * index item, it lets an appender in another process build its receipt without reading tiles.
   */
  readonly proofs: readonly (readonly Uint8Array[])[];
  /** Hash tiles then entry bundles, bottom level first. */
  readonly tiles: readonly TileWrite[];
}

function integrity(message: string, cause?: unknown): ArchiveError {
  return new ArchiveError("INTEGRITY", message, { cause });
}

export async function integrate(
  old: TreeHead,
  entries: readonly Uint8Array[],
  io: IntegrateIo,
): Promise<Integration> {
  if (entries.length === 0) throw new ArchiveError("BAD_REQUEST", "an empty batch has nothing to integrate");
  const oldCount = storedHashCount(old.size);
  // The old tree's tiles are our own stored data: one that fails authentication is damage.
  const damaged = (error: unknown) =>
    io.damaged?.(error) ??
    (isIsnadError(error, "INVALID_TILE")
      ? integrity(`the stored log is damaged: ${error.message}`, error)
      : error);
  const tileReader =
    old.size === 0 ? undefined : createTileHashReader(old.size, old.rootHash, (tile) => io.readTile(tile));
  const oldReader: HashReader = async (indexes) => {
    if (tileReader === undefined) throw integrity("the empty tree has no stored hashes");
    try {
      return await tileReader(indexes);
    } catch (error) {
      throw damaged(error);
    }
  };
  const added: Uint8Array[] = [];
  // Old hashes come from authenticated tiles, new ones from memory, in stored-hash order.
  const reader: HashReader = async (indexes) => {
    const wanted = indexes.filter((i) => i < oldCount);
    const fromTiles = wanted.length > 0 ? await oldReader(wanted) : [];
    let next = 0;
    return indexes.map((i) => {
      if (i < oldCount) return fromTiles[next++]!;
      const hash = added[i - oldCount];
      if (hash === undefined) throw integrity(`stored hash ${i} is not computed yet`);
      return hash;
    });
  };

  const leafHashes = entries.map(hashLeaf);
  for (const [i, leafHash] of leafHashes.entries()) {
    added.push(...(await storedHashes(old.size + i, leafHash, reader)));
  }
  const size = old.size + entries.length;
  const rootHash = await readTreeHash(size, reader);
  if (old.size > 0) await checkExtends(old, { size, rootHash }, reader);
  const proofs: Uint8Array[][] = [];
  for (let i = 0; i < entries.length; i++) proofs.push(await proveInclusion(old.size + i, size, reader));

  const tiles: TileWrite[] = [];
  const bundles: TileWrite[] = [];
  for (const tile of newTiles(old.size, size)) {
    tiles.push({
      path: formatTilePath(tile),
      data: await readTileData(tile, reader),
      full: tile.width === TILE_WIDTH,
    });
    if (tile.level === 0) {
      bundles.push(
        await bundleFor(tile, old.size, entries, reader, io).catch((error: unknown) => {
          throw damaged(error);
        }),
      );
    }
  }
  return { size, rootHash, leafHashes, proofs, tiles: [...tiles, ...bundles] };
}

/** Refuses to go on unless the new tree provably extends the old one (no fork is ever signed). */
async function checkExtends(old: TreeHead, next: TreeHead, reader: HashReader): Promise<void> {
  try {
    const proof = await proveConsistency(old.size, next.size, reader);
    verifyConsistency(old.size, next.size, proof, old.rootHash, next.rootHash);
  } catch (cause) {
    if (!isIsnadError(cause, "INVALID_PROOF")) throw cause;
    throw integrity(`the tree of size ${next.size} does not extend the committed one of ${old.size}`, cause);
  }
}

/** The entry bundle under level-0 tile `tile`: old entries from the stored bundle, then new ones. */
async function bundleFor(
  tile: Tile,
  oldSize: number,
  entries: readonly Uint8Array[],
  reader: HashReader,
  io: IntegrateIo,
): Promise<TileWrite> {
  const first = tile.index * TILE_WIDTH;
  const kept = Math.max(0, oldSize - first);
  let oldEntries: Uint8Array[] = [];
  if (kept > 0) {
    const bundle = { index: tile.index, width: kept };
    oldEntries = parseEntryBundle(await io.readBundle(bundle), kept);
    // Bundles are not covered by the root the way tiles are: check each entry against its
    // authenticated leaf hash, so that a bad stored bundle is never copied into a new one.
    const expected = await reader(oldEntries.map((_, j) => storedHashIndex(0, first + j)));
    oldEntries.forEach((entry, j) => {
      if (!equalBytes(hashLeaf(entry), expected[j]!)) {
        throw integrity(
          `entry ${first + j} in ${formatEntryBundlePath(bundle)} does not match its leaf hash`,
        );
      }
    });
  }
  const fresh = entries.slice(Math.max(0, first - oldSize), first + tile.width - oldSize);
  const bundle = { index: tile.index, width: tile.width };
  return {
    path: formatEntryBundlePath(bundle),
    data: formatEntryBundle([...oldEntries, ...fresh]),
    full: tile.width === TILE_WIDTH,
  };
}
