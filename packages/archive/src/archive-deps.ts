/**
 * What the use cases run on: the ports (stores, signer, clock, extractor) and the service limits.
 * `createApp` and the local runner build one of these from real clients; unit tests may pass
 * in-memory fakes of these ports (never of the AWS SDK).
 */
import { parseJson } from "@isnad/core";
import { ArchiveError } from "./errors";
import { keys } from "./items";
import type { Clock } from "./clock";
import type { Extractor } from "./extractor";
import type { ImageReader } from "./image-reader";
import type { IndexQueue } from "./index-queue";
import type { ObjectPresigner } from "./object-presigner";
import type { PublisherKeyDirectory } from "./publisher-keys";
import type { ItemStore, ObjectStore } from "./ports";
import type { Signer } from "./signing";
import type { SignedStatementRecord } from "./statement-record";

export interface ArchiveLimits {
  /** Largest document accepted in one request (default 25 MiB). */
  maxUploadBytes: number;
  /** Largest presigned upload whose text is extracted (default 25 MiB); larger ones get none. */
  maxExtractBytes?: number;
  /** Larger originals are answered with a redirect to a presigned GET (default 4 MiB). */
  maxDirectDownloadBytes?: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = { maxUploadBytes: 25 * 1024 * 1024 };

export interface ArchiveDeps {
  objects: ObjectStore;
  items: ItemStore;
  signer: Signer;
  clock: Clock;
  extractor: Extractor;
  /** The versioned fingerprint of an extracted text (core's normalization). */
  fingerprint(text: string): { normalization: string; sha256: string };
  limits: ArchiveLimits;
  /** Indexes an extracted text for quote verification (idempotent); absent: no quote index. */
  indexText?: (record: SignedStatementRecord, text: string) => Promise<void>;
  /**
   * Where a long text's index goes once its statement is committed (pending-index.ts); absent:
   * every text is indexed before ingest answers.
   */
  indexQueue?: IndexQueue;
  /** The transparency log every committed record is appended to; absent: no log. */
  log?: TransparencyLog;
  /** Presigned S3 requests (large uploads and downloads); absent: those are not offered. */
  presigner?: ObjectPresigner;
  /** Publishers' domain-bound signing keys (issue #17); absent: uploads carry no publisher signature. */
  publisherKeys?: PublisherKeyDirectory;
  /** OCR for screenshots sent to verify (issue #18); absent: verify refuses images with a clear 415. */
  imageReader?: ImageReader;
}

/** The log as ingest sees it (the implementation lives in log/). */
export interface TransparencyLog {
  /**
   * Appends `entry` — idempotent by content: the same bytes again return the same index — and
   * resolves once it is integrated into the tree under a signed checkpoint.
   */
  append(entry: Uint8Array): Promise<{ leafIndex: number }>;
}

export interface StoredStatement {
  state: "pending" | "committed";
  /** The record's index in the transparency log, once appended. */
  leafIndex?: number;
  record: SignedStatementRecord;
  /** The exact canonical JSON that was signed and logged. */
  entry: string;
}

/** The statement item, pending or committed; INTEGRITY when it does not parse. */
export async function readStatement(items: ItemStore, id: string): Promise<StoredStatement | undefined> {
  const key = keys.statement(id);
  const item = await items.get(key.pk, key.sk);
  return item && parseStatementItem(item);
}

export function parseStatementItem(item: Record<string, unknown>): StoredStatement {
  const { state, entry } = item;
  if ((state !== "pending" && state !== "committed") || typeof entry !== "string") {
    throw new ArchiveError("INTEGRITY", `statement item ${String(item.pk)} is malformed`);
  }
  try {
    const record = parseJson(entry) as SignedStatementRecord;
    return typeof item.leafIndex === "number"
      ? { state, entry, record, leafIndex: item.leafIndex }
      : { state, entry, record };
  } catch (cause) {
    throw new ArchiveError("INTEGRITY", `statement item ${String(item.pk)} holds an entry that is not JSON`, {
      cause,
    });
  }
}
