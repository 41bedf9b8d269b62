/**
 * TimeStampReq (RFC 3161 §2.4.1) over a SHA-256 digest, with a fresh 64-bit nonce and
 * certReq TRUE so the token carries the TSA's certificate (ESSCertIDv2 names it; the verifier
 * needs it to build the chain to a pinned root).
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { TimestampError } from "./errors";
import { OID_SHA256 } from "./oids";
import { toArrayBuffer } from "./bytes";

export interface TimeStampRequest {
  /** DER of the TimeStampReq, the body of an application/timestamp-query POST. */
  readonly der: Uint8Array<ArrayBuffer>;
  /** The nonce as unsigned big-endian bytes (the verifier checks the token echoes it). */
  readonly nonce: Uint8Array;
}

export function buildTimeStampRequest(
  digest: Uint8Array,
  options: { nonce?: Uint8Array; policy?: string } = {},
): TimeStampRequest {
  if (digest.length !== 32) throw new TimestampError("MALFORMED", "a SHA-256 digest is 32 bytes");
  const nonce = options.nonce ?? globalThis.crypto.getRandomValues(new Uint8Array(8));
  // DER INTEGERs are minimal and signed (X.690 §8.3.2): no leading zero bytes (OpenSSL refuses
  // such a query: about one random nonce in 512), and a 0x00 before a set top bit.
  let start = 0;
  while (start < nonce.length - 1 && nonce[start] === 0) start++;
  const minimal = nonce.subarray(start);
  const nonceInt = minimal[0]! & 0x80 ? Uint8Array.of(0, ...minimal) : minimal;
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(digest) }),
    }),
    nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonceInt) }),
    certReq: true,
    ...(options.policy !== undefined ? { reqPolicy: options.policy } : {}),
  });
  return { der: new Uint8Array(req.toSchema().toBER(false)), nonce };
}
