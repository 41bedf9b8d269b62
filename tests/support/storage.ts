/**
 * Real storage for tests: s3rver in a temporary directory and a DynamoDB emulator, reached
 * through the production adapters and the unmodified AWS SDK (no mocks, no in-memory stand-in).
 *
 * ISNAD_TEST_DYNAMODB picks the DynamoDB emulator: `dynalite` (default, in-process, fast) or
 * `dynamodb-local` (AWS's official emulator, a JVM that takes about two seconds to start; CI runs
 * the storage suite with both). Each call gets a bucket and a table of its own.
 * startTestObjectStore starts s3rver alone, for tests that need no DynamoDB (and no JVM).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDbItemStore,
  S3ObjectStore,
  ensureBucket,
  ensureTable,
  type ItemStore,
  type ObjectStore,
} from "@isnad/archive";
import {
  createAwsClients,
  startDynalite,
  startDynamoDbLocal,
  startS3Emulator,
  type RunningEmulator,
} from "@isnad/local";

export type DynamoEmulator = "dynalite" | "dynamodb-local";

export interface TestObjectStore {
  objects: ObjectStore;
  s3: S3Client;
  bucket: string;
  s3Endpoint: string;
  close(): Promise<void>;
}

export interface TestStorage extends TestObjectStore {
  items: ItemStore;
  dynamo: DynamoDBClient;
  table: string;
  /** Which DynamoDB emulator is behind `items`. */
  emulator: DynamoEmulator;
  dynamoEndpoint: string;
}

export function selectedDynamoEmulator(): DynamoEmulator {
  const value = process.env.ISNAD_TEST_DYNAMODB ?? "dynalite";
  if (value !== "dynalite" && value !== "dynamodb-local") {
    throw new Error(`ISNAD_TEST_DYNAMODB must be "dynalite" or "dynamodb-local", not "${value}"`);
  }
  return value;
}

export function startTestObjectStore(): Promise<TestObjectStore> {
  return withCleanup(async (dir, started) => {
    const s3Emulator = await started(startS3Emulator({ dir }));
    const { s3, dynamo } = createAwsClients({
      s3Endpoint: s3Emulator.endpoint,
      dynamoEndpoint: s3Emulator.endpoint,
    });
    dynamo.destroy();
    const bucket = uniqueName();
    await ensureBucket(s3, bucket);
    return {
      objects: new S3ObjectStore(s3, bucket),
      s3,
      bucket,
      s3Endpoint: s3Emulator.endpoint,
      close: () => s3.destroy(),
    };
  });
}

export function startTestStorage(): Promise<TestStorage> {
  const emulator = selectedDynamoEmulator();
  return withCleanup(async (dir, started) => {
    const [s3Emulator, dynamoEmulator] = await Promise.all([
      started(startS3Emulator({ dir })),
      started(emulator === "dynalite" ? startDynalite() : startDynamoDbLocal()),
    ]);
    const { s3, dynamo } = createAwsClients({
      s3Endpoint: s3Emulator.endpoint,
      dynamoEndpoint: dynamoEmulator.endpoint,
    });
    const bucket = uniqueName();
    const table = uniqueName();
    await Promise.all([ensureBucket(s3, bucket), ensureTable(dynamo, table)]);
    return {
      objects: new S3ObjectStore(s3, bucket),
      items: new DynamoDbItemStore(dynamo, table),
      s3,
      dynamo,
      bucket,
      table,
      emulator,
      s3Endpoint: s3Emulator.endpoint,
      dynamoEndpoint: dynamoEmulator.endpoint,
      close: () => {
        s3.destroy();
        dynamo.destroy();
      },
    };
  });
}

function uniqueName(): string {
  return `isnad-test-${randomBytes(6).toString("hex")}`;
}

/**
 * Runs `setup` with a temporary directory and a way to register started emulators; everything
 * is stopped and removed by the returned `close()`, or at once if setup fails.
 */
async function withCleanup<T extends { close(): unknown }>(
  setup: (dir: string, started: (e: Promise<RunningEmulator>) => Promise<RunningEmulator>) => Promise<T>,
): Promise<T & { close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "isnad-storage-"));
  const emulators: Promise<RunningEmulator>[] = [];
  const shutdown = async () => {
    const settled = await Promise.allSettled(emulators);
    await Promise.allSettled(settled.map((s) => (s.status === "fulfilled" ? s.value.close() : undefined)));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const result = await setup(dir, (e) => {
      emulators.push(e);
      return e;
    });
    return {
      ...result,
      async close() {
        await result.close();
        await shutdown();
      },
    };
  } catch (error) {
    await shutdown();
    throw error;
  }
}
