/**
 * The ItemStore contract (packages/archive/src/ports.ts) of the DynamoDB adapter, against
 * dynalite or DynamoDB Local (ISNAD_TEST_DYNAMODB) through the real AWS SDK.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { formatHex } from "@isnad/core";
import { ArchiveError, DynamoDbItemStore, ensureTable, type Item } from "@isnad/archive";
import { createAwsClients } from "@isnad/local";
import { startTestStorage, type TestStorage } from "../support/storage";
import { closedPort, expectArchiveError } from "../support/archive-error";

let storage: TestStorage;
beforeAll(async () => {
  storage = await startTestStorage();
});
afterAll(async () => {
  await storage?.close();
});

/** A partition of its own per test, so tests never see each other's items. */
const partition = (name: string) => `${name}#${formatHex(new Uint8Array(randomBytes(6)))}`;
const pad = (n: number) => String(n).padStart(3, "0");

async function queryAll(
  run: (cursor: string | undefined) => Promise<{ items: Item[]; cursor?: string }>,
): Promise<{ items: Item[]; pages: number }> {
  const items: Item[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await run(cursor);
    items.push(...page.items);
    cursor = page.cursor;
    pages++;
    expect(pages).toBeLessThan(100);
  } while (cursor !== undefined);
  return { items, pages };
}

describe("get and put", () => {
  it("round-trips every kind of value exactly", async () => {
    const item: Item = {
      pk: partition("roundtrip"),
      sk: "record",
      text: "بيان صحفي — \u200fمع علامات",
      empty: "",
      zero: 0,
      negative: -42,
      float: 0.1,
      tiny: 1e-7,
      large: Number.MAX_SAFE_INTEGER,
      smallest: -Number.MAX_SAFE_INTEGER,
      yes: true,
      no: false,
      nothing: null,
      bytes: Uint8Array.from({ length: 256 }, (_, i) => i),
      noBytes: new Uint8Array(0),
      list: [1, "two", [3, { four: 4 }], null, new Uint8Array([5])],
      emptyList: [],
      map: { nested: { deeper: { value: "x", list: [true] } }, "with space": 1 },
      emptyMap: {},
    };
    await storage.items.put(item);
    expect(await storage.items.get(item.pk, item.sk)).toEqual(item);
  });

  it("answers undefined for a missing item and replaces on put", async () => {
    const pk = partition("put");
    expect(await storage.items.get(pk, "x")).toBeUndefined();
    await storage.items.put({ pk, sk: "x", n: 1 });
    await storage.items.put({ pk, sk: "x", m: 2 });
    expect(await storage.items.get(pk, "x")).toEqual({ pk, sk: "x", m: 2 });
  });

  it("refuses malformed keys and values before calling DynamoDB", async () => {
    await expectArchiveError(storage.items.put({ pk: "", sk: "x" }), "BAD_REQUEST");
    await expectArchiveError(storage.items.put({ pk: "p", sk: "x".repeat(1025) }), "BAD_REQUEST");
    await expectArchiveError(storage.items.put({ pk: "p", sk: "x", gsi1pk: "g" }), "BAD_REQUEST");
    await expectArchiveError(storage.items.put({ pk: "p", sk: "x", gsi1pk: "g", gsi1sk: 1 }), "BAD_REQUEST");
    await expectArchiveError(storage.items.put({ pk: "p", sk: "x", n: Number.NaN }), "BAD_REQUEST");
    await expectArchiveError(storage.items.get("p", ""), "BAD_REQUEST");
  });

  it("maps DynamoDB's 400 KB item limit to TOO_LARGE", async () => {
    const error = await expectArchiveError(
      storage.items.put({ pk: partition("big"), sk: "x", blob: new Uint8Array(401 * 1024) }),
      "TOO_LARGE",
    );
    expect(error.cause).toBeDefined();
  });
});

