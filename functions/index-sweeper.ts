/**
 * The scheduled sweeper (stacks/index-sweeper.ts, every minute): writes the quote indexes that
 * ingest left pending for long texts (packages/archive/src/pending-index.ts) and removes their
 * markers. Real SDK clients, created once per container; nothing else belongs here.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDbItemStore,
  S3ObjectStore,
  completePendingIndexes,
  createSigner,
  createTextIndexer,
  serviceSettingsFromEnv,
} from "@isnad/archive";

const settings = serviceSettingsFromEnv(process.env);
const items = new DynamoDbItemStore(new DynamoDBClient({}), settings.table);
const objects = new S3ObjectStore(new S3Client({}), settings.bucket);
// Signed with the archive's key: a long text's chunk digests are written with its index.
const indexText = createTextIndexer(items, createSigner(settings.signingSeed));
/** Time kept back from the function's timeout: no new statement is started within it. */
const MARGIN_MS = 60_000;

export async function handler(_event: unknown, context: { getRemainingTimeInMillis(): number }) {
  const summary = await completePendingIndexes(
    { items, objects, indexText },
    { shouldStop: () => context.getRemainingTimeInMillis() < MARGIN_MS },
  );
  // One line per run for CloudWatch; a damaged text keeps its marker and is named every run.
  console.log(
    JSON.stringify({
      msg: "quote index sweep",
      indexed: summary.indexed.length,
      damaged: summary.damaged,
      alreadyDone: summary.absent,
    }),
  );
  return { indexed: summary.indexed.length, damaged: summary.damaged.length };
}
