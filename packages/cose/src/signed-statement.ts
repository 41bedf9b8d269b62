/**
 * A SCITT Signed Statement as a client sends it: a COSE_Sign1 (RFC 9052 §4.2), tagged (18) or
 * not, with its payload attached. Parsing is pure and bounded (cbor-decode.ts); verification takes
 * the key as an argument, so the caller decides which keys are trusted (the publisher's
 * domain-bound keys, packages/archive/src/publisher-keys.ts).
 *
 *   COSE_Sign1 = [ protected: bstr .cbor header_map, unprotected: header_map,
 *                  payload: bstr / nil, signature: bstr ]
 *
 * Only Ed25519 is verified: publisher keys are Ed25519, so an ES256 statement could never name a
 * publisher key. alg is −8 (EdDSA, RFC 9053 §2.2) or −19 (Ed25519, fully specified, RFC 9864),
 * and it must be protected: an unprotected alg could be swapped (RFC 9052 §3.1).
 */
import { verifyEd25519 } from "@isnad/core";
import { encodeCbor } from "./cbor";
import { decodeCbor, DecodedTag, type DecodedCbor } from "./cbor-decode";
import { CoseError } from "./cose-error";
import { COSE_HEADER_ALG, COSE_HEADER_KID, COSE_SIGN1_TAG } from "./receipt";

/** IANA COSE header labels beyond alg and kid (RFC 9052 §3.1; RFC 9597 for CWT claims). */
export const COSE_HEADER_CRIT = 2;
export const COSE_HEADER_CONTENT_TYPE = 3;
export const COSE_HEADER_CWT_CLAIMS = 15;
export const COSE_ALG_EDDSA = -8;
export const COSE_ALG_ED25519 = -19;

const ED25519_ALGS = new Set([COSE_ALG_EDDSA, COSE_ALG_ED25519]);
/** Labels this code understands, for `crit`: anything else critical is refused. */
const UNDERSTOOD = new Set<number | string>([
  COSE_HEADER_ALG,
  COSE_HEADER_CRIT,
  COSE_HEADER_CONTENT_TYPE,
  COSE_HEADER_KID,
  COSE_HEADER_CWT_CLAIMS,
]);

export interface SignedStatement {
  /** The protected header exactly as sent: the signature covers these bytes, not a re-encoding. */
  readonly protectedBytes: Uint8Array;
  readonly alg: number;
  /** The key id (label 4), as bytes; undefined when absent. */
  readonly kid?: Uint8Array;
  /** The payload's content type (label 3) when it is text; a CoAP content-format number is `cf:<n>`. */
  readonly contentType?: string;
  /** CWT claims (label 15, RFC 9597): issuer (1) and subject (2) when present as text. */
  readonly issuer?: string;
  readonly subject?: string;
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
}

function malformed(why: string): never {
  throw new CoseError("MALFORMED", `not a COSE_Sign1 Signed Statement: ${why}`);
}

function headerMap(value: DecodedCbor, which: string): Map<number | string, DecodedCbor> {
  if (!(value instanceof Map)) malformed(`the ${which} header is not a map`);
  return value;
}

