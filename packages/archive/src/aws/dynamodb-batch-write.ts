/**
 * BatchWriteItem in chunks of 25 (DynamoDB's limit), several chunks in flight at once, retrying
 * unprocessed requests with backoff, as AWS asks callers to do under throttling
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html).
 * Puts and deletes alike: neither can carry a condition, so callers use it only for items whose
 * writes are idempotent (index items, the log's leaf index items once sequenced, pool deletes).
 */
import {
  BatchWriteItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from "@aws-sdk/client-dynamodb";
import { ArchiveError } from "../errors";
import { toArchiveError } from "./aws-errors";

export interface BatchRetryPolicy {
  /** Requests per batch of 100 keys before giving up with UNAVAILABLE. */
  attempts: number;
  /** First delay; doubled on each retry (AWS's advice for UnprocessedKeys), capped at 2 s. */
  baseDelayMs: number;
}

export type BatchWrite = { put: Record<string, AttributeValue> } | { delete: Record<string, AttributeValue> };

const BATCH_WRITE_LIMIT = 25;
/**
 * Chunks in flight at once: enough to hide the round trip (a 4 KiB statement has ~25 chunks of
 * index items), few enough not to trip throttling on a cold on-demand table. A pool, not waves:
 * one slow chunk holds up only its own slot.
 */
const PARALLEL_CHUNKS = 8;

export async function batchWrite(
  client: DynamoDBClient,
  table: string,
  writes: readonly BatchWrite[],
  retry: BatchRetryPolicy,
): Promise<void> {
  const requests: WriteRequest[] = writes.map((w) =>
    "put" in w ? { PutRequest: { Item: w.put } } : { DeleteRequest: { Key: w.delete } },
  );
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH_WRITE_LIMIT) {
    chunks.push(requests.slice(i, i + BATCH_WRITE_LIMIT));
  }
  let next = 0;
  const worker = async () => {
    for (let chunk = chunks[next++]; chunk !== undefined; chunk = chunks[next++]) {
      await writeChunk(client, table, chunk, retry);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_CHUNKS, chunks.length) }, worker));
}

async function writeChunk(
  client: DynamoDBClient,
  table: string,
  chunk: WriteRequest[],
  retry: BatchRetryPolicy,
): Promise<void> {
  let pending = chunk;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > retry.attempts) {
      throw new ArchiveError(
        "UNAVAILABLE",
        `DynamoDB BatchWriteItem on ${table} left ${pending.length} requests unprocessed`,
        { details: { retryable: true } },
      );
    }
    if (attempt > 1) {
      await new Promise((r) => setTimeout(r, Math.min(2_000, retry.baseDelayMs * 2 ** (attempt - 2))));
    }
    try {
      const output = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = output.UnprocessedItems?.[table] ?? [];
    } catch (error) {
      throw toArchiveError(error, `DynamoDB BatchWriteItem on ${table}`);
    }
  }
}
