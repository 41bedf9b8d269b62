/**
 * Domain-bound publisher keys (issue #17): the use case behind POST /v1/publishers/{id}/domain-keys
 * and the PublisherKeyDirectory that signature checks read.
 *
 * Introduction: a nonce (possession-challenges.ts) → the publisher's signature over
 * keyPossessionMessage (core) → the well-known file and TXT record read fresh over HTTPS and DNS
 * (domain-evidence.ts) → a signed, logged `isnad.publisher-key/v1` entry → the key item.
 * Rotation retires a key the domain no longer lists (the file is read again as evidence);
 * revocation retires a key for all time, on the publisher's word alone (a stolen key must be
 * stoppable even when the web server is not under the publisher's control).
 *
 * Write order: the log entry first, then the item. A key is trusted only once its entry is in
 * the log; a crash in between leaves a logged key without an item, and registering it again (new
 * nonce) logs a second introduction and writes the item — harmless, as both say the same thing.
 */
import {
  formatPublisherKeyId,
  keyPossessionMessage,
  parseBase64,
  parsePublisherKey,
  verifyEd25519,
  canonicalize,
  utf8,
  equalBytes,
} from "@isnad/core";
import { ArchiveError } from "../errors";
import type { TransparencyLog } from "../archive-deps";
import type { Clock } from "../clock";
import type { Item, ItemStore } from "../ports";
import type { Publishers } from "../publishers";
import type { PublisherKey, PublisherKeyDirectory } from "../publisher-keys";
import { signRecord, type Signer } from "../signing";
import type { RecordSignature } from "../statement-record";
import type { DomainFetchOptions } from "./domain-file-fetch";
import { readDomainStatement, type DomainStatement } from "./domain-evidence";
import {
  DOMAIN_KEY_PREFIX,
  domainKeyItem,
  domainKeyItemKey,
  keyEntry,
  keyOfItem,
  type PublisherKeyEntry,
} from "./domain-key-records";
import { checkChallenge, consumeChallenge, issueChallenge, type Challenge } from "./possession-challenges";

export interface DomainKeysDeps {
  items: ItemStore;
  clock: Clock;
  signer: Signer;
  log?: TransparencyLog;
  publishers: Pick<Publishers, "get">;
  fetch: DomainFetchOptions;
}

export interface KeyRegistration {
  /** `ed25519:<base64>` of the raw key. */
  publicKey: string;
  /** The domain the key is for: must be the publisher's declared domain. */
  domain: string;
  nonce: string;
  /** Base64 Ed25519 signature over keyPossessionMessage. */
  proof: string;
}

export type SignedKeyEntry = PublisherKeyEntry & { signature: RecordSignature };

export interface KeyChange {
  key: PublisherKey;
  /** The signed log entry (absent when nothing changed: the key was already in that state). */
  entry?: SignedKeyEntry;
  leafIndex?: number;
  created: boolean;
}

const refuse = (check: string, message: string) =>
  new ArchiveError("BAD_REQUEST", message, { details: { check } });

export class DomainKeys implements PublisherKeyDirectory {
  constructor(private readonly deps: DomainKeysDeps) {}

  async keysOf(publisherId: string): Promise<readonly PublisherKey[]> {
    const found: PublisherKey[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.items.query(`pub#${publisherId}`, {
        skPrefix: DOMAIN_KEY_PREFIX,
        ...(cursor ? { cursor } : {}),
      });
      found.push(...page.items.map(keyOfItem));
      cursor = page.cursor;
    } while (cursor);
    return found.sort((a, b) =>
      a.introducedAt < b.introducedAt ? -1 : a.introducedAt > b.introducedAt ? 1 : 0,
    );
  }

  async challenge(publisher: string): Promise<Challenge> {
    await this.domainOf(publisher);
    return issueChallenge(this.deps.items, this.deps.clock, publisher);
  }

  async register(publisher: string, input: KeyRegistration): Promise<KeyChange> {
    const domain = await this.domainOf(publisher);
    if (input.domain !== domain) {
      throw refuse("domain", `publisher '${publisher}' declares the domain ${domain}, not ${input.domain}`);
    }
    const publicKey = parseKey(input.publicKey);
    const keyId = formatPublisherKeyId(publicKey);
    // Cheap local checks first; the nonce is used up only by a valid proof.
    await checkChallenge(this.deps.items, this.deps.clock, publisher, input.nonce);
    const message = keyPossessionMessage({ domain, publisher, publicKey, nonce: input.nonce });
    if (!verifyEd25519(publicKey, message, parseSignature(input.proof))) {
      throw refuse("possession", `the proof of possession does not verify for key ${keyId} and this nonce`);
    }
    await consumeChallenge(this.deps.items, this.deps.clock, publisher, input.nonce);

    const existing = await this.item(publisher, keyId);
    if (existing) {
      const key = keyOfItem(existing);
      if (key.retiredBy) {
        throw new ArchiveError(
          "CONFLICT",
          `key ${keyId} was ${key.retiredBy} on ${key.retiredAt}; a retired key is never introduced again`,
          { details: { check: "retired" } },
        );
      }
      return { key, created: false };
    }
    const seen = await this.read(domain, publisher);
    if (!seen.file.keys.some((k) => equalBytes(k, publicKey))) {
      throw refuse("well-known", `the file at ${seen.evidence.url} does not list this key (${keyId})`);
    }
    if (seen.txtKeyIds && !seen.txtKeyIds.includes(keyId)) {
      throw refuse(
        "txt",
        `TXT record mismatch: _isnad.${domain} names ${seen.txtKeyIds.join(", ") || "no key"}, not ${keyId}`,
      );
    }
    const at = this.deps.clock.now().toISOString();
    const key: PublisherKey = { keyId, publicKey, domain, introducedAt: at };
    const entry = keyEntry(key, publisher, {
      action: "introduced",
      at,
      evidence: seen.evidence,
      proof: { nonce: input.nonce, signature: input.proof },
    });
    const { signed, leafIndex } = await this.append(entry);
    if (!(await this.deps.items.putIfAbsent(domainKeyItem(publisher, key, leafIndex)))) {
      // Another request introduced it meanwhile (with its own nonce): that one stands.
      return { key: keyOfItem((await this.item(publisher, keyId))!), created: false };
    }
    return { key, entry: signed, ...(leafIndex !== undefined ? { leafIndex } : {}), created: true };
  }

