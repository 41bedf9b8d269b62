/**
 * Merkle consistency proofs: generation from stored hashes or from a leaf list, per RFC 9162
 * §2.1.4.1 (RFC 6962 §2.1.2), and verification by the exact algorithm of RFC 9162 §2.1.4.2.
 * Verification is pure and synchronous and throws IsnadError("INVALID_PROOF").
 */
import { equalBytes } from "./bytes";
import { IsnadError } from "./errors";
import { hashChildren, treeHash } from "./merkle";
import { checkProofHash, checkProofHashes, failProof as fail } from "./proof-checks";
import { readRangeHashes, type HashReader, type LeafRange } from "./stored-hashes";
import { isIndex, isOdd, isPowerOfTwo, largestPowerOfTwoBelow, shiftRight } from "./tree-math";

/**
 * The ranges whose hashes form PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (RFC 9162 §2.1.4.1),
 * deepest first. `m` stays an absolute leaf count while the recursion narrows D[lo:hi]; `whole`
 * is SUBPROOF's flag b, false once the recursion has moved right of the old tree's left edge.
 */
function consistencyRanges(m: number, n: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  let lo = 0;
  let hi = n;
  let whole = true;
  while (m !== hi) {
    const k = largestPowerOfTwoBelow(hi - lo);
    if (m - lo <= k) {
      ranges.push([lo + k, hi]);
      hi = lo + k;
    } else {
      ranges.push([lo, lo + k]);
      lo += k;
      whole = false;
    }
  }
  // SUBPROOF(m, D[m], false) = {MTH(D[m])}: the verifier does not know this subtree's hash.
  if (!whole) ranges.push([lo, hi]);
  return ranges.reverse();
}

function checkArguments(oldSize: number, newSize: number): void {
  if (!isIndex(oldSize) || !isIndex(newSize) || oldSize === 0 || oldSize > newSize) {
    throw new IsnadError("INVALID_ARGUMENT", `no consistency proof from tree size ${oldSize} to ${newSize}`);
  }
}

/** The consistency proof from the tree of `oldSize` leaves to the tree of `newSize` (0 < old ≤ new). */
export async function proveConsistency(
  oldSize: number,
  newSize: number,
  reader: HashReader,
): Promise<Uint8Array[]> {
  checkArguments(oldSize, newSize);
  return readRangeHashes(consistencyRanges(oldSize, newSize), reader);
}

/** The same proof computed from every leaf hash of the new tree (O(n log n); for tests and tools). */
export function consistencyProofFromLeaves(leafHashes: readonly Uint8Array[], oldSize: number): Uint8Array[] {
  checkArguments(oldSize, leafHashes.length);
  return consistencyRanges(oldSize, leafHashes.length).map(([lo, hi]) => treeHash(leafHashes.slice(lo, hi)));
}

/**
 * Verifies that the tree of size `size1` with root `root1` is a prefix of the tree of size `size2`
 * with root `root2`, following RFC 9162 §2.1.4.2 step by step. Returns normally or throws
 * IsnadError("INVALID_PROOF") saying what is wrong.
 *
 * The algorithm is defined for 0 < size1 < size2. For size1 = size2 the proof must be empty and
 * the roots identical. size1 = 0 is rejected: every tree extends the empty tree, so such a "proof"
 * would prove nothing, and accepting it would let any root pass as consistent.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  if (!isIndex(size1)) fail(`tree size ${size1} is not a non-negative safe integer`);
  if (!isIndex(size2)) fail(`tree size ${size2} is not a non-negative safe integer`);
  if (size1 > size2) fail(`old tree size ${size1} is larger than new tree size ${size2}`);
  if (size1 === 0) fail("a consistency proof from the empty tree proves nothing");
  checkProofHashes("consistency proof", proof);
  if (size1 === size2) {
    // The same tree: nothing to hash, so the roots are only compared (RFC 9162 §2.1.4.1: the proof
    // for m = n is empty).
    if (proof.length !== 0)
      fail(`consistency proof between equal tree sizes must be empty, got ${proof.length}`);
    if (!(root1 instanceof Uint8Array && root2 instanceof Uint8Array && equalBytes(root1, root2))) {
      fail(`two different roots for tree size ${size1}`);
    }
    return;
  }
  checkProofHash("old root hash", root1);
  checkProofHash("new root hash", root2);
  const expected = (): number => consistencyRanges(size1, size2).length;

  // Step 1.
  if (proof.length === 0) fail(`consistency proof is empty, ${expected()} hashes needed`);
  // Step 2: when the old tree is a complete subtree, the proof omits its root, already known.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  // Step 3.
  let fn = size1 - 1;
  let sn = size2 - 1;
  // Step 4.
  while (isOdd(fn)) {
    fn = shiftRight(fn, 1);
    sn = shiftRight(sn, 1);
  }
  // Step 5.
  let fr = path[0]!;
  let sr = fr;
  // Step 6.
  for (const c of path.slice(1)) {
    if (sn === 0) fail(`consistency proof has ${proof.length} hashes, more than the ${expected()} needed`);
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = shiftRight(fn, 1);
        sn = shiftRight(sn, 1);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = shiftRight(fn, 1);
    sn = shiftRight(sn, 1);
  }
  // Step 7.
  if (sn !== 0) fail(`consistency proof has ${proof.length} hashes, fewer than the ${expected()} needed`);
  if (!equalBytes(fr, root1)) fail(`consistency proof does not lead to the old root (tree size ${size1})`);
  if (!equalBytes(sr, root2)) fail(`consistency proof does not lead to the new root (tree size ${size2})`);
}
