/**
 * The package's one error: `code` says which RFC 3161 check failed so callers (the CLI, the
 * receipt check, tests) can branch on it; the message says why in words.
 */
export type TimestampErrorCode =
  | "MALFORMED" // not a TimeStampResp / TimeStampToken / TSTInfo in DER
  | "REJECTED" // the TSA answered with a PKIStatus other than granted (RFC 3161 §2.4.2)
  | "IMPRINT_MISMATCH" // messageImprint is not SHA-256 of the data
  | "NONCE_MISMATCH"
  | "POLICY_MISMATCH"
  | "GENTIME_INVALID" // missing, in the future, or outside the signer certificate's validity
  | "EKU_INVALID" // the signer certificate lacks a critical extKeyUsage of only timeStamping
  | "CERT_ID_MISMATCH" // ESSCertID(v2) absent or not the signer certificate
  | "SIGNATURE_INVALID" // the CMS signature does not verify
  | "UNTRUSTED"; // no chain from the signer to a pinned root

export class TimestampError extends Error {
  override readonly name = "TimestampError";
  readonly code: TimestampErrorCode;
  constructor(code: TimestampErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
