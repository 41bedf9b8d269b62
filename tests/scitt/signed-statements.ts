/**
 * Signed Statements made without isnad code: @transmute/cose (npm) builds the COSE_Sign1 and its
 * Sig_structure; node:crypto signs. @transmute/cose signs ES256 with its own keys but has no
 * EdDSA, so for Ed25519 it is given a "remote" signer (its documented extension point) backed by
 * node:crypto: the CBOR and the bytes signed are still the library's.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import * as transmute from "@transmute/cose";

export interface Ed25519Signer {
  publicKey: Uint8Array;
  privateKey: KeyObject;
}

export function ed25519Signer(): Ed25519Signer {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const jwk = publicKey.export({ format: "jwk" });
  return { publicKey: new Uint8Array(Buffer.from(jwk.x!, "base64url")), privateKey };
}

/** The signer of a 32-byte Ed25519 seed: PKCS #8 is a fixed 16-byte prefix and the seed (RFC 8410 §7). */
export function ed25519SignerFromSeed(seed: Uint8Array): Ed25519Signer {
  const prefix = Buffer.from("302e020100300506032b657004220420", "hex");
  const privateKey = createPrivateKey({ key: Buffer.concat([prefix, seed]), format: "der", type: "pkcs8" });
  const jwk = createPublicKey(privateKey).export({ format: "jwk" });
  return { publicKey: new Uint8Array(Buffer.from(jwk.x!, "base64url")), privateKey };
}

export interface StatementOptions {
  alg?: number;
  kid?: string;
  contentType?: string;
  issuer?: string;
  /** Put alg in the unprotected header instead (a statement isnad must refuse). */
  unprotectedAlg?: boolean;
}

function protectedHeader(options: StatementOptions): Map<number, unknown> {
  const header = new Map<number, unknown>();
  if (!options.unprotectedAlg) header.set(1, options.alg ?? -8);
  // A Buffer: cbor-web writes a plain Uint8Array as an RFC 8746 typed array (tag 64), not a bstr.
  if (options.kid !== undefined) header.set(4, Buffer.from(options.kid, "utf8"));
  if (options.contentType !== undefined) header.set(3, options.contentType);
  if (options.issuer !== undefined)
    header.set(
      15,
      new Map([
        [1, options.issuer],
        [2, "statement"],
      ]),
    );
  return header;
}

/** A tagged COSE_Sign1 over `payload`, signed by `signer` with Ed25519 (EdDSA). */
export async function signStatement(
  signer: Ed25519Signer,
  payload: Uint8Array,
  options: StatementOptions,
): Promise<Uint8Array> {
  const remote = {
    sign: async (toBeSigned: ArrayBuffer) =>
      new Uint8Array(sign(null, new Uint8Array(toBeSigned), signer.privateKey)).buffer,
  };
  const unprotectedHeader = new Map<number, unknown>(options.unprotectedAlg ? [[1, options.alg ?? -8]] : []);
  const bytes = await transmute.attached.signer({ remote }).sign({
    protectedHeader: protectedHeader(options),
    unprotectedHeader,
    payload: Uint8Array.from(payload).buffer,
  });
  return new Uint8Array(bytes);
}

/** A tagged COSE_Sign1 signed ES256 by a fresh P-256 key, entirely by @transmute/cose. */
export async function signStatementEs256(payload: Uint8Array, kid: string): Promise<Uint8Array> {
  const privateKeyJwk = await transmute.key.generate<transmute.SecretKeyJwk>("ES256", "application/jwk+json");
  const remote = transmute.crypto.signer({ privateKeyJwk });
  const bytes = await transmute.attached.signer({ remote }).sign({
    protectedHeader: protectedHeader({ alg: -7, kid, contentType: "text/plain" }),
    unprotectedHeader: new Map(), // without it the library writes `undefined` there
    payload: Uint8Array.from(payload).buffer,
  });
  return new Uint8Array(bytes);
}

/** The same COSE_Sign1 with its payload replaced by nil (detached), re-encoded by the library. */
export function detachPayload(statement: Uint8Array): Uint8Array {
  const decoded = transmute.cbor.decode(statement) as { value: unknown[] };
  const [protectedBytes, unprotected, , signature] = decoded.value;
  return new Uint8Array(
    transmute.cbor.encode(
      new transmute.cbor.Tagged(18, [plain(protectedBytes), unprotected, null, plain(signature)]),
    ),
  );
}

/** A Buffer: cbor-web writes a plain Uint8Array as an RFC 8746 typed array (tag 64), not a bstr. */
function plain(bytes: unknown): Buffer {
  return Buffer.from(bytes as Uint8Array);
}

/** Decodes a concise problem details body with the library's CBOR decoder (not isnad's). */
export function decodeProblem(body: ArrayBuffer): Map<number | string, unknown> {
  return transmute.cbor.decode(new Uint8Array(body)) as Map<number | string, unknown>;
}
