/** Publishers and API keys on the real emulators: hashed at rest, revocable, one publisher each. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Publishers, isArchiveError, keys, systemClock } from "@isnad/archive";
import { startTestStorage, type TestStorage } from "../support/storage";

let storage: TestStorage;
let publishers: Publishers;

beforeAll(async () => {
  storage = await startTestStorage();
  publishers = new Publishers(storage.items, systemClock);
  await publishers.create("press", "A press office");
});
afterAll(() => storage?.close());

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return isArchiveError(e) ? e.code : String(e);
  }
}

describe("publishers", () => {
  it("validates ids and refuses duplicates", async () => {
    expect(await codeOf(publishers.create("Bad Id", "x"))).toBe("BAD_REQUEST");
    expect(await codeOf(publishers.create("ok", " "))).toBe("BAD_REQUEST");
    expect(await codeOf(publishers.create("press", "again"))).toBe("CONFLICT");
    expect(await publishers.get("press")).toMatchObject({ id: "press", name: "A press office" });
    expect(await publishers.get("../x")).toBeUndefined();
  });

  it("issues keys that authenticate, stores only their hash, and revokes them", async () => {
    const issued = await publishers.issueKey("press");
    expect(issued.apiKey).toMatch(/^isnad_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(await publishers.authenticate(issued.apiKey)).toBe("press");

    const item = await storage.items.get(keys.apiKey(issued.keyId).pk, "key");
    // The secret is base64url, which may itself contain "_".
    const secret = issued.apiKey.slice(`isnad_${issued.keyId}_`.length);
    expect(
      JSON.stringify(item, (_k, v: unknown) =>
        v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v,
      ),
    ).not.toContain(secret);

    const wrongSecret = issued.apiKey.slice(0, -4) + "AAAA";
    expect(await codeOf(publishers.authenticate(wrongSecret))).toBe("UNAUTHORIZED");
    await publishers.revokeKey(issued.keyId);
    await publishers.revokeKey(issued.keyId); // idempotent
    expect(await codeOf(publishers.authenticate(issued.apiKey))).toBe("UNAUTHORIZED");
    expect(await codeOf(publishers.revokeKey("0000000000000000"))).toBe("NOT_FOUND");
  });

  it("accepts an operator-chosen key (ISNAD_API_KEY) and refuses to move it to another publisher", async () => {
    await publishers.create("second", "Second office");
    await publishers.registerKey("press", "a-long-local-development-key");
    expect(await publishers.authenticate("a-long-local-development-key")).toBe("press");
    expect(await codeOf(publishers.registerKey("second", "a-long-local-development-key"))).toBe("CONFLICT");
    expect(await codeOf(publishers.registerKey("press", "short"))).toBe("BAD_REQUEST");
    expect(await codeOf(publishers.issueKey("nobody"))).toBe("NOT_FOUND");
  });

  it("refuses missing and malformed keys with UNAUTHORIZED", async () => {
    for (const key of [undefined, "", "x", "isnad_zz_short", "\u0000".repeat(20)]) {
      expect(await codeOf(publishers.authenticate(key))).toBe("UNAUTHORIZED");
    }
  });
});
