/**
 * The port between domain-bound publisher keys and the code that checks publisher signatures
 * (issue #17): registration (fetching https://<domain>/.well-known/isnad-publisher, the
 * `_isnad.<domain>` TXT record, proof of possession, the logged key-introduction entry) fills
 * it; signed uploads, the SCRAPI facade and the pages read it. A key is never deleted: a
 * rotated or revoked key keeps its record, so signatures made while it was active still verify.
 */
import { formatPublisherKeyId } from "@isnad/core";

export interface PublisherKey {
  /** `ed25519:` + the first 16 hex digits of SHA-256(public key): stable, short, unambiguous. */
  keyId: string;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  /** The domain that declared it (lower case, no trailing dot), e.g. "press.example". */
  domain: string;
  /** When isnad logged its introduction (RFC 3339). */
  introducedAt: string;
  /** When a rotation or revocation entry retired it (RFC 3339); absent while it is active. */
  retiredAt?: string;
  /** "revoked" keys are distrusted for all time; "rotated" ones only for signatures after retiredAt. */
  retiredBy?: "rotated" | "revoked";
}

export interface PublisherKeyDirectory {
  /** Every key the publisher ever introduced, active or retired, oldest first; [] when none. */
  keysOf(publisherId: string): Promise<readonly PublisherKey[]>;
}

/** The one definition lives in core (the _isnad TXT record names keys by it too). */
export function publisherKeyId(publicKey: Uint8Array): string {
  return formatPublisherKeyId(publicKey);
}

/** Whether a signature made at `time` (RFC 3339) by this key is to be trusted. */
export function keyTrustedAt(key: PublisherKey, time: string): boolean {
  if (key.retiredBy === "revoked") return false;
  return time >= key.introducedAt && (key.retiredAt === undefined || time < key.retiredAt);
}

/** For tests of the code that reads keys, and for deployments without domain keys. */
export class InMemoryPublisherKeyDirectory implements PublisherKeyDirectory {
  private readonly keys = new Map<string, PublisherKey[]>();

  add(publisherId: string, key: PublisherKey): void {
    this.keys.set(publisherId, [...(this.keys.get(publisherId) ?? []), key]);
  }

  async keysOf(publisherId: string): Promise<readonly PublisherKey[]> {
    return this.keys.get(publisherId) ?? [];
  }
}
