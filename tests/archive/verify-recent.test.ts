/**
 * Verify by hash with what it read a moment ago (verify-recent.ts, issue #15), on the real
 * emulators: a repeated verify costs the one content lookup, yet a statement archived with the
 * same bytes is found at once, and a supersession committed in this process shows at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { fingerprintText, formatHex, generateEd25519Seed, sha256 } from "@isnad/core";
import { createSigner, ingest, verifyBySha256, type ArchiveDeps } from "@isnad/archive";
import { documentExtractor } from "@isnad/extract";
import { startTestStorage, type TestStorage } from "../support/storage";

let storage: TestStorage;
const signer = createSigner(generateEd25519Seed());
const requests: string[] = [];

beforeAll(async () => {
  storage = await startTestStorage();
  countCommands(storage.dynamo, requests);
});
afterAll(() => storage?.close());

function countCommands(client: DynamoDBClient, into: string[]): void {
  client.middlewareStack.add(
    (next, context) => (args) => {
      into.push(String(context.commandName));
      return next(args);
    },
    { step: "initialize", name: "verifyRecentCounter" },
  );
}

// A log of our own port's shape: verify by hash remembers only statements that are in the log.
let logSize = 0;
const log = { append: async () => ({ leafIndex: logSize++ }) };

const deps = (): ArchiveDeps => ({
  log,
  objects: storage.objects,
  items: storage.items,
  signer,
  clock: { now: () => new Date() },
  extractor: documentExtractor,
  fingerprint: fingerprintText,
  limits: { maxUploadBytes: 1024 * 1024 },
});

const archive = (publisher: string, text: string, fields: Record<string, string> = {}) =>
  ingest(deps(), {
    publisher,
    body: new TextEncoder().encode(text),
    declaredMediaType: "text/plain",
    filename: null,
    fields,
  });

describe("verify by hash, repeated", () => {
  const keyring = new Map([[signer.keyId, signer.publicKey]]);

  it("reads the statement once, the content lookup every time, and finds new statements at once", async () => {
    const text = `a popular statement ${Date.now()}`;
    const hex = formatHex(sha256(new TextEncoder().encode(text)));
    const first = await archive("press-a", text);
    expect((await verifyBySha256(storage.items, hex, keyring)).map((m) => m.record.id)).toEqual([
      first.statement.record.id,
    ]);
    requests.length = 0;
    const again = await verifyBySha256(storage.items, hex, keyring);
    expect(again.map((m) => m.signature.valid)).toEqual([true]);
    expect(requests).toEqual(["QueryCommand"]);

    const second = await archive("press-b", text);
    const both = await verifyBySha256(storage.items, hex, keyring);
    expect(both.map((m) => m.record.id)).toEqual([first.statement.record.id, second.statement.record.id]);
    expect(both.map((m) => m.archivedFirst)).toEqual([true, false]);
  });

  it("shows a supersession committed here at once, though the older statement was just read", async () => {
    const text = `to be superseded ${Date.now()}`;
    const hex = formatHex(sha256(new TextEncoder().encode(text)));
    const old = await archive("press-a", text);
    expect((await verifyBySha256(storage.items, hex, keyring))[0]!.supersededBy).toEqual([]);
    const newer = await archive("press-a", `${text}, corrected`, { supersedes: old.statement.record.id });
    expect((await verifyBySha256(storage.items, hex, keyring))[0]!.supersededBy).toEqual([
      newer.statement.record.id,
    ]);
  });

  it("answers with the same matches while its statements are the ones kept, and anew when one is added", async () => {
    const text = `kept matches ${Date.now()}`;
    const hex = formatHex(sha256(new TextEncoder().encode(text)));
    await archive("press-a", text);
    const first = await verifyBySha256(storage.items, hex, keyring);
    expect(await verifyBySha256(storage.items, hex, keyring)).toBe(first);
    // Another keyring is another answer: the signatures are checked against it.
    const other = await verifyBySha256(storage.items, hex, new Map(keyring));
    expect(other).not.toBe(first);
    await archive("press-b", text);
    expect((await verifyBySha256(storage.items, hex, keyring)).length).toBe(2);
  });
});
