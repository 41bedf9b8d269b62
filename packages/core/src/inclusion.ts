/**
 * Merkle inclusion proofs (audit paths): generation from stored hashes or from a leaf list, per
 * RFC 9162 §2.1.3.1 (RFC 6962 §2.1.1), and verification by the exact algorithm of RFC 9162
 * §2.1.3.2. Verification is pure and synchronous and throws IsnadError("INVALID_PROOF").
 */
import { equalBytes } from "./bytes";
import { IsnadError } from "./errors";
import { hashChildren, treeHash } from "./merkle";
import { checkProofHash, checkProofHashes, failProof as fail } from "./proof-checks";
import { readRangeHashes, type HashReader, type LeafRange } from "./stored-hashes";
import { isIndex, isOdd, largestPowerOfTwoBelow, shiftRight } from "./tree-math";

/**
 * The ranges whose hashes form PATH(index, D[lo:hi]), leaf side first: RFC 9162 §2.1.3.1 recurses
 * into the half holding the leaf and appends the MTH of the other half after the deeper path.
 */
function inclusionRanges(index: number, treeSize: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  let lo = 0;
  let hi = treeSize;
  while (hi - lo > 1) {
    const k = largestPowerOfTwoBelow(hi - lo);
    if (index < lo + k) {
      ranges.push([lo + k, hi]);
      hi = lo + k;
    } else {
      ranges.push([lo, lo + k]);
      lo += k;
    }
  }
  return ranges.reverse();
}

function checkArguments(index: number, treeSize: number): void {
  if (!isIndex(index) || !isIndex(treeSize) || index >= treeSize) {
    throw new IsnadError("INVALID_ARGUMENT", `no leaf ${index} in a tree of size ${treeSize}`);
  }
}

/** The inclusion proof of leaf `leafIndex` in the tree of the first `treeSize` leaves. */
export async function proveInclusion(
  leafIndex: number,
  treeSize: number,
  reader: HashReader,
): Promise<Uint8Array[]> {
  checkArguments(leafIndex, treeSize);
  return readRangeHashes(inclusionRanges(leafIndex, treeSize), reader);
}

/** The same proof computed from every leaf hash of the tree (O(n log n); for tests and tools). */
export function inclusionProofFromLeaves(leafHashes: readonly Uint8Array[], leafIndex: number): Uint8Array[] {
  checkArguments(leafIndex, leafHashes.length);
  return inclusionRanges(leafIndex, leafHashes.length).map(([lo, hi]) => treeHash(leafHashes.slice(lo, hi)));
}

/**
 * Verifies that `leafHash` is leaf `leafIndex` of the tree of size `treeSize` whose root is
 * `rootHash`, following RFC 9162 §2.1.3.2 step by step. Returns normally or throws
 * IsnadError("INVALID_PROOF") saying what is wrong.
 */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  rootHash: Uint8Array,
): void {
  if (!isIndex(leafIndex)) fail(`leaf index ${leafIndex} is not a non-negative safe integer`);
  if (!isIndex(treeSize)) fail(`tree size ${treeSize} is not a non-negative safe integer`);
  // Step 1.
  if (leafIndex >= treeSize) fail(`leaf index ${leafIndex} is not below tree size ${treeSize}`);
  checkProofHash("leaf hash", leafHash);
  checkProofHash("root hash", rootHash);
  checkProofHashes("inclusion proof", proof);
  const expected = (): number => inclusionRanges(leafIndex, treeSize).length;

  // Steps 2 and 3.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  // Step 4.
  for (const p of proof) {
    if (sn === 0) fail(`inclusion proof has ${proof.length} hashes, more than the ${expected()} needed`);
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = shiftRight(fn, 1);
        sn = shiftRight(sn, 1);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = shiftRight(fn, 1);
    sn = shiftRight(sn, 1);
  }
  // Step 5.
  if (sn !== 0) fail(`inclusion proof has ${proof.length} hashes, fewer than the ${expected()} needed`);
  if (!equalBytes(r, rootHash))
    fail(`leaf ${leafIndex} and its inclusion proof do not lead to the root hash`);
}
