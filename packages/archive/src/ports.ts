/**
 * The two storage ports the use cases are written against, after Sunlight and Tessera: an object
 * store whose writes are durable when they return, and an item store with single-item
 * compare-and-swap. Production adapters: s3-object-store.ts and dynamodb-item-store.ts; the same
 * adapters run against s3rver and dynalite/DynamoDB Local locally (DESIGN.md), so there is no
 * second implementation to drift.
 *
 * Deliberately absent: transactions (dynalite has no TransactWriteItems, and Sunlight shows a log
 * needs only one CAS item) and object deletes (archived objects are immutable; Object Lock forbids
 * them). Items can be deleted, for transient ones only: the log's pool of entries waiting to be
 * sequenced (log/pool.ts).
 *
 * Every method either does what it says or throws an ArchiveError: UNAVAILABLE for failures worth
 * retrying (throttling, 5xx, network) and for a misconfigured dependency (`details.retryable`
 * tells them apart), CONFLICT, BAD_REQUEST, TOO_LARGE or INTEGRITY as documented per method.
 * Raw SDK errors never escape; they are kept as `cause`.
 */

// ---------------------------------------------------------------------------------------------
// Object store (S3)
// ---------------------------------------------------------------------------------------------

export interface PutImmutableOptions {
  contentType: string;
  /** SHA-256 of the body, computed by the caller from the bytes it holds (never a client's claim). */
  sha256: Uint8Array;
  /** Extra user metadata (x-amz-meta-*); keys are lowercase ASCII. `sha256` is reserved. */
  metadata?: Readonly<Record<string, string>>;
}

export interface PutMutableOptions {
  contentType: string;
  /** Cache-Control to serve the object with, e.g. `no-cache` for partial tiles. */
  cacheControl?: string;
}

export interface ObjectHead {
  size: number;
  contentType: string;
  /** Lowercase hex SHA-256 recorded at write time, when the object was written by putImmutable. */
  sha256Hex?: string;
  metadata: Readonly<Record<string, string>>;
}

export interface ObjectStream extends ObjectHead {
  /** The bytes as they arrive; the consumer must read it to the end or cancel it. */
  body: ReadableStream<Uint8Array>;
}

export type PutImmutableResult = "created" | "exists";

export interface ObjectStore {
  /**
   * Creates `key` if absent; durable on return. If it exists with the same SHA-256 the call is
   * an idempotent replay and returns "exists"; with other bytes it throws CONFLICT, so a stored
   * object is never replaced (a retried ingest or tile write can always just try again).
   */
  putImmutable(key: string, body: Uint8Array, options: PutImmutableOptions): Promise<PutImmutableResult>;

  /**
   * putImmutable for bodies too large to buffer (multipart upload, 8 MiB parts). The stream is
   * hashed as it is uploaded; if its SHA-256 differs from `options.sha256` nothing is stored and
   * INTEGRITY is thrown. When the object already exists the body is not read (cancel it).
   */
  putImmutableStream(
    key: string,
    body: AsyncIterable<Uint8Array>,
    options: PutImmutableOptions,
  ): Promise<PutImmutableResult>;

  /** Creates or replaces `key` (partial tiles, which grow until full); durable on return. */
  putMutable(key: string, body: Uint8Array, options: PutMutableOptions): Promise<void>;

  /** The whole object, or undefined when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;

  /**
   * Bytes [start, end) of the object (HTTP Range, RFC 9110 §14.2), or undefined when there is
   * none; fewer bytes when it is shorter. Unchecked against the object's SHA-256 (only a whole
   * read can be): the caller checks what it reads (quote-texts.ts). Optional: without it, callers
   * read the whole object.
   */
  getRange?(key: string, start: number, end: number): Promise<Uint8Array | undefined>;

  /** The object as a stream (large originals), or undefined when there is none. */
  getStream(key: string): Promise<ObjectStream | undefined>;

  head(key: string): Promise<ObjectHead | undefined>;
}

// ---------------------------------------------------------------------------------------------
// Item store (DynamoDB single table; see dynamodb-table.ts for the key design)
// ---------------------------------------------------------------------------------------------

/**
 * What an item attribute may hold. Maps to DynamoDB S, N, BOOL, B, NULL, L and M. Numbers must be
 * finite; integers must be safe integers (|n| ≤ 2^53 − 1) so they read back exactly. `undefined`
 * is rejected rather than silently dropped: omit the attribute instead.
 */
export type ItemValue =
  | string
  | number
  | boolean
  | Uint8Array
  | null
  | readonly ItemValue[]
  | { readonly [name: string]: ItemValue };

/**
 * An item: `pk` and `sk` (non-empty strings) form the primary key; `gsi1pk` and `gsi1sk`, when
 * both present, place the item in index gsi1. `version` is reserved for putIfVersion.
 */
export interface Item {
  readonly pk: string;
  readonly sk: string;
  readonly [name: string]: ItemValue;
}

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

export interface QueryOptions {
  /** Only sort keys (sk, or gsi1sk for the index) that begin with this prefix. */
  skPrefix?: string;
  /** Items to read in this page (1–1000). A page may hold fewer and still have a cursor. */
  limit?: number;
  /** The cursor of the previous page of the same query. Malformed or foreign → BAD_REQUEST. */
  cursor?: string;
  /** Newest-first for sort keys that sort by time. */
  descending?: boolean;
}

export interface QueryPage {
  items: Item[];
  /** Present when there may be more items: pass it back as `cursor`. Opaque, URL-safe. */
  cursor?: string;
}

export type IndexName = "gsi1";

export interface ItemStore {
  /** Strongly consistent read. */
  get(pk: string, sk: string): Promise<Item | undefined>;

  /** Unconditional create-or-replace. */
  put(item: Item): Promise<void>;

  /** Writes only if no item has this key; false (not an error) when one exists. */
  putIfAbsent(item: Item): Promise<boolean>;

  /**
   * Unconditional puts of many items (25 per request, unprocessed items retried). Not atomic: after
   * a failure some may be written, so use it for idempotent index items only (the quote index).
   */
  putMany(items: readonly Item[]): Promise<void>;

  /**
   * Deletes the item if there is one (idempotent: deleting nothing is not an error). For transient
   * items only (the log's pool); archived records are never deleted.
   */
  delete(pk: string, sk: string): Promise<void>;

  /** `delete` of many keys (25 per request, several in flight, unprocessed ones retried). */
  deleteMany(keys: readonly ItemKey[]): Promise<void>;

  /**
   * Compare-and-swap on the numeric `version` attribute: writes `item` only if the stored item's
   * version equals `expected` (undefined: only if no item exists). `item.version` must be a safe
   * integer greater than `expected`, so a version never repeats. False when another writer won.
   */
  putIfVersion(item: Item, expected: number | undefined): Promise<boolean>;

  /** Items of partition `pk` in sort-key order (strongly consistent). */
  query(pk: string, options?: QueryOptions): Promise<QueryPage>;

  /** Items whose gsi1pk is `pk`, in gsi1sk order. Eventually consistent, as every GSI is. */
  queryIndex(index: IndexName, pk: string, options?: QueryOptions): Promise<QueryPage>;

  /**
   * Strongly consistent reads of many keys (any number; sent 100 per request, with retries of
   * unprocessed keys). The result is aligned with `keys`: undefined where there is no item.
   */
  batchGet(keys: readonly ItemKey[]): Promise<(Item | undefined)[]>;
}
