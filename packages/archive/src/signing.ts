/**
 * Record signatures: Ed25519 over the RFC 8785 canonical JSON of a record without its
 * `signature` member. Verification is pure and synchronous and gets its keys passed in.
 */
import {
  canonicalizeToBytes,
  ed25519KeyPair,
  formatBase64,
  formatKeyId,
  parseBase64,
  signEd25519,
  verifyEd25519,
} from "@isnad/core";
import type { RecordSignature } from "./statement-record";

/** The service's record-signing key. The seed never leaves the process (an sst.Secret in AWS). */
export interface Signer {
  readonly keyId: string;
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

export function createSigner(seed: Uint8Array): Signer {
  const { publicKey } = ed25519KeyPair(seed);
  return { keyId: formatKeyId(publicKey), publicKey, sign: (message) => signEd25519(seed, message) };
}

export function signRecord<T extends object>(record: T, signer: Signer): T & { signature: RecordSignature } {
  const signature: RecordSignature = {
    alg: "Ed25519",
    keyId: signer.keyId,
    value: formatBase64(signer.sign(canonicalizeToBytes(record))),
  };
  return { ...record, signature };
}

export type SignatureCheck =
  { valid: true; keyId: string } | { valid: false; keyId: string | null; reason: string };

/** Checks a signed record against the service's public keys (keyId → key). Never throws. */
export function verifyRecordSignature(
  signed: { signature?: unknown },
  keys: ReadonlyMap<string, Uint8Array>,
): SignatureCheck {
  const { signature, ...record } = signed as { signature?: Partial<RecordSignature> };
  if (typeof signature !== "object" || signature === null) {
    return { valid: false, keyId: null, reason: "the record has no signature" };
  }
  const keyId = typeof signature.keyId === "string" ? signature.keyId : null;
  if (signature.alg !== "Ed25519" || keyId === null || typeof signature.value !== "string") {
    return { valid: false, keyId, reason: "the signature is malformed" };
  }
  const key = keys.get(keyId);
  if (!key) return { valid: false, keyId, reason: `no published key has id ${keyId}` };
  let bytes: Uint8Array;
  let message: Uint8Array;
  try {
    bytes = parseBase64(signature.value, 64);
    message = canonicalizeToBytes(record);
  } catch {
    return { valid: false, keyId, reason: "the signature or record cannot be decoded" };
  }
  return verifyEd25519(key, message, bytes)
    ? { valid: true, keyId }
    : { valid: false, keyId, reason: "the signature does not match the record" };
}
