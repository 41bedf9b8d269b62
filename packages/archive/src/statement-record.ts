/**
 * The statement record: what isnad promises about one archived document. It is signed as RFC 8785
 * canonical JSON (signing.ts) and that exact text is the log entry (DESIGN.md "Log entry"), so its
 * shape is a public format: fields are added, never renamed, and `type` carries the version.
 */
import { formatHex, sha256, utf8, type TextQuality } from "@isnad/core";

export const STATEMENT_TYPE = "isnad.statement/v1";

export interface OriginalInfo {
  /** Lowercase hex SHA-256 of the archived bytes, computed by the server. */
  sha256: string;
  size: number;
  /** The media type the server decided on (sniffed, not merely the client's claim). */
  mediaType: string;
  /** The client's file name, sanitized (no path, no controls); null when none was given. */
  filename: string | null;
}

export interface TextInfo {
  /**
   * Outcome of extraction: "ok" and "ocr" texts (read by OCR from an image or a scanned PDF,
   * issue #18) are stored and indexed for quote verification; the others have no text.
   */
  status: "ok" | "ocr" | "empty" | "unsupported" | "failed";
  /** Lowercase hex SHA-256 of the extracted text (UTF-8), which is stored beside the original. */
  sha256: string | null;
  /** Length of the extracted text in UTF-16 code units (the unit of quote offsets). */
  length: number;
  /** SHA-256 of the normalized text and the normalization's version id (core/text). */
  fingerprint: { normalization: string; sha256: string } | null;
  /**
   * How far the extracted letters can be trusted (issue #12; core/text/text-quality.ts): counts of
   * unmapped glyphs, replacement characters, isolated marks and unordered runs, and the damaged
   * spans (UTF-16 [start, end) offsets into the text, at most MAX_DAMAGED_SPANS) on which a quote
   * difference is "uncertain", never "altered". `status` above stays "ok" for usable text; this
   * one says "degraded". Absent in records made before it existed: not assessed.
   */
  quality?: TextQuality;
  /**
   * Why there is no text, in words, when `status` is not "ok" (issue #13), e.g. "too large to
   * extract: more than 64 MiB when decompressed" or "took longer than 20 s". Absent for
   * "ok" and in records made before it existed.
   */
  reason?: string;
  /** "ocr" only: the engine that read the text ("tesseract 5.3.0 (ara)"); pages name it. */
  ocrEngine?: string;
}

/** Whether a record's text was stored (and so can be quoted): "ok", or "ocr" (issue #18). */
export function hasStoredText(status: TextInfo["status"]): boolean {
  return status === "ok" || status === "ocr";
}

export interface StatementRecord {
  type: typeof STATEMENT_TYPE;
  id: string;
  publisher: string;
  title: string | null;
  language: string | null;
  /** When the publisher says it published the statement (ISO 8601, their claim). */
  publishedAt: string | null;
  /** When isnad received it (ISO 8601 UTC, the service's clock). */
  receivedAt: string;
  sourceUrl: string | null;
  original: OriginalInfo;
  text: TextInfo | null;
  supersedes: string | null;
  translationOf: string | null;
  /**
   * The publisher's own signature over the statement (issue #17), checked at upload against the
   * keys its domain declared and trusted then. Absent when the upload carried none, and in
   * records made before it existed: those stay valid, signed by isnad alone.
   */
  publisherSignature?: PublisherSignature;
}

/**
 * A publisher's signature as the record keeps it: enough to check it again offline. The message
 * is rebuilt from the record (cose statementSignatureMessage: original.sha256, publisher,
 * `domain`, and the fields title … translationOf).
 */
export interface PublisherSignature {
  /**
   * "sshsig": OpenSSH SSHSIG, namespace isnad-statement@v1; "ed25519": a bare signature;
   * "cose-sign1": the archived original itself is a COSE_Sign1 Signed Statement registered through
   * POST /entries (SCITT), whose Sig_structure (RFC 9052 §4.4) the key signed: a reader checks it
   * from the original's bytes, not from the record's fields.
   */
  format: "sshsig" | "ed25519" | "cose-sign1";
  /** publisher-keys.ts publisherKeyId of the key that signed. */
  keyId: string;
  /** The domain that declared the key, and that the message names. */
  domain: string;
  /** The key's 32 bytes, base64. */
  publicKey: string;
  /**
   * The armored SSHSIG text, or the 64-byte Ed25519 signature in base64 (for "cose-sign1", the
   * COSE_Sign1's own signature field, which must equal the original's).
   */
  signature: string;
}

export interface RecordSignature {
  alg: "Ed25519";
  keyId: string;
  /** Base64 Ed25519 signature over the canonical JSON of the record without `signature`. */
  value: string;
}

export type SignedStatementRecord = StatementRecord & { signature: RecordSignature };

/**
 * A statement's id is derived from who published which bytes, so the same upload from the same
 * publisher always lands on the same id (idempotency without a lookup table), while the same
 * bytes from two publishers are two statements. 128 bits of SHA-256, hex.
 */
export function statementId(publisher: string, sha256Hex: string): string {
  return formatHex(sha256(utf8(`isnad statement id\n${publisher}\n${sha256Hex}`)).subarray(0, 16));
}

export function isStatementId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}
