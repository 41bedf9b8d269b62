/**
 * Checks again, with no trust in isnad, the publisher signature an archived record names (issue
 * #17): pure, for the CLI's `receipt verify` and the verify page's receipt check alike (no node:*).
 *
 *  - "sshsig" / "ed25519": the isnad-statement/v1 message is rebuilt from the record's own fields
 *    (statement-signature.ts) and the signature checked under the record's key;
 *  - "cose-sign1": the original's bytes are the COSE_Sign1 Signed Statement registered through
 *    POST /entries. They must be the record's (SHA-256), their kid the record's key id, their
 *    signature the record's, a CWT issuer (when present) the record's domain, and the Ed25519
 *    signature over their Sig_structure (RFC 9052 §4.4) must hold under the record's key.
 *
 * Whether the domain declared that key is the caller's part (it needs the domain's key list).
 */
import { equalBytes, formatHex, parseBase64, sha256 } from "@isnad/core";
import { CoseError } from "./cose-error";
import { parseSignedStatement, verifySignedStatement } from "./signed-statement";
import {
  parseStatementSignature,
  SIGNED_FIELDS,
  statementSignatureMessage,
  StatementSignatureError,
  verifyStatementSignature,
} from "./statement-signature";

/** The parts of a statement record (archive statement-record.ts) this check reads, untrusted. */
export type RecordForSignature = Record<string, unknown>;

export interface RecordPublisherSignature {
  format: string;
  keyId: string;
  domain: string;
  publicKey: Uint8Array;
}

const text = (v: unknown) => (typeof v === "string" ? v : "");
const fail = (message: string) => new StatementSignatureError("does-not-verify", message);

/** The record's publisherSignature, or undefined when the publisher did not sign. */
export function recordPublisherSignature(record: RecordForSignature): RecordPublisherSignature | undefined {
  const signed = record.publisherSignature;
  if (signed === undefined || signed === null) return undefined;
  const s = signed as Record<string, unknown>;
  let publicKey: Uint8Array;
  try {
    publicKey = parseBase64(text(s.publicKey), 32);
  } catch (cause) {
    throw new StatementSignatureError("malformed", "the record's publicKey is not 32 bytes of base64", {
      cause,
    });
  }
  return { format: text(s.format), keyId: text(s.keyId), domain: text(s.domain), publicKey };
}

/**
 * Verifies the record's publisher signature; `original` is needed for "cose-sign1" only (check
 * `needsOriginal` first to avoid reading a large file for nothing). Throws StatementSignatureError.
 */
export async function verifyRecordPublisherSignature(
  record: RecordForSignature,
  original?: Uint8Array,
): Promise<RecordPublisherSignature> {
  const signed = recordPublisherSignature(record);
  if (!signed) throw new StatementSignatureError("malformed", "the record names no publisher signature");
  const signature = text((record.publisherSignature as Record<string, unknown>).signature);
  const originalSha256 = text((record.original as Record<string, unknown> | null)?.sha256);
  if (signed.format === "cose-sign1") {
    if (!original) throw new StatementSignatureError("malformed", "the original's bytes are needed");
    verifyCoseOriginal(signed, signature, originalSha256, original);
    return signed;
  }
  const message = statementSignatureMessage({
    sha256: originalSha256,
    publisher: text(record.publisher),
    domain: signed.domain,
    fields: Object.fromEntries(SIGNED_FIELDS.map((f) => [f, record[f] as string | null])),
  });
  await verifyStatementSignature(parseStatementSignature(signature), message, [signed.publicKey]);
  return signed;
}

/** Whether checking this record's publisher signature reads the original's bytes. */
export function needsOriginal(record: RecordForSignature): boolean {
  return (record.publisherSignature as Record<string, unknown> | undefined)?.format === "cose-sign1";
}

function verifyCoseOriginal(
  signed: RecordPublisherSignature,
  signature: string,
  originalSha256: string,
  original: Uint8Array,
): void {
  if (formatHex(sha256(original)) !== originalSha256)
    throw fail("the original is not the record's (its SHA-256 differs), so its COSE signature says nothing");
  try {
    const statement = parseSignedStatement(original);
    const kid = statement.kid === undefined ? "" : new TextDecoder().decode(statement.kid);
    if (kid !== signed.keyId)
      throw fail(`the Signed Statement's kid is ${kid || "absent"}, not ${signed.keyId}`);
    if (!equalBytes(statement.signature, parseBase64(signature)))
      throw fail("the record's signature is not the Signed Statement's");
    const issuer = statement.issuer
      ?.toLowerCase()
      .replace(/^https:\/\//, "")
      .replace(/\/$/, "");
    if (issuer !== undefined && issuer !== signed.domain)
      throw fail(`the Signed Statement's issuer ${statement.issuer ?? ""} is not ${signed.domain}`);
    verifySignedStatement(statement, signed.publicKey);
  } catch (e) {
    if (e instanceof CoseError) throw fail(`COSE_Sign1: ${e.message}`);
    throw e;
  }
}
