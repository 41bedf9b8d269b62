/**
 * ItemStore on Amazon DynamoDB (AWS SDK v3), also run against dynalite and DynamoDB Local. The
 * table design is in dynamodb-table.ts.
 *
 * Conditional writes are single-item PutItem calls with a ConditionExpression; losing the
 * condition is an answer (false), not an error. Reads of the table are strongly consistent, so a
 * writer that just won a CAS reads its own write; index reads cannot be (DynamoDB refuses
 * ConsistentRead on a GSI).
 */
import {
  BatchGetItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type PutItemCommandInput,
} from "@aws-sdk/client-dynamodb";
import { ArchiveError } from "../errors";
import { errorNameOf, toArchiveError } from "./aws-errors";
import { formatCursor, parseCursor } from "./item-cursor";
import { marshall, unmarshall } from "./item-marshall";
import { GSI1, TABLE_KEY } from "./dynamodb-table";
import { batchWrite, type BatchRetryPolicy } from "./dynamodb-batch-write";
import type { IndexName, Item, ItemKey, ItemStore, QueryOptions, QueryPage } from "../ports";

const BATCH_GET_LIMIT = 100; // BatchGetItem's maximum keys per request
const MAX_QUERY_LIMIT = 1000;
// DynamoDB key size limits: partition keys 2048 bytes, sort keys 1024 bytes (UTF-8).
const MAX_PARTITION_KEY_BYTES = 2048;
const MAX_SORT_KEY_BYTES = 1024;

export type { BatchRetryPolicy } from "./dynamodb-batch-write";

interface QueryTarget {
  index?: string;
  partition: string;
  sort: string;
  /** The attributes of LastEvaluatedKey, hence of a cursor. */
  keyNames: readonly string[];
  consistent: boolean;
}

const TABLE_TARGET: QueryTarget = {
  partition: TABLE_KEY.partition,
  sort: TABLE_KEY.sort,
  keyNames: [TABLE_KEY.partition, TABLE_KEY.sort],
  consistent: true,
};

const GSI1_TARGET: QueryTarget = {
  index: GSI1.name,
  partition: GSI1.partition,
  sort: GSI1.sort,
  keyNames: [GSI1.partition, GSI1.sort, TABLE_KEY.partition, TABLE_KEY.sort],
  consistent: false,
};

