/**
 * "Was inclusion in the current checkpoint checked?" for the verify results: builds the
 * statement's receipt from the log and verifies it with core's verifier under the log's own
 * published key, exactly as an outside client would.
 */
import { isIsnadError, utf8, verifyReceipt } from "@isnad/core";
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
    const receipt = await log.receipt(statement.leafIndex, utf8(statement.entry));
    const verified = verifyReceipt(receipt, { logVerifierKey: log.verifierKey, origin: log.origin });
    return { checked: true, leafIndex: verified.leafIndex, treeSize: verified.checkpoint.size };
  } catch (error) {
    // Damage (INTEGRITY, INVALID_RECEIPT) is reported, not thrown: the verdict must say it.
    if (isArchiveError(error, "INTEGRITY") || isArchiveError(error, "NOT_FOUND") || isIsnadError(error)) {
      return { checked: false, reason: error.message };
    }
    throw error;
  }
}
