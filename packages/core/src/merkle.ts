/**
 * RFC 6962 §2.1 / RFC 9162 §2.1.1 Merkle Tree hashing with SHA-256. The 0x00 and 0x01 prefixes
 * separate leaves from interior nodes, so no leaf can be passed off as a node (second-preimage
 * resistance of the tree).
 */
import { sha256 } from "./sha256";

/** Size in bytes of every Merkle tree hash (SHA-256). */
export const MERKLE_HASH_SIZE = 32;

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** MTH({d}) = SHA-256(0x00 ‖ d): the leaf hash of one log entry. */
export function hashLeaf(entry: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, entry);
}

/** SHA-256(0x01 ‖ left ‖ right): the hash of an interior node. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right);
}

/** MTH({}) = SHA-256(""): the root of the empty tree. */
export function emptyRoot(): Uint8Array {
  return sha256();
}

/**
 * MTH(D[n]) over leaf hashes already computed (RFC 9162 §2.1.1): the left subtree takes the
 * largest power of two strictly below n leaves, the right subtree the rest. Memory is O(log n):
 * the hashes of complete subtrees are kept on a stack and merged as they complete, then the
 * remaining stack (the maximal complete subtrees, largest first) is folded right to left.
 */
export function treeHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return emptyRoot();
  const stack: { hash: Uint8Array; size: number }[] = [];
  for (const leaf of leafHashes) {
    let node = { hash: leaf, size: 1 };
    for (let top = stack.at(-1); top !== undefined && top.size === node.size; top = stack.at(-1)) {
      stack.pop();
      node = { hash: hashChildren(top.hash, node.hash), size: node.size * 2 };
    }
    stack.push(node);
  }
  let root = stack.pop()!.hash;
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) root = hashChildren(top.hash, root);
  return root;
}