export class DynamoDbItemStore implements ItemStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    private readonly batchRetry: BatchRetryPolicy = { attempts: 8, baseDelayMs: 50 },
  ) {}

  async get(pk: string, sk: string): Promise<Item | undefined> {
    const key = marshallKey({ pk, sk });
    try {
      const output = await this.client.send(
        new GetItemCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
      );
      return output.Item === undefined ? undefined : toItem(output.Item);
    } catch (error) {
      throw toArchiveError(error, `DynamoDB GetItem on ${this.table}`);
    }
  }

  async put(item: Item): Promise<void> {
    await this.putItem({ TableName: this.table, Item: marshallItem(item) });
  }

  async putIfAbsent(item: Item): Promise<boolean> {
    return this.putItem({
      TableName: this.table,
      Item: marshallItem(item),
      ConditionExpression: "attribute_not_exists(#pk)",
      ExpressionAttributeNames: { "#pk": TABLE_KEY.partition },
    });
  }

  async putMany(items: readonly Item[]): Promise<void> {
    await batchWrite(
      this.client,
      this.table,
      items.map((item) => ({ put: marshallItem(item) })),
      this.batchRetry,
    );
  }

  async deleteMany(keys: readonly ItemKey[]): Promise<void> {
    // BatchWriteItem refuses two requests for one key in a request: each key once.
    const distinct = new Map(keys.map((key) => [keyId(key.pk, key.sk), key]));
    await batchWrite(
      this.client,
      this.table,
      [...distinct.values()].map((key) => ({ delete: marshallKey(key) })),
      this.batchRetry,
    );
  }

  async delete(pk: string, sk: string): Promise<void> {
    const key = marshallKey({ pk, sk });
    try {
      // Unconditional: DeleteItem of a missing key succeeds, which makes retries idempotent.
      await this.client.send(new DeleteItemCommand({ TableName: this.table, Key: key }));
    } catch (error) {
      throw toArchiveError(error, `DynamoDB DeleteItem on ${this.table}`);
    }
  }

  async putIfVersion(item: Item, expected: number | undefined): Promise<boolean> {
    const next = item["version"];
    if (typeof next !== "number" || !Number.isSafeInteger(next) || next < 0) {
      throw new ArchiveError("BAD_REQUEST", "putIfVersion needs an item with a non-negative integer version");
    }
    if (expected !== undefined && (!Number.isSafeInteger(expected) || next <= expected)) {
      throw new ArchiveError("BAD_REQUEST", `the new version ${next} must be greater than ${expected}`);
    }
    const marshalled = marshallItem(item);
    if (expected === undefined) {
      return this.putItem({
        TableName: this.table,
        Item: marshalled,
        ConditionExpression: "attribute_not_exists(#pk)",
        ExpressionAttributeNames: { "#pk": TABLE_KEY.partition },
      });
    }
    return this.putItem({
      TableName: this.table,
      Item: marshalled,
      ConditionExpression: "#version = :expected",
      ExpressionAttributeNames: { "#version": "version" },
      ExpressionAttributeValues: { ":expected": { N: String(expected) } },
    });
  }

  async query(pk: string, options: QueryOptions = {}): Promise<QueryPage> {
    return this.runQuery(TABLE_TARGET, pk, options);
  }

  async queryIndex(index: IndexName, pk: string, options: QueryOptions = {}): Promise<QueryPage> {
    if (index !== GSI1.name) throw new ArchiveError("BAD_REQUEST", `unknown index ${String(index)}`);
    return this.runQuery(GSI1_TARGET, pk, options);
  }

  async batchGet(keys: readonly ItemKey[]): Promise<(Item | undefined)[]> {
    // BatchGetItem rejects duplicate keys in one request, so each distinct key is read once.
    const distinct = new Map<string, Record<string, AttributeValue>>();
    for (const key of keys) distinct.set(keyId(key.pk, key.sk), marshallKey(key));
    const all = [...distinct.values()];
    const chunks: Record<string, AttributeValue>[][] = [];
    for (let i = 0; i < all.length; i += BATCH_GET_LIMIT) chunks.push(all.slice(i, i + BATCH_GET_LIMIT));
    const found = new Map<string, Item>();
    for (const items of await Promise.all(chunks.map((chunk) => this.batchGetChunk(chunk)))) {
      for (const item of items) found.set(keyId(item.pk, item.sk), item);
    }
    return keys.map((key) => found.get(keyId(key.pk, key.sk)));
  }

  private async batchGetChunk(keys: Record<string, AttributeValue>[]): Promise<Item[]> {
    const items: Item[] = [];
    let pending = keys;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > this.batchRetry.attempts) {
        throw new ArchiveError(
          "UNAVAILABLE",
          `DynamoDB BatchGetItem on ${this.table} left ${pending.length} keys unprocessed`,
          { details: { retryable: true } },
        );
      }
      if (attempt > 1) await sleep(Math.min(2_000, this.batchRetry.baseDelayMs * 2 ** (attempt - 2)));
      try {
        const output = await this.client.send(
          new BatchGetItemCommand({
            RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } },
          }),
        );
        for (const item of output.Responses?.[this.table] ?? []) items.push(toItem(item));
        pending = output.UnprocessedKeys?.[this.table]?.Keys ?? [];
      } catch (error) {
        throw toArchiveError(error, `DynamoDB BatchGetItem on ${this.table}`);
      }
    }
    return items;
  }

  private async runQuery(target: QueryTarget, pk: string, options: QueryOptions): Promise<QueryPage> {
    checkKeyString(target.partition, pk, MAX_PARTITION_KEY_BYTES);
    const { limit, descending = false } = options;
    const prefix = options.skPrefix === "" ? undefined : options.skPrefix;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT)) {
      throw new ArchiveError("BAD_REQUEST", `limit must be an integer from 1 to ${MAX_QUERY_LIMIT}`);
    }
    let startKey: Record<string, AttributeValue> | undefined;
    if (options.cursor !== undefined) {
      startKey = parseCursor(options.cursor, target.keyNames);
      // A cursor from another partition or prefix would page through data the caller did not
      // ask for (or make DynamoDB fail with a ValidationException): refuse it.
      const sort = startKey[target.sort]?.S ?? "";
      if (startKey[target.partition]?.S !== pk || (prefix !== undefined && !sort.startsWith(prefix))) {
        throw new ArchiveError("BAD_REQUEST", "the cursor belongs to another query");
      }
    }
    const names: Record<string, string> = { "#p": target.partition };
    const values: Record<string, AttributeValue> = { ":p": { S: pk } };
    let condition = "#p = :p";
    if (prefix !== undefined) {
      names["#s"] = target.sort;
      values[":prefix"] = { S: prefix };
      condition += " AND begins_with(#s, :prefix)";
    }
    try {
      const output = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: target.index,
          KeyConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: !descending,
          Limit: limit,
          ExclusiveStartKey: startKey,
          ConsistentRead: target.consistent,
        }),
      );
      const items = (output.Items ?? []).map(toItem);
      const last = output.LastEvaluatedKey;
      return last === undefined ? { items } : { items, cursor: formatCursor(last) };
    } catch (error) {
      throw toArchiveError(
        error,
        `DynamoDB Query on ${this.table}${target.index ? ` index ${target.index}` : ""}`,
      );
    }
  }

  private async putItem(input: PutItemCommandInput): Promise<boolean> {
    try {
      await this.client.send(new PutItemCommand(input));
      return true;
    } catch (error) {
      if (errorNameOf(error) === "ConditionalCheckFailedException") return false;
      throw toArchiveError(error, `DynamoDB PutItem on ${this.table}`);
    }
  }
}

