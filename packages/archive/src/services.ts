/**
 * Builds the archive's services from real AWS SDK clients: the one wiring shared by the Lambda
 * handler (functions/) and the local runner (packages/local), so both run the same code.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DEFAULT_LIMITS, type ArchiveDeps, type ArchiveLimits } from "./archive-deps";
import { systemClock, type Clock } from "./clock";
import { DynamoDbItemStore } from "./aws/dynamodb-item-store";
import { withBusyAsUnavailable, type Extractor } from "./extractor";
import type { ImageReader } from "./image-reader";
import { withOcrErrorsAsArchiveErrors } from "./image-reader-errors";
import { createKeyring, type Keyring } from "./keyring";
import { createJournal } from "./journal";
import { Publishers } from "./publishers";
import { createTextIndexer } from "./quote-index";
import { createInProcessIndexQueue, sweeperOnly, type InProcessIndexQueue } from "./index-queue";
import { pacedItemStore } from "./paced-item-store";
import { S3ObjectStore } from "./aws/s3-object-store";
import { S3Presigner } from "./aws/s3-presigner";
import { createSigner } from "./signing";
import { createLogService, type LogService, type LogServiceConfig } from "./log";
import { DomainKeys, systemResolver, type DomainFetchOptions } from "./domain-keys";

export interface ServiceConfig {
  s3: S3Client;
  dynamo: DynamoDBClient;
  bucket: string;
  /**
   * Whether the S3 endpoint honours `If-None-Match: *` on PutObject (s3-object-store.ts): S3
   * does, and the local s3rver as the local stack starts it; default: S3's endpoints only.
   */
  s3ConditionalWrites?: boolean;
  table: string;
  /** The Ed25519 seed of the record-signing key (an sst.Secret in AWS; a file locally). */
  signingSeed: Uint8Array;
  extractor: Extractor;
  fingerprint: ArchiveDeps["fingerprint"];
  limits?: Partial<ArchiveLimits>;
  clock?: Clock;
  /** The transparency log's origin, e.g. "isnad.local/log"; its checkpoints are signed with signingSeed. */
  logOrigin: string;
  /** Log tuning (lease, timeouts, batch limits); defaults suit production. */
  logWriter?: LogServiceConfig["writer"];
  /** How domain-bound publisher keys are fetched (issue #17); default: system DNS, Node's CA roots, port 443. */
  domainKeys?: Partial<DomainFetchOptions>;
  /** OCR for screenshots sent to verify (issue #18); absent: verify answers an image with 415. */
  imageReader?: ImageReader;
  /**
   * Who writes a long text's quote index after its commit (pending-index.ts): "in-process" (the
   * local server: right after the answer) or "sweeper" (Lambda, the default: the scheduled
   * functions/index-sweeper.ts, every minute).
   */
  deferredIndex?: "in-process" | "sweeper";
}

export interface Services {
  archive: ArchiveDeps;
  publishers: Publishers;
  keyring: Keyring;
  log: LogService;
  /** Domain-bound publisher keys: registration, rotation, revocation (also archive.publisherKeys). */
  domainKeys: DomainKeys;
  /** The in-process writer of pending quote indexes, when deferredIndex is "in-process". */
  indexQueue?: InProcessIndexQueue;
}

export function createServices(config: ServiceConfig): Services {
  const clock = config.clock ?? systemClock;
  const items = new DynamoDbItemStore(config.dynamo, config.table);
  const signer = createSigner(config.signingSeed);
  const objects = new S3ObjectStore(config.s3, config.bucket, {
    ...(config.s3ConditionalWrites === undefined ? {} : { conditionalWrites: config.s3ConditionalWrites }),
  });
  const log = createLogService({
    objects,
    items,
    clock,
    origin: config.logOrigin,
    seed: config.signingSeed,
    ...(config.logWriter ? { writer: config.logWriter } : {}),
  });
  const indexText = createTextIndexer(items, signer);
  const indexQueue =
    config.deferredIndex === "in-process"
      ? // Its writes paced (paced-item-store.ts): requests answered meanwhile go first.
        createInProcessIndexQueue(
          { items, objects, indexText: createTextIndexer(pacedItemStore(items), signer) },
          (error, id) =>
            console.error(`isnad: quote index of ${id ?? "pending statements"} not written yet:`, error),
        )
      : undefined;
  const archive: ArchiveDeps = {
    objects,
    items,
    signer,
    clock,
    extractor: withBusyAsUnavailable(config.extractor),
    fingerprint: config.fingerprint,
    indexText,
    indexQueue: indexQueue ?? sweeperOnly,
    limits: { ...DEFAULT_LIMITS, ...config.limits },
    log: log.writer,
    presigner: new S3Presigner(config.s3, config.bucket, clock),
    ...(config.imageReader ? { imageReader: withOcrErrorsAsArchiveErrors(config.imageReader) } : {}),
  };
  const publishers = new Publishers(items, clock, createJournal(signer, log.writer));
  const domainKeys = new DomainKeys({
    items,
    clock,
    signer,
    log: log.writer,
    publishers,
    fetch: { resolver: systemResolver(), ...config.domainKeys },
  });
  archive.publisherKeys = domainKeys;
  return {
    archive,
    publishers,
    keyring: createKeyring(signer),
    log,
    domainKeys,
    ...(indexQueue ? { indexQueue } : {}),
  };
}
