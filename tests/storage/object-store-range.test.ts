/** S3ObjectStore.getRange (HTTP Range, RFC 9110 §14) against s3rver, through the real SDK. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "@isnad/core";
import { startTestObjectStore, type TestObjectStore } from "../support/storage";

let storage: TestObjectStore;
const body = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) % 251);

beforeAll(async () => {
  storage = await startTestObjectStore();
  await storage.objects.putImmutable("texts/range", body, {
    contentType: "text/plain",
    sha256: sha256(body),
  });
});
afterAll(() => storage?.close());

describe("getRange", () => {
  it("returns exactly bytes [start, end), anywhere in the object", async () => {
    for (const [start, end] of [
      [0, 1],
      [0, 65_536],
      [65_536, 131_072],
      [199_990, 200_000],
      [12_345, 123_456],
    ] as const) {
      expect(await storage.objects.getRange!("texts/range", start, end)).toEqual(body.slice(start, end));
    }
  });

  it("returns what there is past the end, undefined for no object, and refuses a bad range", async () => {
    expect(await storage.objects.getRange!("texts/range", 199_000, 300_000)).toEqual(body.slice(199_000));
    expect(await storage.objects.getRange!("texts/absent", 0, 10)).toBeUndefined();
    await expect(storage.objects.getRange!("texts/range", 10, 10)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(storage.objects.getRange!("texts/range", -1, 10)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
