/**
 * The receipt key: an ES256 (ECDSA P-256 with SHA-256, RFC 9053 §2.1) key that signs COSE
 * receipts. ES256 rather than isnad's Ed25519 because it is what most COSE and SCITT verifiers
 * accept. Kept as PKCS #8 DER (a file in the local data dir, an sst.Secret in AWS); WebCrypto
 * (globalThis.crypto.subtle, in Node ≥ 20 and browsers) does the arithmetic.
 */
import { sha256 } from "@isnad/core";
import { CborMap, encodeCbor } from "./cbor";

/** COSE labels (RFC 9052 §7, RFC 9053 §7.1, IANA "COSE Key Common Parameters"). */
export const COSE_KTY_EC2 = 2;
export const COSE_ALG_ES256 = -7;
export const COSE_CRV_P256 = 1;

export interface ReceiptKey {
  /** RFC 9679 COSE Key Thumbprint (SHA-256) of the public key: the kid in receipts and key sets. */
  readonly kid: Uint8Array;
  /** The public point's coordinates, 32 bytes each. */
  readonly x: Uint8Array;
  readonly y: Uint8Array;
  readonly privateKey: CryptoKey;
}

const ES256 = { name: "ECDSA", namedCurve: "P-256" } as const;

/** A fresh receipt key as PKCS #8 DER bytes (what importReceiptKey reads back). */
export async function generateReceiptKeyPkcs8(): Promise<Uint8Array> {
  const pair = (await crypto.subtle.generateKey(ES256, true, ["sign", "verify"])) as CryptoKeyPair;
  return new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
}

/** Reads a PKCS #8 P-256 private key; throws on anything else. */
export async function importReceiptKey(pkcs8: Uint8Array): Promise<ReceiptKey> {
  const der = Uint8Array.from(pkcs8); // WebCrypto takes no SharedArrayBuffer view
  // Extractable once, to read the public point from its JWK; the signing key itself is not.
  const extractable = await crypto.subtle.importKey("pkcs8", der, ES256, true, ["sign"]);
  const jwk = await crypto.subtle.exportKey("jwk", extractable);
  if (jwk.crv !== "P-256" || !jwk.x || !jwk.y) throw new Error("receipt key: not a P-256 key");
  const x = base64url(jwk.x);
  const y = base64url(jwk.y);
  const privateKey = await crypto.subtle.importKey("pkcs8", der, ES256, false, ["sign"]);
  return { kid: coseKeyThumbprint(x, y), x, y, privateKey };
}

/**
 * RFC 9679 §3: SHA-256 over the deterministic CBOR of the key's required parameters only
 * (kty, crv, x, y for EC2), so the kid is a function of the public key and nothing else.
 */
export function coseKeyThumbprint(x: Uint8Array, y: Uint8Array): Uint8Array {
  return sha256(
    encodeCbor(
      new CborMap([
        [1, COSE_KTY_EC2],
        [-1, COSE_CRV_P256],
        [-2, x],
        [-3, y],
      ]),
    ),
  );
}

/** The public COSE_Key (RFC 9052 §7) of a receipt key, with its kid and alg. */
export function publicCoseKey(key: Pick<ReceiptKey, "kid" | "x" | "y">): CborMap {
  return new CborMap([
    [1, COSE_KTY_EC2],
    [2, key.kid],
    [3, COSE_ALG_ES256],
    [-1, COSE_CRV_P256],
    [-2, key.x],
    [-3, key.y],
  ]);
}

/** A COSE_KeySet (RFC 9052 §7: an array of COSE_Key) of the given keys, as served at /.well-known/scitt-keys. */
export function coseKeySet(keys: readonly Pick<ReceiptKey, "kid" | "x" | "y">[]): Uint8Array<ArrayBuffer> {
  return encodeCbor(keys.map(publicCoseKey));
}

function base64url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}
