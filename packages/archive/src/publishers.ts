/**
 * Publishers and their API keys. A key reads `isnad_<key id>_<secret>`: the id finds the key
 * item with one GetItem, and only SHA-256 of the secret is stored, compared in constant time, so
 * a leaked table does not leak usable keys. Authorization is per publisher: a key acts for
 * exactly one publisher.
 */
import { equalBytes, formatHex, sha256, utf8 } from "@isnad/core";
import { ArchiveError } from "./errors";
import { keys, PUBLISHER_DIRECTORY } from "./items";
import type { Clock } from "./clock";
import type { ItemStore } from "./ports";
import type { Journal } from "./journal";
import {
  mergeProfile,
  profileOfItem,
  summarize,
  type PublisherProfile,
  type PublisherProfileInput,
  type PublisherSummary,
} from "./publisher-profile";

export interface Publisher extends PublisherSummary {
  createdAt: string;
  /** When the profile last changed (absent until it first does). */
  updatedAt?: string;
}

export interface PublisherPage {
  publishers: PublisherSummary[];
  cursor?: string;
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

  /** A new publisher: a name (the old form) or a profile with names in several languages. */
  async create(id: string, profile: string | PublisherProfileInput): Promise<Publisher> {
    if (!isPublisherId(id)) {
      throw new ArchiveError(
        "BAD_REQUEST",
        "a publisher id is 1–64 lowercase letters, digits and inner hyphens (e.g. 'etilaf')",
      );
    }
    const merged = mergeProfile(undefined, typeof profile === "string" ? { name: profile } : profile);
    const createdAt = this.clock.now().toISOString();
    if (!(await this.items.putIfAbsent(publisherItem(id, merged, { createdAt, version: 1 })))) {
      throw new ArchiveError("CONFLICT", `publisher '${id}' exists already`);
    }
    await this.journal?.append({
      type: "isnad.publisher/v1",
      action: "created",
      publisher: id,
      ...loggedProfile(merged),
      at: createdAt,
    });
    return { ...summarize(id, merged), createdAt };
  }

  /**
   * Changes names, domain or URL (absent members stay; null or "" removes a name, the domain or
   * the URL). A compare-and-swap on the item's version, so two concurrent updates never lose one
   * another's change; the new profile is then a signed log entry like the creation was.
   */
  async update(id: string, input: PublisherProfileInput): Promise<Publisher> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const item = isPublisherId(id) ? await this.items.get(keys.publisher(id).pk, "profile") : undefined;
      if (!item) throw new ArchiveError("NOT_FOUND", `no publisher '${id}'`);
      const current = profileOfItem(item);
      const merged = mergeProfile(current, input);
      const createdAt = String(item.createdAt);
      // Nothing changes: nothing to write or log, unless the item predates the directory of
      // publishers (no gsi1pk), which this rewrite puts it into (`isnad publisher update <id>`).
      const listed = item.gsi1pk === PUBLISHER_DIRECTORY;
      if (listed && JSON.stringify(merged) === JSON.stringify(current)) return publisherOf(id, item);
      const updatedAt = this.clock.now().toISOString();
      const version = typeof item.version === "number" ? item.version : undefined;
      const next = publisherItem(id, merged, { createdAt, updatedAt, version: (version ?? 0) + 1 });
      // Items written before profiles had versions are replaced once, unconditionally.
      const written =
        version === undefined
          ? (await this.items.put(next), true)
          : await this.items.putIfVersion(next, version);
      if (!written) continue;
      await this.journal?.append({
        type: "isnad.publisher/v1",
        action: "updated",
        publisher: id,
        ...loggedProfile(merged),
        at: updatedAt,
      });
      return { ...summarize(id, merged), createdAt, updatedAt };
    }
    throw new ArchiveError("CONFLICT", `publisher '${id}' is being changed by someone else; try again`);
  }

  async get(id: string): Promise<Publisher | undefined> {
    if (!isPublisherId(id)) return undefined;
    const item = await this.items.get(keys.publisher(id).pk, "profile");
    return item && publisherOf(id, item);
  }

  /** All publishers, by id, in pages. */
  async list(options: { cursor?: string; limit?: number } = {}): Promise<PublisherPage> {
    const page = await this.items.queryIndex("gsi1", PUBLISHER_DIRECTORY, {
      limit: options.limit ?? 50,
      ...(options.cursor ? { cursor: options.cursor } : {}),
    });
    const publishers = page.items.map((item) => summarize(String(item.id), profileOfItem(item)));
    return page.cursor ? { publishers, cursor: page.cursor } : { publishers };
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

function publisherItem(
  id: string,
  profile: PublisherProfile,
  meta: { createdAt: string; updatedAt?: string; version: number },
) {
  return {
    ...keys.publisher(id),
    id,
    name: profile.name,
    names: { ...profile.names },
    ...(profile.domain ? { domain: profile.domain } : {}),
    ...(profile.url ? { url: profile.url } : {}),
    ...meta,
    // The directory of publishers (GET /v1/publishers): a sparse index partition, ordered by id.
    gsi1pk: PUBLISHER_DIRECTORY,
    gsi1sk: id,
  };
}

function publisherOf(id: string, item: Readonly<Record<string, unknown>>): Publisher {
  return {
    ...summarize(id, profileOfItem(item)),
    createdAt: String(item.createdAt),
    ...(typeof item.updatedAt === "string" ? { updatedAt: item.updatedAt } : {}),
  };
}

/** The profile as a log entry carries it: every member present, null where unset. */
function loggedProfile(profile: PublisherProfile) {
  return { name: profile.name, names: { ...profile.names }, domain: profile.domain, url: profile.url };
}

/**
 * Publisher summaries for one response: each publisher is read once however many statements
 * name it. An id with no item (never expected) is shown as its id rather than failing the read.
 */
export function publisherLookup(items: ItemStore): (id: string) => Promise<PublisherSummary> {
  const cache = new Map<string, Promise<PublisherSummary>>();
  return (id) => {
    let found = cache.get(id);
    if (!found) {
      found = items
        .get(keys.publisher(id).pk, "profile")
        .then((item) => (item ? summarize(id, profileOfItem(item)) : { id, name: id, names: {} }));
      cache.set(id, found);
    }
    return found;
  };
}
