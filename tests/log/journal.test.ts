/** Publisher and key changes are signed records in the log too, and carry no key material. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatEntryBundlePath, parseEntryBundle, parseJson, parseUtf8 } from "@isnad/core";
import { verifyRecordSignature } from "@isnad/archive";
import { startTestStack, type TestStack } from "../support/local-stack";
import { runCli } from "../support/cli";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

async function logEntries(): Promise<Record<string, any>[]> {
  const { treeSize } = (await (await fetch(`${stack.url}/v1/log`)).json()) as { treeSize: number };
  const entries: Record<string, any>[] = [];
  for (let index = 0; index * 256 < treeSize; index++) {
    const width = Math.min(256, treeSize - index * 256);
    const path = formatEntryBundlePath({ index, width });
    const bundle = new Uint8Array(await (await fetch(`${stack.url}/${path}`)).arrayBuffer());
    for (const entry of parseEntryBundle(bundle, width))
      entries.push(parseJson(parseUtf8(entry)) as Record<string, any>);
  }
  return entries;
}

describe("the journal of publisher and key changes", () => {
  it("logs a publisher's creation and its keys' issue and revocation, signed, without secrets", async () => {
    const created = await runCli(["publisher", "create", "journal-press", "Journal Press", "--json"], {
      ISNAD_DATA_DIR: stack.dataDir,
    });
    expect(created.code, created.stderr).toBe(0);
    const { key } = JSON.parse(created.stdout) as { key: { keyId: string; apiKey: string } };
    expect((await runCli(["key", "revoke", key.keyId], { ISNAD_DATA_DIR: stack.dataDir })).code).toBe(0);

    const entries = await logEntries();
    const mine = entries.filter((e) => e.publisher === "journal-press");
    expect(mine.map((e) => `${e.type} ${e.action}`)).toEqual([
      "isnad.publisher/v1 created",
      "isnad.apikey/v1 issued",
      "isnad.apikey/v1 revoked",
    ]);
    for (const event of mine) {
      expect(verifyRecordSignature(event, stack.services.keyring.byId).valid).toBe(true);
      expect(JSON.stringify(event)).not.toContain(key.apiKey.slice(`isnad_${key.keyId}_`.length));
    }
    // The seed publisher's creation (first start) is logged before its statements.
    expect(entries[0]).toMatchObject({ type: "isnad.publisher/v1", publisher: stack.publisher });
  });

  it("does not log anything again when a key is registered twice", async () => {
    const before = (await logEntries()).length;
    await stack.services.publishers.registerKey(stack.publisher, "a-key-chosen-by-the-operator");
    await stack.services.publishers.registerKey(stack.publisher, "a-key-chosen-by-the-operator");
    expect((await logEntries()).length).toBe(before + 1);
  });
});