describe("conditional writes", () => {
  it("putIfAbsent writes once", async () => {
    const pk = partition("absent");
    expect(await storage.items.putIfAbsent({ pk, sk: "s", writer: "first" })).toBe(true);
    expect(await storage.items.putIfAbsent({ pk, sk: "s", writer: "second" })).toBe(false);
    expect(await storage.items.get(pk, "s")).toMatchObject({ writer: "first" });
  });

  it("putIfVersion is a compare-and-swap on version", async () => {
    const pk = partition("cas");
    expect(await storage.items.putIfVersion({ pk, sk: "head", version: 1, size: 10 }, undefined)).toBe(true);
    expect(await storage.items.putIfVersion({ pk, sk: "head", version: 1, size: 11 }, undefined)).toBe(false);
    expect(await storage.items.putIfVersion({ pk, sk: "head", version: 2, size: 20 }, 1)).toBe(true);
    // A writer still holding version 1 loses.
    expect(await storage.items.putIfVersion({ pk, sk: "head", version: 2, size: 21 }, 1)).toBe(false);
    expect(await storage.items.putIfVersion({ pk, sk: "missing", version: 2 }, 1)).toBe(false);
    expect(await storage.items.get(pk, "head")).toEqual({ pk, sk: "head", version: 2, size: 20 });
  });

  it("putIfVersion refuses versions that do not move forward", async () => {
    const pk = partition("cas-bad");
    await expectArchiveError(storage.items.putIfVersion({ pk, sk: "s" }, undefined), "BAD_REQUEST");
    await expectArchiveError(storage.items.putIfVersion({ pk, sk: "s", version: "2" }, 1), "BAD_REQUEST");
    await expectArchiveError(storage.items.putIfVersion({ pk, sk: "s", version: 1 }, 1), "BAD_REQUEST");
    await expectArchiveError(storage.items.putIfVersion({ pk, sk: "s", version: 1.5 }, 1), "BAD_REQUEST");
  });

  it("lets exactly one of 10 racing writers win", async () => {
    const pk = partition("race");
    await storage.items.putIfVersion({ pk, sk: "checkpoint", version: 7, writer: -1 }, undefined);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, writer) =>
        storage.items.putIfVersion({ pk, sk: "checkpoint", version: 8, writer }, 7),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await storage.items.get(pk, "checkpoint")).toEqual({
      pk,
      sk: "checkpoint",
      version: 8,
      writer: winner,
    });
  });
});

describe("delete", () => {
  it("deletes an item, and deleting a missing one is not an error", async () => {
    const pk = partition("delete");
    await storage.items.put({ pk, sk: "a", n: 1 });
    await storage.items.put({ pk, sk: "b", n: 2 });
    await storage.items.delete(pk, "a");
    expect(await storage.items.get(pk, "a")).toBeUndefined();
    expect(await storage.items.get(pk, "b")).toEqual({ pk, sk: "b", n: 2 });
    await storage.items.delete(pk, "a"); // idempotent
    await storage.items.delete(partition("never"), "x");
    expect((await storage.items.query(pk)).items.map((i) => i.sk)).toEqual(["b"]);
  });

  it("refuses malformed keys before calling DynamoDB", async () => {
    await expectArchiveError(storage.items.delete("", "x"), "BAD_REQUEST");
    await expectArchiveError(storage.items.delete("p", "x".repeat(1025)), "BAD_REQUEST");
    await expectArchiveError(storage.items.deleteMany([{ pk: "", sk: "x" }]), "BAD_REQUEST");
  });
});

describe("putMany and deleteMany", () => {
  it("write and delete more than 25 items (several BatchWriteItem chunks), duplicates and absent keys too", async () => {
    const pk = partition("many");
    const items = Array.from({ length: 60 }, (_, i) => ({ pk, sk: pad(i), i }));
    await storage.items.putMany(items);
    expect((await queryAll((cursor) => storage.items.query(pk, cursor ? { cursor } : {}))).items).toEqual(
      items,
    );
    const gone = [
      ...Array.from({ length: 40 }, (_, i) => ({ pk, sk: pad(i) })),
      { pk, sk: pad(3) },
      { pk: partition("nowhere"), sk: "x" },
    ];
    await storage.items.deleteMany(gone);
    expect((await storage.items.query(pk)).items).toEqual(items.slice(40));
    await storage.items.deleteMany([]);
  });
});

describe("query", () => {
  const pk = partition("query");
  beforeAll(async () => {
    const writes = [];
    for (let i = 0; i < 25; i++) writes.push(storage.items.put({ pk, sk: `item#${pad(i)}`, i }));
    for (let i = 0; i < 5; i++) writes.push(storage.items.put({ pk, sk: `other#${pad(i)}`, i }));
    await Promise.all(writes);
  });

  it("pages through a prefix with cursors, in order", async () => {
    const { items, pages } = await queryAll((cursor) =>
      storage.items.query(pk, { skPrefix: "item#", limit: 10, cursor }),
    );
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(items.map((item) => item.sk)).toEqual(Array.from({ length: 25 }, (_, i) => `item#${pad(i)}`));
  });

  it("pages newest first when descending", async () => {
    const { items } = await queryAll((cursor) =>
      storage.items.query(pk, { skPrefix: "item#", limit: 7, cursor, descending: true }),
    );
    expect(items.map((item) => item["i"])).toEqual(Array.from({ length: 25 }, (_, i) => 24 - i));
  });

  it("reads the whole partition without a prefix and an empty one as empty", async () => {
    expect((await storage.items.query(pk)).items).toHaveLength(30);
    expect(await storage.items.query(partition("empty"))).toEqual({ items: [] });
  });

  it("refuses malformed, foreign and out-of-prefix cursors with BAD_REQUEST", async () => {
    const page = await storage.items.query(pk, { skPrefix: "item#", limit: 5 });
    const cursor = page.cursor!;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const bad of [
      "!!!",
      "e30", // {}
      json({ pk, sk: "item#004", extra: "x" }),
      json({ pk, sk: 4 }),
      json([pk, "item#004"]),
      Buffer.from("not json").toString("base64url"),
      `${cursor}=`,
      cursor.slice(0, -1) + (cursor.endsWith("A") ? "B" : "A"),
    ]) {
      await expectArchiveError(storage.items.query(pk, { skPrefix: "item#", cursor: bad }), "BAD_REQUEST");
    }
    await expectArchiveError(storage.items.query(partition("other"), { cursor }), "BAD_REQUEST");
    await expectArchiveError(storage.items.query(pk, { skPrefix: "other#", cursor }), "BAD_REQUEST");
    await expectArchiveError(storage.items.queryIndex("gsi1", pk, { cursor }), "BAD_REQUEST");
    await expectArchiveError(storage.items.query(pk, { limit: 0 }), "BAD_REQUEST");
    await expectArchiveError(storage.items.query(pk, { limit: 1.5 }), "BAD_REQUEST");
  });
});

