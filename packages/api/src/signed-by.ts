/**
 * "Signed by press.example": the publisher's own signature on a statement (issue #17), as the
 * statement view and every verify answer name it, apart from isnad's signature on the record.
 * It was checked at upload against the keys the domain declared then (archive
 * publisher-signature.ts) and is kept in the signed, logged record, so a reader can check it again
 * offline (`isnad receipt verify`). null: the publisher did not sign; only isnad vouches.
 */
import type { PublisherSignature, SignedStatementRecord } from "@isnad/archive";

export interface SignedByJson {
  domain: string;
  keyId: string;
  format: PublisherSignature["format"];
}

export function signedByJson(record: Pick<SignedStatementRecord, "publisherSignature">): SignedByJson | null {
  const signed = record.publisherSignature;
  return signed ? { domain: signed.domain, keyId: signed.keyId, format: signed.format } : null;
}
