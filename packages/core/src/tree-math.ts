/**
 * Integer helpers for Merkle tree arithmetic. Tree sizes and indexes are JavaScript numbers, exact
 * up to 2^53 - 1; the bitwise operators of JavaScript truncate to 32 bits, so shifts here are
 * written as divisions and multiplications by powers of two, which stay exact for safe integers.
 * Internal to @isnad/core (not exported from the package).
 */
import { IsnadError } from "./errors";

function invalid(message: string): IsnadError {
  return new IsnadError("INVALID_ARGUMENT", message);
}

/** A non-negative safe integer: what every tree size, leaf index and stored-hash index must be. */
export function isIndex(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

/** floor(n / 2^k) for a non-negative safe integer n. */
export function shiftRight(n: number, k: number): number {
  return Math.floor(n / 2 ** k);
}

/** n * 2^k; the caller keeps the result safe. */
export function shiftLeft(n: number, k: number): number {
  return n * 2 ** k;
}

export function isOdd(n: number): boolean {
  return n % 2 === 1;
}

/** The largest power of two strictly less than n (RFC 9162 §2.1.1's k), for n ≥ 2. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** log2 of the largest power of two that is ≤ n, for n ≥ 1. */
export function floorLog2(n: number): number {
  let level = 0;
  while (2 ** (level + 1) <= n) level++;
  return level;
}

export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && 2 ** floorLog2(n) === n;
}

/*
 * Stored hashes (the numbering of golang.org/x/mod/sumdb/tlog): every complete subtree of the log
 * has one hash, stored in the order the subtrees complete. Appending leaf m stores its leaf hash
 * and then, lowest first, the hash of every subtree that leaf m completes (one per trailing 1 bit
 * of m). So leaf 0 → [h(0)], leaf 1 → [h(1), h(0..1)], leaf 2 → [h(2)], leaf 3 → [h(3), h(2..3),
 * h(0..3)], …, and a tree of size s holds Σ_{l≥0} floor(s / 2^l) stored hashes.
 */

const MAX_LEVEL = 62; // 2^63 leaves is far beyond the 2^53 a JavaScript number counts exactly

/** Index in storage of the hash of the n-th complete subtree at `level` (level 0 = leaves). */
export function storedHashIndex(level: number, n: number): number {
  if (!Number.isInteger(level) || level < 0 || level > MAX_LEVEL || !isIndex(n)) {
    throw invalid(`no stored hash at level ${level}, index ${n}`);
  }
  // The subtree's last leaf is m = (n + 1)·2^level − 1. Appending m stores its leaf hash right
  // after the hashes of the tree of size m, then the subtrees m completes, lowest level first.
  const m = shiftLeft(n + 1, level) - 1;
  const index = countStoredHashes(m) + level;
  if (!Number.isSafeInteger(index)) throw invalid(`stored hash index of level ${level}, ${n} overflows`);
  return index;
}

/** Σ_{l≥0} floor(size / 2^l): the number of complete subtrees of any level in a tree of `size`. */
function countStoredHashes(size: number): number {
  let count = 0;
  for (let x = size; x > 0; x = shiftRight(x, 1)) count += x;
  return count;
}

/** The inverse of storedHashIndex. */
export function splitStoredHashIndex(index: number): { level: number; n: number } {
  if (!isIndex(index)) throw invalid(`not a stored hash index: ${index}`);
  // Leaf m's hash is stored at countStoredHashes(m) ∈ [m, 2m], so the leaf whose append stored
  // `index` is at least index / 2; walk forward to it (at most log2(index) steps).
  let m = shiftRight(index, 1);
  let start = countStoredHashes(m);
  for (let next = start + 1 + trailingOnes(m); next <= index; next = start + 1 + trailingOnes(m)) {
    m++;
    start = next;
  }
  const level = index - start;
  return { level, n: shiftRight(m, level) };
}

function trailingOnes(m: number): number {
  let count = 0;
  for (let x = m; isOdd(x); x = shiftRight(x, 1)) count++;
  return count;
}

/** How many hashes a tree of `treeSize` leaves stores: one per complete subtree of any level. */
export function storedHashCount(treeSize: number): number {
  if (!isIndex(treeSize)) throw invalid(`not a tree size: ${treeSize}`);
  const count = countStoredHashes(treeSize);
  if (!Number.isSafeInteger(count)) throw invalid(`stored hash count of tree size ${treeSize} overflows`);
  return count;
}

/**
 * The stored indexes of the maximal complete subtrees that make up D[lo:hi], largest (leftmost)
 * first. MTH(D[lo:hi]) folds their hashes right to left. Only ranges that occur in RFC 9162's
 * recursions (lo aligned to the largest power of two ≤ hi − lo) are accepted.
 */
export function subtreeIndexes(lo: number, hi: number): number[] {
  if (!isIndex(lo) || !isIndex(hi) || lo >= hi) throw invalid(`not a subtree range: [${lo}, ${hi})`);
  const out: number[] = [];
  while (lo < hi) {
    const level = floorLog2(hi - lo);
    const size = 2 ** level;
    if (lo % size !== 0) throw invalid(`[${lo}, ${hi}) is not a Merkle subtree range`);
    out.push(storedHashIndex(level, lo / size));
    lo += size;
  }
  return out;
}
