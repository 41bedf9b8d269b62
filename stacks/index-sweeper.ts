/**
 * The quote-index sweeper (issue #15): a function run every minute by EventBridge that writes the
 * quote index of long texts archived since (functions/index-sweeper.ts), so that a text is
 * quotable within a minute of its upload while the upload itself answers in under a second.
 * Runs inside sst.config.ts `run()`, where `sst` is a global.
 */
import { LAMBDA_TRUST_POLICY } from "./api";
import type { StageSettings } from "./stage";
import type { Storage } from "./storage";

/** What it may do: read texts, list and read markers and statements, write index items, drop markers. */
export function sweeperPermissions(bucketArn: $util.Input<string>, tableArn: $util.Input<string>) {
  return [
    { actions: ["s3:GetObject"], resources: [$util.interpolate`${bucketArn}/texts/*`] },
    {
      actions: [
        "dynamodb:GetItem",
        "dynamodb:Query",
        "dynamodb:BatchWriteItem",
        "dynamodb:PutItem",
        "dynamodb:DeleteItem",
      ],
      resources: [tableArn, $util.interpolate`${tableArn}/index/*`],
    },
  ];
}

export function createIndexSweeper(settings: StageSettings, storage: Storage, signingKeySeed: sst.Secret) {
  // A Function of its own, handed to the Cron by ARN: built inside the Cron, its environment
  // (the signing seed) was not marked secret in the Pulumi state (tests/infra/index-sweeper.test.ts).
  const sweeper = new sst.aws.Function("IndexSweeper", {
    handler: "functions/index-sweeper.handler",
    runtime: "nodejs24.x",
    architecture: "arm64",
    memory: "1024 MB",
    // A 50,000-word text is ~150,000 items, 6,000 BatchWriteItem calls: well within it.
    timeout: "5 minutes",
    environment: {
      ISNAD_STAGE: settings.stage,
      ISNAD_BUCKET: storage.bucket.name,
      ISNAD_TABLE: storage.table.name,
      ISNAD_LOG_ORIGIN: settings.logOrigin,
      ISNAD_SIGNING_KEY_SEED: signingKeySeed.value,
    },
    permissions: sweeperPermissions(storage.bucket.arn, storage.table.arn),
    transform: {
      role: (args) => {
        // As for the API (stacks/api.ts): outside `sst dev`, Lambda alone may assume its role.
        if (!$dev) args.assumeRolePolicy = LAMBDA_TRUST_POLICY;
      },
    },
  });
  const cron = new sst.aws.Cron("IndexSweep", { schedule: "rate(1 minute)", function: sweeper.arn });
  return { sweeper, cron };
}
