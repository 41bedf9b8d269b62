/**
 * "Was inclusion in the current checkpoint checked?" for the verify results: builds the
 * statement's receipt from the log and verifies it as an outside client would (core's checks,
 * DESIGN.md "Receipt"): the checkpoint's signature under the log's own published key, the tree
 * head the proof names against the signed one, the RFC 9162 §2.1.3.2 inclusion of the entry's
 * leaf hash, and the entry as canonical JSON. The signature check of a checkpoint text is done
 * once per head (LogReader.openCheckpoint); everything else for every match.
 */
import {
  IsnadError,
  canonicalize,
  equalBytes,
  formatHex,
  hashLeaf,
  isIsnadError,
  parseJson,
  utf8,
  verifyInclusion,
} from "@isnad/core";
import { isArchiveError } from "../errors";
import type { StoredStatement } from "../archive-deps";
import type { LogReader } from "./log-reader";

export type InclusionCheck =
  { checked: true; leafIndex: number; treeSize: number } | { checked: false; reason: string };

export async function checkInclusion(
  log: LogReader,
  statement: Pick<StoredStatement, "entry" | "leafIndex">,
): Promise<InclusionCheck> {
  if (statement.leafIndex === undefined) return { checked: false, reason: "the statement has no log index" };
  try {
    const entry = utf8(statement.entry);
    const receipt = await log.receipt(statement.leafIndex, entry);
    const checkpoint = log.openCheckpoint(receipt.checkpoint);
    const { treeSize, rootHash, hashes } = receipt.inclusionProof;
    if (treeSize !== checkpoint.size || !equalBytes(rootHash, checkpoint.rootHash)) {
      throw new IsnadError("INVALID_RECEIPT", "the proof's tree head is not the signed checkpoint's");
    }
    const leafHash = hashLeaf(entry);
    verifyInclusion(receipt.leafIndex, treeSize, leafHash, hashes, checkpoint.rootHash);
    if (!isCanonical(statement.entry, formatHex(leafHash))) {
      throw new IsnadError("INVALID_RECEIPT", "the logged entry is not canonical JSON (RFC 8785)");
    }
    return { checked: true, leafIndex: receipt.leafIndex, treeSize };
  } catch (error) {
    // Damage (INTEGRITY, a bad signature or proof, malformed JSON) is reported, not thrown: the
    // verdict must say it.
    if (isArchiveError(error, "INTEGRITY") || isArchiveError(error, "NOT_FOUND") || isIsnadError(error)) {
      return { checked: false, reason: error.message };
    }
    throw error;
  }
}

/**
 * Whether `entry` is RFC 8785 canonical JSON, remembered by its leaf hash for the entries checked
 * last (a popular file is verified again and again; issue #15). The hash, not the text, is the
 * key, so the memo holds 32 bytes an entry however long the entry.
 */
const canonicalLeaves = new Set<string>();
const CANONICAL_LEAVES = 4096;

function isCanonical(entry: string, leafHex: string): boolean {
  if (canonicalLeaves.has(leafHex)) return true;
  if (canonicalize(parseJson(entry)) !== entry) return false;
  canonicalLeaves.add(leafHex);
  if (canonicalLeaves.size > CANONICAL_LEAVES) canonicalLeaves.delete(canonicalLeaves.values().next().value!);
  return true;
}