  /** Retires a key the domain no longer lists; signatures made before stay valid. */
  async rotate(publisher: string, keyId: string): Promise<KeyChange> {
    const domain = await this.domainOf(publisher);
    const { item, key } = await this.existing(publisher, keyId);
    if (key.retiredBy) return { key, created: false };
    const seen = await this.read(domain, publisher);
    if (seen.file.keys.some((k) => equalBytes(k, key.publicKey))) {
      throw new ArchiveError(
        "CONFLICT",
        `the file at ${seen.evidence.url} still lists ${keyId}: remove it there first, then rotate`,
        { details: { check: "well-known" } },
      );
    }
    return this.retire(publisher, item, key, "rotated", { evidence: seen.evidence });
  }

  /** Distrusts a key for all time (also one already rotated away). */
  async revoke(publisher: string, keyId: string, reason: string | null = null): Promise<KeyChange> {
    await this.domainOf(publisher);
    const { item, key } = await this.existing(publisher, keyId);
    if (key.retiredBy === "revoked") return { key, created: false };
    return this.retire(publisher, item, key, "revoked", { reason });
  }

  private async retire(
    publisher: string,
    item: Item,
    key: PublisherKey,
    how: "rotated" | "revoked",
    extra: Pick<PublisherKeyEntry, "evidence" | "reason">,
  ): Promise<KeyChange> {
    const at = this.deps.clock.now().toISOString();
    const entry = keyEntry(key, publisher, { action: how, at, ...extra });
    const { signed, leafIndex } = await this.append(entry);
    const version = typeof item.version === "number" ? item.version : 1;
    const next: Item = {
      ...item,
      // A rotated key later revoked keeps when it stopped signing; revocation voids it anyway.
      retiredAt: key.retiredAt ?? at,
      retiredBy: how,
      ...(leafIndex !== undefined ? { [`${how}LeafIndex`]: leafIndex } : {}),
      version: version + 1,
    };
    if (!(await this.deps.items.putIfVersion(next, version))) {
      throw new ArchiveError("CONFLICT", `key ${key.keyId} is being changed by another request; try again`);
    }
    return {
      key: keyOfItem(next),
      entry: signed,
      ...(leafIndex !== undefined ? { leafIndex } : {}),
      created: true,
    };
  }

  private async domainOf(publisher: string): Promise<string> {
    const found = await this.deps.publishers.get(publisher);
    if (!found) throw new ArchiveError("NOT_FOUND", `no publisher '${publisher}'`);
    if (!found.domain) {
      throw refuse(
        "domain",
        `publisher '${publisher}' declares no domain; the operator sets it with \`isnad publisher update ${publisher} --domain D\``,
      );
    }
    return found.domain;
  }

  private item(publisher: string, keyId: string): Promise<Item | undefined> {
    const { pk, sk } = domainKeyItemKey(publisher, keyId);
    return this.deps.items.get(pk, sk);
  }

  private async existing(publisher: string, keyId: string): Promise<{ item: Item; key: PublisherKey }> {
    const item = /^ed25519:[0-9a-f]{16}$/.test(keyId) ? await this.item(publisher, keyId) : undefined;
    if (!item) throw new ArchiveError("NOT_FOUND", `publisher '${publisher}' has no domain key ${keyId}`);
    return { item, key: keyOfItem(item) };
  }

  private read(domain: string, publisher: string): Promise<DomainStatement> {
    return readDomainStatement(domain, publisher, this.deps.fetch, this.deps.clock);
  }

  /** Signs and logs the entry; the signed record is what the log holds, byte for byte. */
  private async append(entry: PublisherKeyEntry): Promise<{ signed: SignedKeyEntry; leafIndex?: number }> {
    const signed = signRecord(entry, this.deps.signer);
    if (!this.deps.log) return { signed };
    const { leafIndex } = await this.deps.log.append(utf8(canonicalize(signed)));
    return { signed, leafIndex };
  }
}

function parseKey(text: string): Uint8Array {
  try {
    return parsePublisherKey(text);
  } catch (cause) {
    throw new ArchiveError("BAD_REQUEST", (cause as Error).message, { cause, details: { check: "key" } });
  }
}

function parseSignature(text: string): Uint8Array {
  try {
    return parseBase64(text, 64);
  } catch (cause) {
    throw new ArchiveError("BAD_REQUEST", "the proof is not a base64 Ed25519 signature (64 bytes)", {
      cause,
      details: { check: "possession" },
    });
  }
}
