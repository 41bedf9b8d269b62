/**
 * Registering a SCITT Signed Statement (draft-ietf-scitt-scrapi "Register Signed Statement") as an
 * isnad statement. The registration policy, applied before anything is stored:
 *   1. the body is a COSE_Sign1 with its payload attached and a protected alg of EdDSA (−8) or
 *      Ed25519 (−19) (packages/cose/src/signed-statement.ts);
 *   2. its kid (label 4) is the UTF-8 of one of the authenticated publisher's domain-bound key ids
 *      ("ed25519:<16 hex>", packages/archive/src/publisher-keys.ts), trusted now (keyTrustedAt);
 *   3. the signature verifies under that key;
 *   4. a CWT issuer (label 15, claim 1), when present, names the key's domain ("press.example" or
 *      "https://press.example"): a statement may not claim another issuer than its key's.
 * Then the Signed Statement's exact bytes are archived by the ordinary ingest use case, with
 * media type application/cose and the text of its payload (extracted as a document of the
 * payload's content type, when it names one), so it is quotable like any upload.
 */
import { formatBase64, formatHex, sha256 } from "@isnad/core";
import {
  ArchiveError,
  ingest,
  keyTrustedAt,
  mediaTypeEssence,
  statementId,
  type ArchiveDeps,
  type Extractor,
  type IngestResult,
  type PublisherKey,
} from "@isnad/archive";
import {
  COSE_MEDIA_TYPE,
  CoseError,
  parseSignedStatement,
  verifySignedStatement,
  type CoseErrorCode,
  type SignedStatement,
} from "@isnad/cose";

/** SCRAPI's error titles (§ "Register Signed Statement", Status 400) where it has one. */
const TITLES: Record<CoseErrorCode, string> = {
  MALFORMED: "Malformed request",
  UNSUPPORTED_ALGORITHM: "Bad Signature Algorithm",
  PAYLOAD_MISSING: "Payload Missing",
  UNKNOWN_CRITICAL_HEADER: "Unsupported Critical Header",
  BAD_SIGNATURE: "Bad Signature",
};

/** A 400 with a SCITT title (problem.ts lets `details.title` name the problem more precisely). */
function refused(title: string, detail: string, extra: Record<string, unknown> = {}): ArchiveError {
  return new ArchiveError("BAD_REQUEST", detail, { details: { title, ...extra } });
}

function parse(bytes: Uint8Array): SignedStatement {
  try {
    return parseSignedStatement(bytes);
  } catch (error) {
    if (error instanceof CoseError) throw refused(TITLES[error.code], error.message, { cose: error.code });
    throw error;
  }
}

/** Steps 1–4 above: the key that signed the statement, or a 400 saying which step failed. */
export async function checkSignedStatement(
  deps: Pick<ArchiveDeps, "publisherKeys" | "clock">,
  publisher: string,
  bytes: Uint8Array,
): Promise<{ statement: SignedStatement; key: PublisherKey }> {
  const statement = parse(bytes);
  const keys = (await deps.publisherKeys?.keysOf(publisher)) ?? [];
  if (statement.kid === undefined) {
    throw refused(
      "Unknown Key",
      "the Signed Statement names no kid (COSE label 4): name one of your keys' ids",
    );
  }
  let kid: string;
  try {
    kid = new TextDecoder("utf-8", { fatal: true }).decode(statement.kid);
  } catch {
    kid = `0x${formatHex(statement.kid)}`;
  }
  const key = keys.find((k) => k.keyId === kid);
  if (!key) {
    const known =
      keys.length === 0 ? "it has none registered" : `its keys are ${keys.map((k) => k.keyId).join(", ")}`;
    throw refused(
      "Unknown Key",
      `kid ${JSON.stringify(kid.slice(0, 80))} is not a key of publisher ${publisher}: ${known}`,
    );
  }
  const now = deps.clock.now().toISOString();
  if (!keyTrustedAt(key, now)) {
    throw refused(
      "Rejected",
      `key ${key.keyId} of ${key.domain} ${untrustedBecause(key)}: it signs nothing now`,
    );
  }
  try {
    verifySignedStatement(statement, key.publicKey);
  } catch (error) {
    if (error instanceof CoseError) throw refused(TITLES[error.code], error.message, { cose: error.code });
    throw error;
  }
  if (statement.issuer !== undefined && !issuerNames(statement.issuer, key.domain)) {
    throw refused(
      "Rejected",
      `the CWT issuer ${JSON.stringify(statement.issuer.slice(0, 200))} is not ${key.domain}, the domain of key ${key.keyId}`,
    );
  }
  return { statement, key };
}

function untrustedBecause(key: PublisherKey): string {
  if (key.retiredBy === "revoked") return `was revoked at ${key.retiredAt ?? "some time"}`;
  if (key.retiredBy === "rotated") return `was rotated away at ${key.retiredAt ?? "some time"}`;
  return `is introduced only at ${key.introducedAt}`;
}

function issuerNames(issuer: string, domain: string): boolean {
  const bare = issuer
    .toLowerCase()
    .replace(/^https:\/\//, "")
    .replace(/\/$/, "");
  return bare === domain;
}

/** The entry id of a registration: the isnad statement id (publisher + SHA-256 of the bytes). */
export function entryIdOf(publisher: string, bytes: Uint8Array): string {
  return statementId(publisher, formatHex(sha256(bytes)));
}

/**
 * The archive's extractor, asked about the payload instead of the COSE bytes: the record keeps
 * media type application/cose for the original, and the payload's text (when the extractor can
 * read the content type it names) as the statement's text.
 */
export function payloadExtractor(inner: Extractor, statement: SignedStatement): Extractor {
  return {
    async extract() {
      const type = statement.contentType === undefined ? undefined : mediaTypeEssence(statement.contentType);
      if (type === undefined) {
        return {
          mediaType: COSE_MEDIA_TYPE,
          status: "unsupported",
          text: "",
          message: "the Signed Statement names no media type for its payload (COSE label 3)",
        };
      }
      return { ...(await inner.extract(statement.payload, type, null)), mediaType: COSE_MEDIA_TYPE };
    },
  };
}

/**
 * Archives a checked Signed Statement through ingest (idempotent: the same bytes again are the
 * same statement). The record names its signer as a "cose-sign1" publisher signature, so pages and
 * verify answers say "signed by <domain>"; the signature is the original itself, and a reader
 * checks it from those bytes (cose verifyRecordPublisherSignature).
 */
export function archiveSignedStatement(
  deps: ArchiveDeps,
  publisher: string,
  bytes: Uint8Array,
  checked: { statement: SignedStatement; key: PublisherKey },
): Promise<IngestResult> {
  const { statement, key } = checked;
  return ingest(
    { ...deps, extractor: payloadExtractor(deps.extractor, statement) },
    {
      publisher,
      body: bytes,
      declaredMediaType: COSE_MEDIA_TYPE,
      filename: null,
      fields: {},
      checkedSignature: {
        format: "cose-sign1",
        keyId: key.keyId,
        domain: key.domain,
        publicKey: formatBase64(key.publicKey),
        signature: formatBase64(statement.signature),
      },
    },
  );
}
