/**
 * BatchWriteItem in chunks of 25 (DynamoDB's limit), retrying unprocessed items with backoff, as
 * AWS asks callers to do under throttling.
 */
import { BatchWriteItemCommand, type AttributeValue, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ArchiveError } from "./errors";
import { toArchiveError } from "./aws-errors";
import type { BatchRetryPolicy } from "./dynamodb-item-store";

const BATCH_WRITE_LIMIT = 25;
/** Chunks in flight at once: enough to hide latency without tripping throttling on a cold table. */
const PARALLEL_CHUNKS = 4;

export async function batchWrite(
  client: DynamoDBClient,
  table: string,
  items: Record<string, AttributeValue>[],
  retry: BatchRetryPolicy,
): Promise<void> {
  const chunks: Record<string, AttributeValue>[][] = [];
  for (let i = 0; i < items.length; i += BATCH_WRITE_LIMIT)
    chunks.push(items.slice(i, i + BATCH_WRITE_LIMIT));
  for (let i = 0; i < chunks.length; i += PARALLEL_CHUNKS) {
    await Promise.all(
      chunks.slice(i, i + PARALLEL_CHUNKS).map((chunk) => writeChunk(client, table, chunk, retry)),
    );
  }
}

async function writeChunk(
  client: DynamoDBClient,
  table: string,
  items: Record<string, AttributeValue>[],
  retry: BatchRetryPolicy,
): Promise<void> {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > retry.attempts) {
      throw new ArchiveError(
        "UNAVAILABLE",
        `DynamoDB BatchWriteItem on ${table} left ${pending.length} items unprocessed`,
        {
          details: { retryable: true },
        },
      );
    }
    if (attempt > 1)
      await new Promise((r) => setTimeout(r, Math.min(2_000, retry.baseDelayMs * 2 ** (attempt - 2))));
    try {
      const output = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = (output.UnprocessedItems?.[table] ?? []).flatMap((r) =>
        r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : [],
      );
    } catch (error) {
      throw toArchiveError(error, `DynamoDB BatchWriteItem on ${table}`);
    }
  }
}
