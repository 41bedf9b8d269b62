/**
 * A receipt checked all the way down, as DESIGN.md describes for an offline verifier: the
 * checkpoint's signature, the entry's inclusion (core's verifyReceipt), then the record's own
 * signature under the service's record keys, then — when the file is at hand — its SHA-256
 * against the one the record names. Pure and synchronous; the trust material is passed in.
 */
import {
  IsnadError,
  formatHex,
  sha256,
  verifyReceipt,
  type Checkpoint,
  type NoteVerifier,
} from "@isnad/core";
import { verifyRecordSignature } from "../signing";

export interface StatementReceiptTrust {
  /** The log's note verifier key (GET /v1/log `verifierKey`, or /v1/keys `log`). */
  readonly logVerifierKey: string | NoteVerifier;
  readonly origin?: string;
  /** The service's record keys, keyId → Ed25519 public key (GET /v1/keys). */
  readonly recordKeys: ReadonlyMap<string, Uint8Array>;
  /** The archived file, when the verifier has it: its SHA-256 must be the record's. */
  readonly original?: Uint8Array;
}

export interface VerifiedStatementReceipt {
  /** The signed record (a statement, or another signed record type). */
  readonly record: Record<string, unknown>;
  readonly leafIndex: number;
  readonly checkpoint: Checkpoint;
  /** The record key that signed it. */
  readonly keyId: string;
}

function invalid(why: string): never {
  throw new IsnadError("INVALID_RECEIPT", `invalid receipt: ${why}`);
}

export function verifyStatementReceipt(
  receipt: unknown,
  trust: StatementReceiptTrust,
): VerifiedStatementReceipt {
  const verified = verifyReceipt(receipt, trust);
  const record = verified.record;
  if (typeof record !== "object" || record === null || Array.isArray(record))
    invalid("the entry is not a record");
  const signature = verifyRecordSignature(record, trust.recordKeys);
  if (!signature.valid) invalid(`the record's signature does not verify: ${signature.reason}`);
  if (trust.original !== undefined) {
    const original = (record as { original?: { sha256?: unknown } }).original;
    if (typeof original?.sha256 !== "string") invalid("the record names no original file");
    if (formatHex(sha256(trust.original)) !== original.sha256) {
      invalid("the file is not the one the record names (SHA-256 differs)");
    }
  }
  return {
    record: record as Record<string, unknown>,
    leafIndex: verified.leafIndex,
    checkpoint: verified.checkpoint,
    keyId: signature.keyId,
  };
}
