/**
 * The archive's one DynamoDB table (single-table design).
 *
 * Keys are generic so that the use cases, not the table, define the item types:
 *   pk (S, partition key) + sk (S, sort key)   — every item;
 *   gsi1pk (S) + gsi1sk (S) → index "gsi1"     — only items that set both (a sparse index), for
 *                                                 the one alternative access path per item type.
 * Conventions: keys are `<type>#<id>` strings (e.g. pk "STMT#<id>", sk "META"); sort keys that
 * must sort by time or number embed fixed-width, zero-padded values so that string order is
 * numeric order. The concrete item types are documented by the use cases that add them.
 *
 * On-demand capacity (PAY_PER_REQUEST): traffic is bursty and small. The GSI projects ALL
 * attributes so that an index query needs no second read. Only single-item conditional writes
 * are used (dynalite has no TransactWriteItems), after Sunlight's checkpoint CAS.
 *
 * Production tables are declared in stacks/ with the same definition; ensureTable is for the
 * local runner and tests.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type TableDescription,
} from "@aws-sdk/client-dynamodb";
import { ArchiveError } from "../errors";
import { errorNameOf, toArchiveError } from "./aws-errors";

export const TABLE_KEY = { partition: "pk", sort: "sk" } as const;
export const GSI1 = { name: "gsi1", partition: "gsi1pk", sort: "gsi1sk" } as const;

export function tableDefinition(name: string): CreateTableCommandInput {
  return {
    TableName: name,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [TABLE_KEY.partition, TABLE_KEY.sort, GSI1.partition, GSI1.sort].map((a) => ({
      AttributeName: a,
      AttributeType: "S",
    })),
    KeySchema: [
      { AttributeName: TABLE_KEY.partition, KeyType: "HASH" },
      { AttributeName: TABLE_KEY.sort, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: GSI1.name,
        KeySchema: [
          { AttributeName: GSI1.partition, KeyType: "HASH" },
          { AttributeName: GSI1.sort, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ],
  };
}

/**
 * Creates the table unless it exists, then waits until it and its index are ACTIVE. An existing
 * table with another key design is refused rather than used.
 */
export async function ensureTable(
  client: DynamoDBClient,
  name: string,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let table = await describe(client, name);
  if (table === undefined) {
    try {
      await client.send(new CreateTableCommand(tableDefinition(name)));
    } catch (error) {
      // Another process created it first: fine, wait for it like for our own.
      if (errorNameOf(error) !== "ResourceInUseException") {
        throw toArchiveError(error, `DynamoDB CreateTable ${name}`);
      }
    }
    table = await describe(client, name);
  }
  for (;;) {
    if (table === undefined)
      throw new ArchiveError("UNAVAILABLE", `DynamoDB table ${name} vanished while created`);
    checkKeyDesign(table, name);
    if (isActive(table)) return;
    if (Date.now() > deadline) {
      throw new ArchiveError("UNAVAILABLE", `DynamoDB table ${name} is not ACTIVE yet`, {
        details: { retryable: true },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    table = await describe(client, name);
  }
}

async function describe(client: DynamoDBClient, name: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (errorNameOf(error) === "ResourceNotFoundException") return undefined;
    throw toArchiveError(error, `DynamoDB DescribeTable ${name}`);
  }
}

function isActive(table: TableDescription): boolean {
  return (
    table.TableStatus === "ACTIVE" &&
    (table.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === "ACTIVE")
  );
}

function checkKeyDesign(table: TableDescription, name: string): void {
  const expected = tableDefinition(name);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const keys = (schema: { AttributeName?: string; KeyType?: string }[] | undefined) =>
    (schema ?? []).map((k) => [k.AttributeName, k.KeyType]);
  const index = table.GlobalSecondaryIndexes?.find((i) => i.IndexName === GSI1.name);
  if (
    !same(keys(table.KeySchema), keys(expected.KeySchema)) ||
    index === undefined ||
    !same(keys(index.KeySchema), keys(expected.GlobalSecondaryIndexes?.[0]?.KeySchema))
  ) {
    throw new ArchiveError("UNAVAILABLE", `DynamoDB table ${name} exists with another key design`, {
      details: { retryable: false },
    });
  }
}
