/**
 * How domain-bound publisher keys are stored and logged (issue #17).
 *
 * Items: one per key, in the publisher's partition, so `keysOf` is one Query:
 *
 * | kind       | pk              | sk                 |
 * |------------|-----------------|--------------------|
 * | domain key | pub#<publisher> | domainkey#<key id> |
 *
 * Log entries (signed by isnad like every record, RFC 8785 canonical JSON): type
 * `isnad.publisher-key/v1`, action `introduced`, `rotated` or `revoked`. An introduction and a
 * rotation carry the evidence isnad saw on the domain (the file's URL and SHA-256, the TLS
 * certificate's SHA-256, the TXT record, the time), an introduction also the publisher's proof of
 * possession, so anyone can later check what isnad relied on.
 */
import { formatPublisherKey } from "@isnad/core";
import { ArchiveError } from "../errors";
import type { Item } from "../ports";
import type { PublisherKey } from "../publisher-keys";

export const DOMAIN_KEY_PREFIX = "domainkey#";

export const domainKeyItemKey = (publisher: string, keyId: string) => ({
  pk: `pub#${publisher}`,
  sk: `${DOMAIN_KEY_PREFIX}${keyId}`,
});

export interface DomainEvidence {
  url: string;
  /** Hex SHA-256 of the well-known file as fetched. */
  sha256: string;
  /** Hex SHA-256 of the TLS server certificate (DER). */
  certificateSha256: string;
  fetchedAt: string;
  /** The `_isnad` TXT records that named keys, joined with "\n"; null when there were none. */
  txt: string | null;
}

export interface PublisherKeyEntry {
  type: "isnad.publisher-key/v1";
  action: "introduced" | "rotated" | "revoked";
  publisher: string;
  domain: string;
  keyId: string;
  /** `ed25519:<base64>`. */
  publicKey: string;
  at: string;
  evidence?: DomainEvidence;
  /** Introduction only: the nonce isnad issued and the publisher's signature over the PoP message. */
  proof?: { nonce: string; signature: string };
  /** Revocation only: the publisher's reason, if it gave one. */
  reason?: string | null;
}

export function keyEntry(
  key: PublisherKey,
  publisher: string,
  rest: Omit<PublisherKeyEntry, "type" | "publisher" | "domain" | "keyId" | "publicKey">,
): PublisherKeyEntry {
  return {
    type: "isnad.publisher-key/v1",
    publisher,
    domain: key.domain,
    keyId: key.keyId,
    publicKey: formatPublisherKey(key.publicKey),
    ...rest,
  };
}

/** The item of a newly introduced key (rotation and revocation rewrite it with retiredAt/By). */
export function domainKeyItem(publisher: string, key: PublisherKey, introducedLeafIndex?: number): Item {
  return {
    ...domainKeyItemKey(publisher, key.keyId),
    keyId: key.keyId,
    publicKey: key.publicKey,
    domain: key.domain,
    introducedAt: key.introducedAt,
    ...(introducedLeafIndex !== undefined ? { introducedLeafIndex } : {}),
    version: 1,
  };
}

export function keyOfItem(item: Readonly<Record<string, unknown>>): PublisherKey {
  const { keyId, publicKey, domain, introducedAt, retiredAt, retiredBy } = item;
  if (
    typeof keyId !== "string" ||
    !(publicKey instanceof Uint8Array) ||
    typeof domain !== "string" ||
    typeof introducedAt !== "string"
  ) {
    throw new ArchiveError("INTEGRITY", `domain key item ${String(item.pk)} ${String(item.sk)} is malformed`);
  }
  return {
    keyId,
    publicKey,
    domain,
    introducedAt,
    ...(typeof retiredAt === "string" ? { retiredAt } : {}),
    ...(retiredBy === "rotated" || retiredBy === "revoked" ? { retiredBy } : {}),
  };
}
