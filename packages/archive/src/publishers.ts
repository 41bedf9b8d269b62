/**
 * Publishers and their API keys. A key reads `isnad_<key id>_<secret>`: the id finds the key
 * item with one GetItem, and only SHA-256 of the secret is stored, compared in constant time, so
 * a leaked table does not leak usable keys. Authorization is per publisher: a key acts for
 * exactly one publisher.
 */
import { equalBytes, formatHex, sha256, utf8 } from "@isnad/core";
import { ArchiveError } from "./errors";
import { keys } from "./items";
import type { Clock } from "./clock";
import type { ItemStore } from "./ports";
import type { Journal } from "./journal";

export interface Publisher {
  id: string;
  name: string;
  createdAt: string;
}

export interface IssuedKey {
  keyId: string;
  publisher: string;
  /** The whole key; shown once, never stored. */
  apiKey: string;
}

const PUBLISHER_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const API_KEY = /^isnad_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

/**
 * Splits an API key into the id that finds its item and the secret that is hashed. Keys an
 * operator chose themselves (ISNAD_API_KEY locally) need not follow the isnad_ format: any 16–512
 * visible ASCII characters work, with an id derived from the whole key.
 */
function parseApiKey(apiKey: string): { keyId: string; secret: string } | undefined {
  const match = API_KEY.exec(apiKey);
  if (match) return { keyId: match[1]!, secret: match[2]! };
  if (!/^[\x21-\x7e]{16,512}$/.test(apiKey)) return undefined;
  return { keyId: formatHex(sha256(utf8(`isnad api key id\n${apiKey}`)).subarray(0, 8)), secret: apiKey };
}

/**
 * The id of an API key, without looking it up (and without saying whether it is valid): what
 * rate limits are kept per. Undefined for what cannot be a key at all.
 */
export function apiKeyId(apiKey: string): string | undefined {
  return parseApiKey(apiKey)?.keyId;
}

export function isPublisherId(id: string): boolean {
  return PUBLISHER_ID.test(id);
}

function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

function secretHash(secret: string): Uint8Array {
  return sha256(utf8(`isnad api key\n${secret}`));
}

export class Publishers {
  constructor(
    private readonly items: ItemStore,
    private readonly clock: Clock,
    /** Where changes are logged (createServices wires the transparency log); absent in unit tests. */
    private readonly journal?: Journal,
  ) {}

  async create(id: string, name: string): Promise<Publisher> {
    if (!isPublisherId(id)) {
      throw new ArchiveError(
        "BAD_REQUEST",
        "a publisher id is 1–64 lowercase letters, digits and inner hyphens (e.g. 'etilaf')",
      );
    }
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 200) {
      throw new ArchiveError("BAD_REQUEST", "a publisher name is 1–200 characters");
    }
    const publisher = { id, name: trimmed, createdAt: this.clock.now().toISOString() };
    if (!(await this.items.putIfAbsent({ ...keys.publisher(id), ...publisher }))) {
      throw new ArchiveError("CONFLICT", `publisher '${id}' exists already`);
    }
    await this.journal?.append({
      type: "isnad.publisher/v1",
      action: "created",
      publisher: id,
      name: publisher.name,
      at: publisher.createdAt,
    });
    return publisher;
  }

  async get(id: string): Promise<Publisher | undefined> {
    if (!isPublisherId(id)) return undefined;
    const item = await this.items.get(keys.publisher(id).pk, "profile");
    return item && { id, name: String(item.name), createdAt: String(item.createdAt) };
  }

  async issueKey(publisher: string): Promise<IssuedKey> {
    return this.registerKey(publisher, `isnad_${formatHex(randomBytes(8))}_${base64url(randomBytes(32))}`);
  }

  /** Stores (the hash of) a key that was generated elsewhere, e.g. ISNAD_API_KEY for local use. */
  async registerKey(publisher: string, apiKey: string): Promise<IssuedKey> {
    if (!(await this.get(publisher))) throw new ArchiveError("NOT_FOUND", `no publisher '${publisher}'`);
    const parsed = parseApiKey(apiKey);
    if (!parsed) throw new ArchiveError("BAD_REQUEST", "an API key is 16–512 visible ASCII characters");
    const { keyId, secret } = parsed;
    const createdAt = this.clock.now().toISOString();
    const item = {
      ...keys.apiKey(keyId),
      publisher,
      hash: secretHash(secret),
      createdAt,
      gsi1pk: `pub#${publisher}/keys`,
      gsi1sk: `key#${keyId}`,
    };
    if (!(await this.items.putIfAbsent(item))) {
      // Registering a key again changes nothing — in particular it never revives a revoked key.
      const existing = await this.items.get(item.pk, item.sk);
      if (existing?.publisher !== publisher) {
        throw new ArchiveError("CONFLICT", "this API key belongs to another publisher");
      }
      return { keyId, publisher, apiKey };
    }
    await this.journal?.append({
      type: "isnad.apikey/v1",
      action: "issued",
      publisher,
      keyId,
      at: createdAt,
    });
    return { keyId, publisher, apiKey };
  }

  async revokeKey(keyId: string): Promise<void> {
    const item = await this.items.get(keys.apiKey(keyId).pk, "key");
    if (!item) throw new ArchiveError("NOT_FOUND", `no API key with id '${keyId}'`);
    if (item.revokedAt) return;
    const revokedAt = this.clock.now().toISOString();
    await this.items.put({ ...item, revokedAt });
    await this.journal?.append({
      type: "isnad.apikey/v1",
      action: "revoked",
      publisher: String(item.publisher),
      keyId,
      at: revokedAt,
    });
  }

  /** The publisher an API key acts for; UNAUTHORIZED for malformed, unknown or revoked keys. */
  async authenticate(apiKey: string | undefined): Promise<string> {
    if (!apiKey) {
      throw new ArchiveError(
        "UNAUTHORIZED",
        "uploading needs a publisher API key: Authorization: Bearer <key>",
      );
    }
    const parsed = parseApiKey(apiKey);
    if (!parsed) throw new ArchiveError("UNAUTHORIZED", "the API key is malformed");
    const item = await this.items.get(keys.apiKey(parsed.keyId).pk, "key");
    const stored = item?.hash;
    const valid = stored instanceof Uint8Array && equalBytes(stored, secretHash(parsed.secret));
    if (!item || !valid) throw new ArchiveError("UNAUTHORIZED", "the API key is not valid");
    if (item.revokedAt) throw new ArchiveError("UNAUTHORIZED", "the API key has been revoked");
    return String(item.publisher);
  }
}
