/**
 * The one error class of COSE input checks (sigstore-js style: a string code union and a cause).
 * The API maps each code to a 4xx concise problem; a code is a promise to clients: add, never rename.
 */
export type CoseErrorCode =
  | "MALFORMED" // not well-formed CBOR, or not a COSE_Sign1 (RFC 9052 §4.2)
  | "UNSUPPORTED_ALGORITHM" // an alg this service does not verify
  | "PAYLOAD_MISSING" // a detached payload (nil): SCRAPI requires it attached
  | "UNKNOWN_CRITICAL_HEADER" // crit names a header we do not understand (RFC 9052 §3.1)
  | "BAD_SIGNATURE"; // the signature does not verify under the named key

export class CoseError extends Error {
  override readonly name = "CoseError";
  constructor(
    readonly code: CoseErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
  }
}
