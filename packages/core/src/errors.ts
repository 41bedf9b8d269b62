/**
 * The one error class of @isnad/core. Callers branch on `code`, never on messages; anything an
 * attacker controls that fails to parse surfaces as an IsnadError (with the original as `cause`),
 * never as a raw SyntaxError or RangeError. Modelled on sigstore-js's error classes.
 */
export type CoreErrorCode =
  | "INVALID_ENCODING" // hex, base64, UTF-8 or number text that does not decode
  | "INVALID_JSON" // JSON that does not parse or cannot be canonicalized (RFC 8785)
  | "INVALID_KEY" // a key, key id or verifier-key string of the wrong shape
  | "INVALID_NOTE" // a C2SP signed note that does not parse
  | "INVALID_CHECKPOINT" // a C2SP tlog-checkpoint body that does not parse
  | "INVALID_PROOF" // an inclusion/consistency proof of the wrong shape or that does not verify
  | "INVALID_TILE" // a tlog-tiles path or tile that does not parse
  | "INVALID_ARGUMENT" // a caller passed something out of range (index ≥ size, …)
  | "SIGNATURE_INVALID" // a signature that does not verify
  | "UNKNOWN_KEY" // no signature by a known key
  | "INVALID_RECEIPT"; // a receipt that does not parse or does not verify

export class IsnadError extends Error {
  override readonly name = "IsnadError";
  readonly code: CoreErrorCode;

  constructor(code: CoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isIsnadError(e: unknown, code?: CoreErrorCode): e is IsnadError {
  return e instanceof IsnadError && (code === undefined || e.code === code);
}
