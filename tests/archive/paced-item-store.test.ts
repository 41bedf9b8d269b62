/**
 * pacedItemStore (packages/archive/src/paced-item-store.ts) on the real DynamoDB adapter and
 * emulator: a long index is written whole, never more than `inFlight` BatchWriteItem calls at a
 * time (what the local server's reader needs during a long text's deferred index, issue #13).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pacedItemStore, type Item } from "@isnad/archive";
import { startTestStorage, type TestStorage } from "../support/storage";

let storage: TestStorage;
const live = { now: 0, max: 0, calls: 0 };

beforeAll(async () => {
  storage = await startTestStorage();
  // Counted where the SDK sends: in flight from its first middleware to its answer.
  storage.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== "BatchWriteItemCommand") return next(args);
      live.calls++;
      live.max = Math.max(live.max, ++live.now);
      try {
        return await next(args);
      } finally {
        live.now--;
      }
    },
    { step: "initialize", name: "pacedCounter" },
  );
});
afterAll(() => storage?.close());

const items = (tag: string, n: number): Item[] =>
  Array.from({ length: n }, (_, i) => ({ pk: `paced#${tag}`, sk: String(i).padStart(5, "0"), n: i }));

describe("pacedItemStore", () => {
  it("writes every item, at most inFlight batches of 25 at a time", async () => {
    for (const inFlight of [1, 2]) {
      Object.assign(live, { now: 0, max: 0, calls: 0 });
      const all = items(`in-flight-${inFlight}`, 310);
      await pacedItemStore(storage.items, { inFlight }).putMany(all);
      expect(live.max).toBe(inFlight);
      expect(live.calls).toBe(Math.ceil(310 / 25));
      const stored = await storage.items.query(`paced#in-flight-${inFlight}`, { limit: 1000 });
      expect(stored.items.map((item) => item["n"])).toEqual(all.map((item) => item["n"]));
    }
    // The adapter alone sends several at once: the bound above is the pacing's.
    Object.assign(live, { now: 0, max: 0, calls: 0 });
    await storage.items.putMany(items("unpaced", 310));
    expect(live.max).toBeGreaterThan(2);
  });

  it("passes every other call through to the store", async () => {
    const paced = pacedItemStore(storage.items);
    await paced.put({ pk: "paced#other", sk: "a", v: 1 });
    expect(await paced.get("paced#other", "a")).toMatchObject({ v: 1 });
    expect(await paced.putIfAbsent({ pk: "paced#other", sk: "a", v: 2 })).toBe(false);
    await paced.delete("paced#other", "a");
    expect(await storage.items.get("paced#other", "a")).toBeUndefined();
  });
});
