/**
 * Verify by hash through one item per content (content-items.ts, issue #15), on the real
 * emulators through the production adapters: one GetItem per verification once the archive is
 * migrated (found or not), every holder of bytes several publishers archived at once, never a
 * statement that did not commit, and an archive from before the item migrated without losing one.
 * The item's compare-and-swap under concurrent adds: tests/storage/content-holders.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprintText, formatHex, generateEd25519Seed, sha256 } from "@isnad/core";
import {
  createKeyring,
  createSigner,
  ingest,
  isArchiveError,
  keys,
  migrateContentHolders,
  Publishers,
  readContentHolders,
  systemClock,
  verifyBySha256,
  type ArchiveDeps,
  type Item,
} from "@isnad/archive";
import { documentExtractor } from "@isnad/extract";
import { startTestStorage, type TestStorage } from "../support/storage";

let storage: TestStorage;
const signer = createSigner(generateEd25519Seed());
const keyring = createKeyring(signer).byId;
const requests: string[] = [];

beforeAll(async () => {
  storage = await startTestStorage();
  storage.dynamo.middlewareStack.add(
    (next, context) => (args) => {
      requests.push(String(context.commandName));
      return next(args);
    },
    { step: "initialize", name: "contentHoldersCounter" },
  );
});
afterAll(() => storage?.close());

let logSize = 0;
const deps = (log: ArchiveDeps["log"] = { append: async () => ({ leafIndex: logSize++ }) }): ArchiveDeps => ({
  log,
  objects: storage.objects,
  items: storage.items,
  signer,
  clock: systemClock,
  extractor: documentExtractor,
  fingerprint: fingerprintText,
  limits: { maxUploadBytes: 1024 * 1024 },
});

const archive = (publisher: string, text: string, d = deps()) =>
  ingest(d, {
    publisher,
    body: new TextEncoder().encode(text),
    declaredMediaType: "text/plain",
    filename: null,
    fields: {},
  });

const hexOf = (text: string) => formatHex(sha256(new TextEncoder().encode(text)));

async function counted<T>(work: () => Promise<T>): Promise<{ value: T; requests: string[] }> {
  requests.length = 0;
  const value = await work();
  return { value, requests: [...requests] };
}

const publishers = () => new Publishers(storage.items, systemClock);

describe("content holders, before and after the migration", () => {
  // First in the file: the table holds statements from before the marker, as an old archive does.
  it("is not trusted before the migration; the migration lists every statement, then one GetItem", async () => {
    const old = `archived before content holders ${Date.now()}`;
    await publishers().create("press-old", { name: "Old press" });
    const { statement } = await archive("press-old", old);
    // As an archive from before this item: the statement is in no holders item.
    const holders = keys.contentHolders(statement.record.original.sha256);
    await storage.items.delete(holders.pk, holders.sk);

    const before = await counted(() => verifyBySha256(storage.items, hexOf(old), keyring));
    expect(before.value.map((m) => m.record.id)).toEqual([statement.record.id]);
    expect(before.requests).toContain("QueryCommand"); // the link items, as before

    const summary = await migrateContentHolders({
      items: storage.items,
      publishers: publishers(),
      now: () => new Date(),
    });
    expect(summary).toMatchObject({ ran: true, publishers: 1, statements: 1 });
    expect(await readContentHolders(storage.items, hexOf(old))).toEqual([statement.record.id]);
    const again = await migrateContentHolders({
      items: storage.items,
      publishers: publishers(),
      now: () => new Date(),
    });
    expect(again.ran).toBe(false);

    // A new read of the statement (past verify-recent's second) is its own Query; the lookup is a GetItem.
    await new Promise((r) => setTimeout(r, 1100));
    const after = await counted(() => verifyBySha256(storage.items, hexOf(old), keyring));
    expect(after.value.map((m) => m.record.id)).toEqual([statement.record.id]);
    expect(after.requests.filter((r) => r === "GetItemCommand")).toHaveLength(1);
    const repeated = await counted(() => verifyBySha256(storage.items, hexOf(old), keyring));
    expect(repeated.requests).toEqual(["GetItemCommand"]);
  });
});

describe("content holders, once migrated", () => {
  beforeAll(async () => {
    await migrateContentHolders({ items: storage.items, publishers: publishers(), now: () => new Date() });
  });

  it("answers bytes nobody archived with one GetItem that misses", async () => {
    const missing = await counted(() =>
      verifyBySha256(storage.items, hexOf(`never archived ${Date.now()}`), keyring),
    );
    expect(missing.value).toEqual([]);
    expect(missing.requests).toEqual(["GetItemCommand"]);
  });

  it("lists every publisher that archived the same bytes at once, oldest first", async () => {
    const text = `the same release from many desks ${Date.now()}`;
    const desks = ["desk-a", "desk-b", "desk-c", "desk-d", "desk-e"];
    const results = await Promise.all(desks.map((desk) => archive(desk, text)));
    const ids = results.map((r) => r.statement.record.id);
    expect([...(await readContentHolders(storage.items, hexOf(text)))].sort()).toEqual([...ids].sort());
    const matches = await verifyBySha256(storage.items, hexOf(text), keyring);
    expect(matches.map((m) => m.record.id).sort()).toEqual([...ids].sort());
    expect(matches.filter((m) => m.archivedFirst)).toHaveLength(1);
    expect(matches[0]!.archivedFirst).toBe(true);
  });

  it("never shows a statement whose ingest died before its commit; its retry shows it", async () => {
    const text = `died before its commit ${Date.now()}`;
    // The process dies at the commit (step 5): everything before it was written.
    const failing: ArchiveDeps = {
      ...deps(),
      items: new Proxy(storage.items, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (prop !== "putIfVersion") return typeof value === "function" ? value.bind(target) : value;
          return (item: Item, expected: number | undefined) => {
            if (item.sk === "record") throw new Error("the process died here");
            return target.putIfVersion(item, expected);
          };
        },
      }),
    };
    await expect(archive("press-crash", text, failing)).rejects.toThrow("the process died here");
    // Listed (step 3 ran), but pending.
    expect(await readContentHolders(storage.items, hexOf(text))).toHaveLength(1);
    expect(await verifyBySha256(storage.items, hexOf(text), keyring)).toEqual([]);

    const retried = await archive("press-crash", text);
    const matches = await verifyBySha256(storage.items, hexOf(text), keyring);
    expect(matches.map((m) => m.record.id)).toEqual([retried.statement.record.id]);
    expect(await readContentHolders(storage.items, hexOf(text))).toEqual([retried.statement.record.id]);
  });

  it("refuses a holders item changed into something else (INTEGRITY, not a 500)", async () => {
    const hex = hexOf(`tampered holders ${Date.now()}`);
    await storage.items.put({ ...keys.contentHolders(hex), ids: "not a list", version: 1 });
    const error = await verifyBySha256(storage.items, hex, keyring).catch((e: unknown) => e);
    expect(isArchiveError(error, "INTEGRITY")).toBe(true);
  });
});
