/**
 * The inclusion proof a leaf index item carries: the leaf's audit path (RFC 9162 §2.1.3) in the
 * tree its batch committed, as `proofSize` and `proof` (the hashes concatenated). An appender in
 * another process learns its leaf index from that item (log-writer.ts polls it), and while that
 * tree is still the log's head its receipt needs no tile read: at 64 writers those reads were 1.3
 * S3 GETs per append, made by every waiter right after each commit (issue #15).
 *
 * It is a hint, never trusted: the reader checks it against the signed root before it goes into a
 * receipt (log-reader.ts), and falls back to the tiles when it does not verify.
 */
import { MERKLE_HASH_SIZE } from "@isnad/core";
import type { ItemValue } from "../ports";

/** More hashes than any tree of 2^64 leaves has in one audit path. */
const MAX_PROOF_HASHES = 64;

export interface LeafProof {
  readonly treeSize: number;
  readonly hashes: readonly Uint8Array[];
}

/** The attributes for a leaf item (none for a one-leaf tree, whose audit path is empty). */
export function formatLeafProof(treeSize: number, hashes: readonly Uint8Array[]): Record<string, ItemValue> {
  if (hashes.length === 0) return {};
  const proof = new Uint8Array(hashes.length * MERKLE_HASH_SIZE);
  hashes.forEach((h, i) => proof.set(h, i * MERKLE_HASH_SIZE));
  return { proofSize: treeSize, proof };
}

/** The proof in a leaf item as read, if it has a well-formed one. */
export function readLeafProof(item: Record<string, unknown> | undefined): LeafProof | undefined {
  const treeSize = item?.proofSize;
  const proof = item?.proof;
  if (typeof treeSize !== "number" || !Number.isSafeInteger(treeSize) || !(proof instanceof Uint8Array)) {
    return undefined;
  }
  if (proof.length % MERKLE_HASH_SIZE !== 0 || proof.length > MAX_PROOF_HASHES * MERKLE_HASH_SIZE)
    return undefined;
  const hashes: Uint8Array[] = [];
  for (let at = 0; at < proof.length; at += MERKLE_HASH_SIZE)
    hashes.push(proof.slice(at, at + MERKLE_HASH_SIZE));
  return { treeSize, hashes };
}
