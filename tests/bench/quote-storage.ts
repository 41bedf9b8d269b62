/**
 * Bench quote's storage: s3rver and dynalite (its tables on disk) in a process of their own
 * (log-emulators.ts), reached through the production adapters. Apart, the emulators' work runs
 * on the second core rather than on the bench's event loop, which also runs the SDK and the
 * quotes: writing millions of index items is dynalite's CPU (issue #12), and a remote service
 * is what the latencies should be measured against anyway.
 */
import {
  DynamoDbItemStore,
  S3ObjectStore,
  ensureBucket,
  ensureTable,
  type ItemStore,
  type ObjectStore,
} from "@isnad/archive";
import { createAwsClients } from "@isnad/local";
import { startEmulators } from "./log";

export interface QuoteStorage {
  items: ItemStore;
  objects: ObjectStore;
  close(): Promise<void>;
}

export async function startQuoteStorage(): Promise<QuoteStorage> {
  process.env.ISNAD_BENCH_DYNALITE_ON_DISK = "1";
  const emulators = await startEmulators();
  delete process.env.ISNAD_BENCH_DYNALITE_ON_DISK;
  try {
    const { s3, dynamo } = createAwsClients({
      s3Endpoint: emulators.s3Endpoint,
      dynamoEndpoint: emulators.dynamoEndpoint,
    });
    const name = "isnad-bench-quote";
    await Promise.all([ensureBucket(s3, name), ensureTable(dynamo, name)]);
    return {
      items: new DynamoDbItemStore(dynamo, name),
      objects: new S3ObjectStore(s3, name),
      close: async () => {
        s3.destroy();
        dynamo.destroy();
        await emulators.close();
      },
    };
  } catch (error) {
    await emulators.close();
    throw error;
  }
}
