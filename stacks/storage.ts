/**
 * The archive's durable state: one S3 bucket (originals, tiles, uploads) and one DynamoDB table
 * (records, indexes, log state). Runs inside sst.config.ts `run()`, where `sst`, `aws` and `$app`
 * are globals.
 */
import type { StageSettings } from "./stage";

/** Presigned uploads land here first; what is never claimed is expired (see the lifecycle). */
export const UPLOADS_PREFIX = "uploads/";

export function createStorage(settings: StageSettings) {
  const bucket = new sst.aws.Bucket("Archive", {
    versioning: true,
    // Browsers PUT presigned uploads and may GET presigned originals; nothing else is direct.
    cors: { allowMethods: ["GET", "HEAD", "PUT"], exposeHeaders: ["ETag"] },
    // Placeholder rule so that SST creates the lifecycle resource; the transform writes the rules.
    lifecycle: [{ id: "expire-abandoned-uploads", prefix: UPLOADS_PREFIX, expiresIn: "2 days" }],
    transform: {
      bucket: (args) => {
        // Object Lock can only be switched on when the bucket is created; it also turns on versioning.
        args.objectLockEnabled = true;
        // SST's default (true) would let `sst remove` empty the bucket; production keeps it.
        args.forceDestroy = !settings.production;
      },
      lifecycle: (args) => {
        args.rules = lifecycleRules();
      },
    },
  });

  // COMPLIANCE mode: no principal, root included, can shorten the retention or delete a locked
  // version before it expires (S3 User Guide, "Object Lock retention modes"). Every object
  // version gets the default retention, since the function may not set retention itself.
  // Not parented to the Bucket component: SST only accepts child resource types it knows.
  const objectLock = new aws.s3.BucketObjectLockConfiguration("ArchiveObjectLock", {
    bucket: bucket.name,
    rule: { defaultRetention: { mode: "COMPLIANCE", days: settings.objectLockDays } },
  });

  const table = new sst.aws.Dynamo("Records", {
    // Same key design as packages/archive/src/aws/dynamodb-table.ts (tests/infra compares them).
    fields: { pk: "string", sk: "string", gsi1pk: "string", gsi1sk: "string" },
    primaryIndex: { hashKey: "pk", rangeKey: "sk" },
    globalIndexes: { gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk" } },
    deletionProtection: settings.production,
    transform: {
      table: (args) => {
        args.billingMode = "PAY_PER_REQUEST";
        // Stated here, not left to SST's default: PITR is the table's only undo.
        args.pointInTimeRecovery = { enabled: true };
      },
    },
  });

  return { bucket, objectLock, table };
}

export type Storage = ReturnType<typeof createStorage>;

/**
 * Noncurrent versions are never expired outside uploads/: older versions of originals and tiles
 * are evidence. Expiring a current version in a versioned bucket only adds a delete marker, so
 * abandoned uploads also get a noncurrent expiration (effective once their lock has run out).
 */
function lifecycleRules() {
  return [
    {
      id: "abort-incomplete-multipart-uploads",
      status: "Enabled",
      filter: {},
      abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
    },
    {
      id: "expire-abandoned-uploads",
      status: "Enabled",
      filter: { prefix: UPLOADS_PREFIX },
      expiration: { days: 2 },
      noncurrentVersionExpiration: { noncurrentDays: 1 },
    },
  ];
}
