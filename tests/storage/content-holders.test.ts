/**
 * The content holders item's compare-and-swap (packages/archive/src/content-items.ts) against
 * dynalite or DynamoDB Local (ISNAD_TEST_DYNAMODB) through the real AWS SDK: concurrent adds of
 * one content's holders lose no id, and a retried add lists its id once.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHex } from "@isnad/core";
import {
  addContentHolder,
  contentHoldersMigrated,
  keys,
  markContentHoldersComplete,
  readContentHolders,
} from "@isnad/archive";
import { startTestStorage, type TestStorage } from "../support/storage";

let storage: TestStorage;
beforeAll(async () => {
  storage = await startTestStorage();
});
afterAll(async () => {
  await storage?.close();
});

const hex = () => formatHex(new Uint8Array(randomBytes(32)));
const id = () => formatHex(new Uint8Array(randomBytes(16)));

describe("content holders item", () => {
  it("loses no id to concurrent adds, and adds an id once however often it is retried", async () => {
    await markContentHoldersComplete(storage.items, new Date().toISOString());
    expect(await contentHoldersMigrated(storage.items)).toBe(true);
    const content = hex();
    const ids = Array.from({ length: 16 }, id);
    await Promise.all(
      [...ids, ...ids.slice(0, 4)].map((holder) => addContentHolder(storage.items, content, holder)),
    );
    expect([...(await readContentHolders(storage.items, content))].sort()).toEqual([...ids].sort());
    const item = await storage.items.get(keys.contentHolders(content).pk, keys.contentHolders(content).sk);
    // One version per id added, none per retry.
    expect(item?.version).toBe(ids.length);
  });

  it("reads nothing for content nobody holds", async () => {
    expect(await readContentHolders(storage.items, hex())).toEqual([]);
  });
});
