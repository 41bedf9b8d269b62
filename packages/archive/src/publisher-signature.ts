/**
 * Checks a publisher's signature on an upload (issue #17) against the keys its domain declared
 * (publisher-keys.ts), trusted at the time of the upload: a rotated key signs nothing after its
 * rotation, a revoked one nothing at all. Every refusal is a BAD_REQUEST naming the field and
 * why (`details.reason`), raised before anything is stored.
 */
import { formatBase64 } from "@isnad/core";
import {
  parseStatementSignature,
  statementSignatureMessage,
  StatementSignatureError,
  verifyStatementSignature,
  type ParsedStatementSignature,
} from "@isnad/cose";
import { ArchiveError } from "./errors";
import type { CleanFields } from "./ingest-input";
import {
  keyTrustedAt,
  publisherKeyId,
  type PublisherKey,
  type PublisherKeyDirectory,
} from "./publisher-keys";
import type { PublisherSignature } from "./statement-record";

export type SignatureRefusal =
  | "malformed"
  | "not-accepted" // this archive has no publisher key directory
  | "no-keys"
  | "unknown-key"
  | "key-not-trusted"
  | "does-not-verify";

export interface SignedUpload {
  publisher: string;
  /** Lowercase hex SHA-256 of the bytes, computed by the server. */
  sha256: string;
  fields: CleanFields;
  /** The signature as sent (armored or base64 SSHSIG, or base64 Ed25519). */
  signature: string;
  /** The upload's time (RFC 3339): the keys must be trusted then. */
  at: string;
}

function refuse(
  reason: SignatureRefusal,
  message: string,
  extra: Record<string, unknown> = {},
): ArchiveError {
  return new ArchiveError("BAD_REQUEST", `signature: ${message}; nothing was archived`, {
    details: { field: "signature", reason, ...extra },
  });
}

export async function checkPublisherSignature(
  directory: PublisherKeyDirectory | undefined,
  upload: SignedUpload,
): Promise<PublisherSignature> {
  if (!directory) throw refuse("not-accepted", "this archive does not check publisher signatures");
  let parsed: ParsedStatementSignature;
  try {
    parsed = parseStatementSignature(upload.signature);
  } catch (cause) {
    throw refuse("malformed", (cause as Error).message);
  }
  const keys = await directory.keysOf(upload.publisher);
  if (keys.length === 0) {
    throw refuse("no-keys", `publisher ${upload.publisher} has registered no signing keys for its domain`);
  }
  const trusted = keys.filter((key) => keyTrustedAt(key, upload.at));
  // Tried against trusted keys first; then against the others, only to say why it is refused.
  const found = (await tryKeys(parsed, upload, trusted)) ?? (await tryKeys(parsed, upload, keys));
  if (!found) throw refuse("does-not-verify", notVerified(upload));
  if (!found.key) {
    throw refuse("unknown-key", `made with ${found.keyId}, which ${upload.publisher} never registered`, {
      keyId: found.keyId,
    });
  }
  const { key } = found;
  if (!trusted.includes(key))
    throw refuse("key-not-trusted", untrusted(key, upload.at), { keyId: key.keyId });
  return {
    format: parsed.format,
    keyId: key.keyId,
    domain: key.domain,
    publicKey: formatBase64(key.publicKey),
    signature: parsed.format === "sshsig" ? parsed.armored : formatBase64(parsed.signature),
  };
}

/** The key among `keys` whose domain's message the signature verifies, or the SSHSIG signer. */
async function tryKeys(
  parsed: ParsedStatementSignature,
  upload: SignedUpload,
  keys: readonly PublisherKey[],
): Promise<{ key?: PublisherKey; keyId: string } | undefined> {
  // One message per domain: the domain is signed, so a key only vouches for its own.
  const domains = [...new Set(keys.map((key) => key.domain))];
  let unknownSigner: { keyId: string } | undefined;
  for (const domain of domains.length > 0 ? domains : [""]) {
    const ofDomain = keys.filter((key) => key.domain === domain);
    const message = statementSignatureMessage({
      sha256: upload.sha256,
      publisher: upload.publisher,
      domain,
      fields: upload.fields,
    });
    try {
      const { signer, candidate } = await verifyStatementSignature(
        parsed,
        message,
        ofDomain.map((key) => key.publicKey),
      );
      const key = ofDomain.find((k) => k.publicKey === candidate);
      if (key) return { key, keyId: key.keyId };
      unknownSigner = { keyId: publisherKeyId(signer) };
    } catch (e) {
      if (!(e instanceof StatementSignatureError)) throw e;
      if (e.code === "malformed") throw refuse("malformed", e.message);
    }
  }
  return unknownSigner;
}

function notVerified(upload: SignedUpload): string {
  return (
    `it does not verify for these bytes (sha256 ${upload.sha256}) and fields under any key of ` +
    `${upload.publisher}: sign the isnad-statement/v1 message of exactly what is uploaded (isnad sign)`
  );
}

function untrusted(key: PublisherKey, at: string): string {
  if (key.retiredBy === "revoked") return `key ${key.keyId} of ${key.domain} was revoked (${key.retiredAt})`;
  if (key.retiredAt !== undefined && at >= key.retiredAt) {
    return `key ${key.keyId} of ${key.domain} was rotated away at ${key.retiredAt}`;
  }
  return `key ${key.keyId} of ${key.domain} was not yet introduced (${key.introducedAt})`;
}

/** A signature cannot be added to a record already signed and logged without one. */
export function signedTooLate(id: string): ArchiveError {
  return new ArchiveError(
    "CONFLICT",
    `these bytes are archived already as statement ${id}, without a publisher signature; ` +
      "a signature cannot be added to a logged record afterwards",
    { details: { statement: id, field: "signature" } },
  );
}
