/**
 * Ed25519 (RFC 8032) keys, signatures and key ids, through the active crypto backend.
 * A private key is its 32-byte seed; a public key its 32-byte encoding.
 */
import { getCryptoBackend } from "./crypto-backend";
import { IsnadError } from "./errors";
import { formatHex } from "./bytes";
import { sha256 } from "./sha256";

export interface Ed25519KeyPair {
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
}

function checkLength(bytes: Uint8Array, length: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new IsnadError("INVALID_KEY", `${what} must be ${length} bytes`);
  }
}

export function generateEd25519Seed(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(32));
}

export function ed25519KeyPair(seed: Uint8Array): Ed25519KeyPair {
  checkLength(seed, 32, "an Ed25519 seed");
  return { seed, publicKey: getCryptoBackend().ed25519PublicKey(seed) };
}

export function signEd25519(seed: Uint8Array, message: Uint8Array): Uint8Array {
  checkLength(seed, 32, "an Ed25519 seed");
  return getCryptoBackend().ed25519Sign(seed, message);
}

/** True when `signature` is a valid RFC 8032 signature of `message` under `publicKey`; never throws. */
export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  return getCryptoBackend().ed25519Verify(publicKey, message, signature);
}

/**
 * isnad's key id for a record-signing key: hex of the first 8 bytes of SHA-256(public key).
 * (Signed notes use their own C2SP key id; see note.ts.)
 */
export function formatKeyId(publicKey: Uint8Array): string {
  checkLength(publicKey, 32, "an Ed25519 public key");
  return formatHex(sha256(publicKey).subarray(0, 8));
}
