/**
 * What a publisher signs for a statement (issue #17), and how isnad and anyone else check it.
 *
 * The message is the RFC 8785 canonical JSON (UTF-8) of
 *   {"type": "isnad-statement/v1", "sha256", "publisher", "domain",
 *    "title", "language", "publishedAt", "sourceUrl", "supersedes", "translationOf"}
 * — the bytes' SHA-256 plus every field the publisher claims, each null when not given, and the
 * domain whose keys vouch for it. All of it is in the archived record (statement-record.ts), so a
 * reader rebuilds the message from the record alone. Values are as the archive records them:
 * trimmed, "" as null, the language tag in lower case (archive's cleanFields).
 *
 * Two signature forms over that message, both Ed25519 (RFC 8032):
 *  - "sshsig": OpenSSH's SSHSIG (PROTOCOL.sshsig) in namespace isnad-statement@v1, so
 *    `ssh-keygen -Y sign -n isnad-statement@v1` signs it and `ssh-keygen -Y verify` checks it;
 *  - "ed25519": a bare 64-byte signature of the message bytes, in base64.
 * Pure and synchronous apart from SSHSIG's WebCrypto digest; trust material is passed in.
 */
import { canonicalize, equalBytes, parseBase64, utf8, verifyEd25519 } from "@isnad/core";
import { SshsigError, verifySshsig } from "./sshsig";

export const STATEMENT_SIGNATURE_TYPE = "isnad-statement/v1";
/** A signature longer than this is refused unread (an Ed25519 SSHSIG is about 300 characters). */
export const MAX_SIGNATURE_CHARS = 4096;

/** The publisher's fields the message holds, in the record's names. */
export const SIGNED_FIELDS = [
  "title",
  "language",
  "publishedAt",
  "sourceUrl",
  "supersedes",
  "translationOf",
] as const;
export type SignedField = (typeof SIGNED_FIELDS)[number];

export interface StatementClaims {
  /** Lowercase hex SHA-256 of the document's bytes. */
  sha256: string;
  /** The isnad publisher id the statement is archived under. */
  publisher: string;
  /** The domain that declared the signing key, lower case, e.g. "press.example". */
  domain: string;
  fields: Partial<Record<SignedField, string | null | undefined>>;
}

export type StatementSignatureFormat = "sshsig" | "ed25519";

export type ParsedStatementSignature =
  { format: "sshsig"; armored: string } | { format: "ed25519"; signature: Uint8Array };

export class StatementSignatureError extends Error {
  override readonly name = "StatementSignatureError";
  constructor(
    readonly code: "malformed" | "does-not-verify",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A field's value as the archive records it, so signer and archive build the same message. */
function recorded(field: SignedField, value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "") return null;
  return field === "language" ? trimmed.toLowerCase() : trimmed;
}

/** The canonical message bytes a publisher signs for these claims. */
export function statementSignatureMessage(claims: StatementClaims): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(claims.sha256))
    throw new StatementSignatureError("malformed", "a statement's sha256 is 64 lowercase hex digits");
  const message: Record<string, string | null> = {
    type: STATEMENT_SIGNATURE_TYPE,
    sha256: claims.sha256,
    publisher: claims.publisher,
    domain: claims.domain.toLowerCase(),
  };
  for (const field of SIGNED_FIELDS) message[field] = recorded(field, claims.fields[field]);
  return utf8(canonicalize(message));
}

const SSHSIG_BEGIN = "-----BEGIN SSH SIGNATURE-----";
const SSHSIG_END = "-----END SSH SIGNATURE-----";
/** "SSHSIG" in base64: a bare SSHSIG blob sent without its armor still reads as SSHSIG. */
const SSHSIG_BASE64_PREFIX = "U1NIU0lH";

/**
 * Reads a signature as sent (a form field, a query parameter or a header): an armored SSHSIG
 * (line breaks optional), a bare base64 SSHSIG blob, or 64 bytes of Ed25519 signature in base64.
 */
export function parseStatementSignature(value: string): ParsedStatementSignature {
  if (value.length > MAX_SIGNATURE_CHARS)
    throw new StatementSignatureError("malformed", `longer than ${MAX_SIGNATURE_CHARS} characters`);
  const text = value.trim();
  if (text.startsWith(SSHSIG_BEGIN)) return { format: "sshsig", armored: text };
  const compact = text.replace(/\s+/g, "");
  if (compact.startsWith(SSHSIG_BASE64_PREFIX))
    return { format: "sshsig", armored: `${SSHSIG_BEGIN}\n${compact}\n${SSHSIG_END}\n` };
  let signature: Uint8Array;
  try {
    signature = parseBase64(compact, 64);
  } catch (cause) {
    throw new StatementSignatureError(
      "malformed",
      "neither an SSH SIGNATURE block nor a base64 Ed25519 signature (64 bytes)",
      { cause },
    );
  }
  return { format: "ed25519", signature };
}

/**
 * Checks `signature` over `message` and returns the Ed25519 public key that made it, which is
 * one of `candidates`. For SSHSIG the key is named inside the signature and may be none of the
 * candidates: then `signer` is that key and `candidate` is undefined, so the caller can say
 * which unknown key signed. Throws StatementSignatureError when nothing verifies.
 */
export async function verifyStatementSignature(
  signature: ParsedStatementSignature,
  message: Uint8Array,
  candidates: readonly Uint8Array[],
): Promise<{ signer: Uint8Array; candidate: Uint8Array | undefined }> {
  if (signature.format === "sshsig") {
    let signer: Uint8Array;
    try {
      signer = await verifySshsig(signature.armored, message);
    } catch (cause) {
      if (!(cause instanceof SshsigError)) throw cause;
      const code = cause.message.endsWith("does not verify") ? "does-not-verify" : "malformed";
      throw new StatementSignatureError(code, cause.message, { cause });
    }
    return { signer, candidate: candidates.find((key) => equalBytes(key, signer)) };
  }
  const candidate = candidates.find((key) => verifyEd25519(key, message, signature.signature));
  if (!candidate)
    throw new StatementSignatureError(
      "does-not-verify",
      "the Ed25519 signature verifies under none of the keys",
    );
  return { signer: candidate, candidate };
}