function marshallItem(item: Item): Record<string, AttributeValue> {
  checkKeyString(TABLE_KEY.partition, item.pk, MAX_PARTITION_KEY_BYTES);
  checkKeyString(TABLE_KEY.sort, item.sk, MAX_SORT_KEY_BYTES);
  const gsiPk = item[GSI1.partition];
  const gsiSk = item[GSI1.sort];
  // The index is sparse: an item with only one of the two would silently be left out of it.
  if ((gsiPk === undefined) !== (gsiSk === undefined)) {
    throw new ArchiveError("BAD_REQUEST", `set both ${GSI1.partition} and ${GSI1.sort}, or neither`);
  }
  if (gsiPk !== undefined) {
    checkKeyString(GSI1.partition, gsiPk, MAX_PARTITION_KEY_BYTES);
    checkKeyString(GSI1.sort, gsiSk, MAX_SORT_KEY_BYTES);
  }
  return marshall(item);
}

function marshallKey(key: ItemKey): Record<string, AttributeValue> {
  checkKeyString(TABLE_KEY.partition, key.pk, MAX_PARTITION_KEY_BYTES);
  checkKeyString(TABLE_KEY.sort, key.sk, MAX_SORT_KEY_BYTES);
  return { [TABLE_KEY.partition]: { S: key.pk }, [TABLE_KEY.sort]: { S: key.sk } };
}

function checkKeyString(name: string, value: unknown, maxBytes: number): void {
  if (typeof value !== "string" || value === "" || Buffer.byteLength(value, "utf8") > maxBytes) {
    throw new ArchiveError("BAD_REQUEST", `${name} must be a non-empty string of at most ${maxBytes} bytes`);
  }
}

function toItem(attributes: Record<string, AttributeValue>): Item {
  const item = unmarshall(attributes);
  if (typeof item["pk"] !== "string" || typeof item["sk"] !== "string") {
    throw new ArchiveError("INTEGRITY", "a stored item has no string pk and sk");
  }
  return item as Item;
}

function keyId(pk: string, sk: string): string {
  return JSON.stringify([pk, sk]);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
