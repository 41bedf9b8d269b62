/**
 * The log's storage port: hashes of complete subtrees, numbered as in golang.org/x/mod/sumdb/tlog
 * (see storedHashIndex in tree-math.ts). A log stores only these; any tree root, inclusion or
 * consistency proof is computed from a handful of them, and C2SP tiles are slices of them.
 */
import { IsnadError } from "./errors";
import { MERKLE_HASH_SIZE, emptyRoot, hashChildren } from "./merkle";
import { isIndex, storedHashIndex, subtreeIndexes } from "./tree-math";

export { splitStoredHashIndex, storedHashCount, storedHashIndex } from "./tree-math";

/**
 * Reads stored hashes by index. Must resolve to exactly one 32-byte hash per requested index, in
 * the same order; indexes may repeat. Implementations: a record store, tiles (createTileHashReader),
 * or MemoryHashStore in tests.
 */
export type HashReader = (indexes: readonly number[]) => Promise<Uint8Array[]>;

/** A range of leaves [lo, hi) whose Merkle Tree Hash MTH(D[lo:hi]) is wanted. */
export type LeafRange = readonly [lo: number, hi: number];

/** Calls the reader and checks that it kept its contract, so a faulty store cannot forge proofs. */
export async function readStoredHashes(
  reader: HashReader,
  indexes: readonly number[],
): Promise<Uint8Array[]> {
  if (indexes.length === 0) return [];
  const hashes = await reader(indexes);
  if (hashes.length !== indexes.length) {
    throw new IsnadError(
      "INVALID_ARGUMENT",
      `hash reader returned ${hashes.length} hashes for ${indexes.length} indexes`,
    );
  }
  for (const [i, hash] of hashes.entries()) {
    if (!(hash instanceof Uint8Array) || hash.length !== MERKLE_HASH_SIZE) {
      throw new IsnadError(
        "INVALID_ARGUMENT",
        `hash reader returned a malformed hash for index ${indexes[i]}`,
      );
    }
  }
  return hashes;
}

/**
 * MTH(D[lo:hi]) for each range, with a single read of all the stored hashes involved. Ranges must
 * be the ones RFC 9162's recursions produce (lo aligned to the largest power of two ≤ hi − lo).
 */
export async function readRangeHashes(
  ranges: readonly LeafRange[],
  reader: HashReader,
): Promise<Uint8Array[]> {
  const plans = ranges.map(([lo, hi]) => subtreeIndexes(lo, hi));
  const hashes = await readStoredHashes(reader, plans.flat());
  let next = 0;
  return plans.map((plan) => {
    const parts = hashes.slice(next, (next += plan.length));
    // The complete subtrees of a range are largest first; MTH folds them right to left.
    let hash = parts.pop()!;
    for (let part = parts.pop(); part !== undefined; part = parts.pop()) hash = hashChildren(part, hash);
    return hash;
  });
}

/** The root hash of the tree of the first `treeSize` leaves, from stored hashes. */
export async function readTreeHash(treeSize: number, reader: HashReader): Promise<Uint8Array> {
  if (!isIndex(treeSize)) throw new IsnadError("INVALID_ARGUMENT", `not a tree size: ${treeSize}`);
  if (treeSize === 0) return emptyRoot();
  const [root] = await readRangeHashes([[0, treeSize]], reader);
  return root!;
}

/**
 * The hashes to store when appending leaf `index` (the tree has `index` leaves before): its leaf
 * hash, then one hash per subtree it completes, lowest first — in stored-index order starting at
 * storedHashIndex(0, index). Reads the left siblings it needs from `reader`.
 */
export async function storedHashes(
  index: number,
  leafHash: Uint8Array,
  reader: HashReader,
): Promise<Uint8Array[]> {
  if (!isIndex(index)) throw new IsnadError("INVALID_ARGUMENT", `not a leaf index: ${index}`);
  if (leafHash.length !== MERKLE_HASH_SIZE) {
    throw new IsnadError(
      "INVALID_ARGUMENT",
      `leaf hash must be ${MERKLE_HASH_SIZE} bytes, got ${leafHash.length}`,
    );
  }
  // Leaf `index` completes one subtree per trailing 1 bit of `index`; the subtree of level l + 1
  // joins the level-l subtree just completed with its left sibling, level-l subtree number
  // floor(index / 2^l) − 1.
  const siblings: number[] = [];
  for (let level = 0, n = index; n % 2 === 1; level++, n = Math.floor(n / 2)) {
    siblings.push(storedHashIndex(level, n - 1));
  }
  const left = await readStoredHashes(reader, siblings);
  const out = [leafHash];
  let hash = leafHash;
  for (const sibling of left) {
    hash = hashChildren(sibling, hash);
    out.push(hash);
  }
  return out;
}

/**
 * An in-memory hash store, for tests and tools: appends leaves and serves the HashReader port.
 * Not for production (the archive keeps stored hashes durably, see DESIGN.md).
 */
export class MemoryHashStore {
  private readonly hashes: Uint8Array[] = [];
  private leaves = 0;
  private tail: Promise<unknown> = Promise.resolve();

  /** Number of leaves appended. */
  get size(): number {
    return this.leaves;
  }

  readonly read: HashReader = async (indexes) => {
    const limit = this.hashes.length;
    return indexes.map((i) => {
      const hash = isIndex(i) && i < limit ? this.hashes[i] : undefined;
      if (hash === undefined) throw new IsnadError("INVALID_ARGUMENT", `no stored hash ${i} among ${limit}`);
      return hash;
    });
  };

  /** Appends one leaf hash; returns its leaf index. Concurrent calls are applied in call order. */
  append(leafHash: Uint8Array): Promise<number> {
    const result = this.tail.then(async () => {
      const index = this.leaves;
      this.hashes.push(...(await storedHashes(index, leafHash, this.read)));
      this.leaves++;
      return index;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
