/**
 * The witness's DynamoDB state on a real emulator (dynalite, or DynamoDB Local with
 * ISNAD_TEST_DYNAMODB): the conditional write lets exactly one of many racing advances from one
 * size win, and a stale expected size never rolls the state back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDbWitnessState } from "@isnad/witness";
import { startTestStorage, type TestStorage } from "../support/storage";

describe("DynamoDbWitnessState", () => {
  let storage: TestStorage;
  beforeAll(async () => {
    storage = await startTestStorage();
  });
  afterAll(() => storage?.close());

  const state = (size: number) => ({ size, checkpoint: `cp ${size}\n`, cosignature: `— w sig${size}` });

  it("creates, advances only from the stored size, and reads back", async () => {
    const store = new DynamoDbWitnessState(storage.dynamo, storage.table);
    expect(await store.latest("log/a")).toBeUndefined();
    expect(await store.advance("log/a", 3, state(5))).toBe(false);
    expect(await store.advance("log/a", undefined, state(5))).toBe(true);
    expect(await store.advance("log/a", undefined, state(6))).toBe(false);
    expect(await store.advance("log/a", 5, state(8))).toBe(true);
    expect(await store.advance("log/a", 5, state(7))).toBe(false); // stale: no rollback to 7
    expect(await store.latest("log/a")).toEqual(state(8));
    expect(await store.latest("log/b")).toBeUndefined();
  });

  it("of 8 racing advances from one size, exactly one wins", async () => {
    const store = new DynamoDbWitnessState(storage.dynamo, storage.table);
    await store.advance("log/race", undefined, state(1));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.advance("log/race", 1, state(10 + i))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.latest("log/race"))!.size).toBe(10 + results.indexOf(true));
  });
});
