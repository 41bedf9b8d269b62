/**
 * The "publisher" step of an offline receipt check (issue #17), pure (no node:*), so `isnad
 * receipt verify` and the verify page's receipt check in the browser run the very same check: the
 * publisher's own signature in the record (cose verifyRecordPublisherSignature: rebuilt from the
 * record's fields, or from the original's bytes for a COSE_Sign1 Signed Statement) and — given
 * the domain's key list (GET /v1/publishers/{id}/keys) — that the key was one the domain declared,
 * trusted when isnad received the statement (archive publisher-keys.ts keyTrustedAt).
 */
import { formatBase64, parseJson, parseReceipt, parseReceiptTlogProof } from "@isnad/core";
import { verifyRecordPublisherSignature, type RecordPublisherSignature } from "@isnad/cose";
import type { Check } from "./receipt-checks";

export interface PublisherCheck extends Omit<Check, "step"> {
  step: "publisher";
}

/** One key as GET /v1/publishers/{id}/keys lists it. */
export interface PublisherKeyJson {
  keyId: string;
  /** "ed25519:<base64>" */
  publicKey: string;
  domain: string;
  introducedAt: string;
  retiredAt: string | null;
  retiredBy: "rotated" | "revoked" | null;
}

const check = (status: PublisherCheck["status"], message: string): PublisherCheck => ({
  step: "publisher",
  status,
  message,
});
const text = (v: unknown) => (typeof v === "string" ? v : "");

/** The record in the receipt's entry, or undefined (the other steps say why). */
export function receiptRecord(receiptText: string): Record<string, unknown> | undefined {
  try {
    const receipt = receiptText.trimStart().startsWith("{")
      ? parseReceipt(receiptText)
      : parseReceiptTlogProof(receiptText);
    const record = parseJson(new TextDecoder().decode(receipt.entry));
    return typeof record === "object" && record !== null && !Array.isArray(record)
      ? (record as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The publisher step for `record`; undefined when the record is unreadable. `original` is read
 * only for a "cose-sign1" signature (cose needsOriginal); `publisherKeys` null: not given.
 */
export async function checkRecordPublisher(
  record: Record<string, unknown>,
  original: Uint8Array | undefined,
  publisherKeys: readonly PublisherKeyJson[] | null,
): Promise<PublisherCheck | undefined> {
  if (typeof record.original !== "object" || record.original === null) return undefined;
  if (record.publisherSignature === undefined) {
    return check(
      "skipped",
      "the publisher did not sign this statement: only isnad vouches for who uploaded it",
    );
  }
  let signed: RecordPublisherSignature;
  try {
    signed = await verifyRecordPublisherSignature(record, original);
  } catch (e) {
    return check(
      "fail",
      `the publisher signature does not verify: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const { domain, keyId } = signed;
  const by = `signed by ${domain} (key ${keyId}, ${signed.format})`;
  if (publisherKeys === null) {
    return check(
      "skipped",
      `${by}: the signature holds under the key the record names; whether ${domain} declared that key ` +
        "is not checked (give the publisher's keys, from GET /v1/publishers/{id}/keys)",
    );
  }
  const key = publisherKeys.find((k) => k.keyId === keyId);
  if (!key) return check("fail", `${by}, but the publisher keys given do not list ${keyId}`);
  if (key.publicKey !== `ed25519:${formatBase64(signed.publicKey)}`) {
    return check("fail", `${by}, but the publisher keys give another public key for ${keyId}`);
  }
  if (key.domain !== domain) return check("fail", `${by}, but ${keyId} was declared by ${key.domain}`);
  const at = text(record.receivedAt);
  if (key.retiredBy === "revoked")
    return check("fail", `${by}, but ${domain} revoked that key (${key.retiredAt})`);
  if (at < key.introducedAt || (key.retiredAt !== null && at >= key.retiredAt)) {
    return check("fail", `${by}, but that key was not ${domain}'s when isnad received the statement (${at})`);
  }
  return check("pass", `${by}, a key ${domain} declared, trusted since ${key.introducedAt}`);
}

/** A key list as GET /v1/publishers/{id}/keys answers it (or its `keys` array); null when it is not one. */
export function publisherKeysOf(doc: unknown): PublisherKeyJson[] | null {
  const keys = Array.isArray(doc) ? doc : (doc as { keys?: unknown } | null)?.keys;
  const valid = (k: unknown): k is PublisherKeyJson =>
    typeof k === "object" &&
    k !== null &&
    ["keyId", "publicKey", "domain", "introducedAt"].every(
      (name) => typeof (k as Record<string, unknown>)[name] === "string",
    );
  if (!Array.isArray(keys) || !keys.every(valid)) return null;
  return keys.map((k) => ({ ...k, retiredAt: k.retiredAt ?? null, retiredBy: k.retiredBy ?? null }));
}