describe("queryIndex", () => {
  it("pages through gsi1 in gsi1sk order, leaving out items without index keys", async () => {
    const listing = partition("publisher");
    const writes = [];
    for (let i = 0; i < 23; i++) {
      writes.push(
        storage.items.put({
          pk: partition("stmt"),
          sk: "record",
          gsi1pk: listing,
          gsi1sk: `2025-01-${pad(i)}`,
          i,
        }),
      );
    }
    writes.push(storage.items.put({ pk: partition("stmt"), sk: "record", i: -1 }));
    await Promise.all(writes);

    const forward = await queryAll((cursor) =>
      storage.items.queryIndex("gsi1", listing, { limit: 10, cursor }),
    );
    expect(forward.pages).toBeGreaterThanOrEqual(3);
    expect(forward.items.map((item) => item["i"])).toEqual(Array.from({ length: 23 }, (_, i) => i));

    const backward = await queryAll((cursor) =>
      storage.items.queryIndex("gsi1", listing, {
        limit: 4,
        cursor,
        descending: true,
        skPrefix: "2025-01-01",
      }),
    );
    expect(backward.items.map((item) => item["i"])).toEqual([19, 18, 17, 16, 15, 14, 13, 12, 11, 10]);
  });
});

describe("batchGet", () => {
  it("reads more than 100 keys, aligned with the request, duplicates and gaps included", async () => {
    const pk = partition("batch");
    await Promise.all(Array.from({ length: 130 }, (_, i) => storage.items.put({ pk, sk: pad(i), i })));
    const keys = [
      ...Array.from({ length: 150 }, (_, i) => ({ pk, sk: pad(i) })),
      { pk, sk: pad(3) },
      { pk: partition("nowhere"), sk: "x" },
    ];
    const items = await storage.items.batchGet(keys);
    expect(items).toHaveLength(152);
    for (let i = 0; i < 150; i++) expect(items[i]).toEqual(i < 130 ? { pk, sk: pad(i), i } : undefined);
    expect(items[150]).toEqual({ pk, sk: pad(3), i: 3 });
    expect(items[151]).toBeUndefined();
    expect(await storage.items.batchGet([])).toEqual([]);
  });
});

describe("SDK failures", () => {
  it("maps an unreachable DynamoDB to UNAVAILABLE (retryable) without leaking the SDK error", async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const { dynamo } = createAwsClients({ s3Endpoint: endpoint, dynamoEndpoint: endpoint, maxAttempts: 1 });
    const items = new DynamoDbItemStore(dynamo, storage.table);
    for (const call of [
      () => items.get("p", "s"),
      () => items.putIfAbsent({ pk: "p", sk: "s" }),
      () => items.query("p"),
      () => items.batchGet([{ pk: "p", sk: "s" }]),
      () => items.delete("p", "s"),
    ]) {
      const error = await expectArchiveError(call(), "UNAVAILABLE");
      expect(error.details).toEqual({ retryable: true });
      expect(error.cause).not.toBeInstanceOf(ArchiveError);
    }
    dynamo.destroy();
  });

  it("maps a missing table to UNAVAILABLE, not retryable, naming the DynamoDB error", async () => {
    const items = new DynamoDbItemStore(storage.dynamo, "isnad-no-such-table");
    const error = await expectArchiveError(items.get("p", "s"), "UNAVAILABLE");
    expect(error.details).toEqual({ retryable: false });
    expect(error.message).toContain("ResourceNotFoundException");
  });
});

describe("ensureTable", () => {
  it("accepts the existing table and refuses one with another key design", async () => {
    await ensureTable(storage.dynamo, storage.table);
    const name = `isnad-other-${formatHex(new Uint8Array(randomBytes(4)))}`;
    await storage.dynamo.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      }),
    );
    await expectArchiveError(ensureTable(storage.dynamo, name), "UNAVAILABLE");
  });
});