/** Parses a Signed Statement; throws CoseError (MALFORMED, UNSUPPORTED_ALGORITHM, PAYLOAD_MISSING, …). */
export function parseSignedStatement(bytes: Uint8Array): SignedStatement {
  let top = decodeCbor(bytes);
  if (top instanceof DecodedTag) {
    if (top.tag !== COSE_SIGN1_TAG) malformed(`tag ${top.tag}, not 18 (COSE_Sign1)`);
    top = top.value;
  }
  if (!Array.isArray(top) || top.length !== 4) malformed("not an array of four items");
  const [protectedBytes, unprotectedValue, payload, signature] = top;
  if (!(protectedBytes instanceof Uint8Array)) malformed("the protected header is not a byte string");
  // An empty protected header is a zero-length bstr (RFC 9052 §3), never an encoded empty map.
  const protectedHeader = headerMap(
    protectedBytes.length === 0 ? new Map() : decodeCbor(protectedBytes),
    "protected",
  );
  const unprotected = headerMap(unprotectedValue, "unprotected");
  for (const label of protectedHeader.keys()) {
    if (unprotected.has(label)) malformed(`label ${label} is in both headers (RFC 9052 §3)`);
  }
  if (!(signature instanceof Uint8Array)) malformed("the signature is not a byte string");
  if (payload === null)
    throw new CoseError(
      "PAYLOAD_MISSING",
      "the Signed Statement's payload is detached (nil); send it attached",
    );
  if (!(payload instanceof Uint8Array)) malformed("the payload is neither a byte string nor nil");

  const alg = protectedHeader.get(COSE_HEADER_ALG);
  if (alg === undefined) {
    throw new CoseError(
      "UNSUPPORTED_ALGORITHM",
      unprotected.has(COSE_HEADER_ALG)
        ? "alg (label 1) must be in the protected header"
        : "the protected header names no alg (label 1)",
    );
  }
  if (typeof alg !== "number" || !ED25519_ALGS.has(alg)) {
    throw new CoseError(
      "UNSUPPORTED_ALGORITHM",
      `alg ${typeof alg === "number" || typeof alg === "string" ? alg : "?"} is not accepted: publisher keys are Ed25519, so alg must be -8 (EdDSA) or -19 (Ed25519)`,
    );
  }
  checkCrit(protectedHeader);
  const kid = protectedHeader.get(COSE_HEADER_KID) ?? unprotected.get(COSE_HEADER_KID);
  if (kid !== undefined && !(kid instanceof Uint8Array)) malformed("kid (label 4) is not a byte string");
  const claims = protectedHeader.get(COSE_HEADER_CWT_CLAIMS);
  if (claims !== undefined && !(claims instanceof Map)) malformed("the CWT claims (label 15) are not a map");
  const issuer = claims?.get(1);
  const subject = claims?.get(2);
  if (issuer !== undefined && typeof issuer !== "string") malformed("the CWT issuer (claim 1) is not text");
  if (subject !== undefined && typeof subject !== "string")
    malformed("the CWT subject (claim 2) is not text");
  const contentType = contentTypeOf(
    protectedHeader.get(COSE_HEADER_CONTENT_TYPE) ?? unprotected.get(COSE_HEADER_CONTENT_TYPE),
  );

  return {
    protectedBytes,
    alg,
    payload,
    signature,
    ...(kid === undefined ? {} : { kid }),
    ...(contentType === undefined ? {} : { contentType }),
    ...(issuer === undefined ? {} : { issuer }),
    ...(subject === undefined ? {} : { subject }),
  };
}

function contentTypeOf(value: DecodedCbor): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 65535)
    return `cf:${value}`;
  return malformed("the content type (label 3) is neither text nor a content-format number");
}

/** RFC 9052 §3.1: crit is a protected, non-empty array of labels the recipient must understand. */
function checkCrit(protectedHeader: Map<number | string, DecodedCbor>): void {
  const crit = protectedHeader.get(COSE_HEADER_CRIT);
  if (crit === undefined) return;
  if (!Array.isArray(crit) || crit.length === 0) malformed("crit (label 2) is not a non-empty array");
  for (const label of crit) {
    if (typeof label !== "number" && typeof label !== "string")
      malformed("crit lists a label that is not an integer or text");
    if (!UNDERSTOOD.has(label)) {
      throw new CoseError(
        "UNKNOWN_CRITICAL_HEADER",
        `crit names header ${label}, which this service does not understand`,
      );
    }
  }
}

/**
 * Sig_structure (RFC 9052 §4.4) for COSE_Sign1 with no external AAD:
 * ["Signature1", protected, h'', payload]. encodeCbor writes byte by byte and a payload may be
 * megabytes, so the structure is encoded with an empty payload (its last byte, 0x40, is that
 * empty bstr) and the payload's own bstr head and bytes are appended.
 */
export function signedStatementToBeSigned(
  statement: Pick<SignedStatement, "protectedBytes" | "payload">,
): Uint8Array {
  const { protectedBytes, payload } = statement;
  const prefix = encodeCbor([
    "Signature1",
    Uint8Array.from(protectedBytes),
    new Uint8Array(0),
    new Uint8Array(0),
  ]);
  // The head of the unsigned integer payload.length, turned into a byte-string head (major 0 → 2).
  const head = encodeCbor(payload.length);
  head[0] = head[0]! | 0x40;
  const out = new Uint8Array(prefix.length - 1 + head.length + payload.length);
  out.set(prefix.subarray(0, -1));
  out.set(head, prefix.length - 1);
  out.set(payload, prefix.length - 1 + head.length);
  return out;
}

/** Verifies the Ed25519 signature under `publicKey` (32 bytes); throws CoseError("BAD_SIGNATURE"). */
export function verifySignedStatement(statement: SignedStatement, publicKey: Uint8Array): void {
  if (!verifyEd25519(publicKey, signedStatementToBeSigned(statement), statement.signature)) {
    throw new CoseError(
      "BAD_SIGNATURE",
      "the Signed Statement's signature does not verify under the key its kid names",
    );
  }
}
