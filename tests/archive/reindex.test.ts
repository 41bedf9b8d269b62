/**
 * `isnad reindex` (its use case, reindexQuotes) on the real emulators: statements archived without
 * a quote index (as after a change of key scheme or normalization) are found by quote once it has
 * run; a second run writes the same items; a text that no longer matches its record is reported.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Publishers,
  createKeyring,
  createSigner,
  ingest,
  reindexQuotes,
  systemClock,
  textKey,
  verifyQuote,
  type ArchiveDeps,
} from "@isnad/archive";
import { fingerprintText, generateEd25519Seed, utf8 } from "@isnad/core";
import { documentExtractor } from "@isnad/extract";
import { startTestStorage, type TestStorage } from "../support/storage";

let storage: TestStorage;
let deps: ArchiveDeps;
let publishers: Publishers;
const signer = createSigner(generateEd25519Seed());
const keyring = createKeyring(signer);
const texts = [
  "The council approved the budget for the new library on Monday evening after a long debate.",
  "The ministry said the water supply in the eastern districts will be restored by Thursday.",
  "Officials confirmed that the bridge will not reopen before the end of the summer season.",
];

beforeAll(async () => {
  storage = await startTestStorage();
  publishers = new Publishers(storage.items, systemClock);
  await publishers.create("press", "A press office");
  deps = {
    objects: storage.objects,
    items: storage.items,
    signer,
    clock: systemClock,
    extractor: documentExtractor,
    fingerprint: fingerprintText,
    indexText: async () => {}, // archived as before the current index existed
    limits: { maxUploadBytes: 1024 * 1024 },
  };
  for (const text of texts) {
    await ingest(deps, {
      publisher: "press",
      body: utf8(text),
      declaredMediaType: "text/plain",
      filename: null,
      fields: {},
    });
  }
});
afterAll(() => storage?.close());

const quote = "the water supply in the eastern quarters will be restored";

describe("reindexQuotes", () => {
  it("makes statements archived without an index findable, idempotently, with progress", async () => {
    expect((await verifyQuote(storage, quote, keyring.byId)).verdict).toBe("not-found");
    const progress: number[] = [];
    const first = await reindexQuotes({ ...storage, publishers }, (p) => progress.push(p.statements));
    expect(first).toMatchObject({ publishers: 1, statements: 3, indexed: 3, damaged: [] });
    expect(first.items).toBeGreaterThan(3 * 2 * 14);
    expect(progress.at(-1)).toBe(3);
    const found = await verifyQuote(storage, quote, keyring.byId);
    expect(found.verdict).toBe("altered");
    expect(found.results[0]!.match.differences[0]).toMatchObject({
      original: "districts",
      quote: "quarters",
    });

    const second = await reindexQuotes({ ...storage, publishers });
    expect(second).toEqual(first);
  });

  it("reports a statement whose stored text no longer matches its record, and goes on", async () => {
    const stored = await verifyQuote(storage, "approved the budget for the new library", keyring.byId);
    const digest = stored.results[0]!.view.record.text!.sha256!;
    await storage.objects.putMutable(textKey(digest), utf8("forged"), { contentType: "text/plain" });
    const run = await reindexQuotes({ ...storage, publishers });
    expect(run.damaged).toEqual([stored.results[0]!.view.record.id]);
    expect(run.indexed).toBe(2);
  });
});
