/**
 * A quote on a long text reads only the chunks around its hits, even in a fresh process (issue #13:
 * bounded quote cost): ingest signs the text's chunk digests (text-chunks.ts), verifyQuote checks
 * the ranges it reads against them. Without them (statements indexed before), the text is streamed
 * once to check it, as before; `isnad reindex` (reindexQuotes with a signer) writes them.
 * Real emulators: s3rver for the ranged reads, dynalite for the items.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CHUNK_BYTES,
  Publishers,
  READ_AHEAD,
  QuoteTexts,
  chunkManifestKey,
  createKeyring,
  createSigner,
  createTextIndexer,
  ingest,
  reindexQuotes,
  systemClock,
  verifyQuote,
} from "@isnad/archive";
import { generateEd25519Seed, utf8 } from "@isnad/core";
import { plainTextDeps } from "../support/plain-text-deps";
import { startTestStorage, type TestStorage } from "../support/storage";

let storage: TestStorage;
let publishers: Publishers;
let digest: string;
const signer = createSigner(generateEd25519Seed());
const keyring = createKeyring(signer);
const NEEDLE = "the water supply in the eastern districts will be restored by Thursday";
// ~650,000 characters: numbered sentences around the needle (within the 50,000 words indexed).
const text = [
  ...Array.from({ length: 2_000 }, (_, i) => `Paragraph ${i} of the annual report says nothing new.`),
  NEEDLE,
  ...Array.from({ length: 13_000 }, (_, i) => `Annex ${i} lists the figures of the year.`),
].join("\n");

beforeAll(async () => {
  storage = await startTestStorage();
  publishers = new Publishers(storage.items, systemClock);
  await publishers.create("press", "A press office");
  const deps = plainTextDeps(storage, signer, {
    indexText: createTextIndexer(storage.items, signer),
    maxUploadBytes: 4 * 1024 * 1024,
  });
  const stored = await ingest(deps, {
    publisher: "press",
    body: utf8(text),
    declaredMediaType: "text/plain",
    filename: null,
    fields: {},
  });
  digest = stored.statement.record.text!.sha256!;
}, 120_000);
afterAll(() => storage?.close());

const quote = "the water supply in the eastern quarters will be restored";
const fresh = () => ({ texts: new QuoteTexts(storage.objects) });

describe("quotes on a long text", () => {
  it("read a window checked against the signed chunk digests, never the whole text", async () => {
    const answer = await verifyQuote(storage, quote, keyring.byId, fresh());
    expect(answer.verdict).toBe("altered");
    expect(answer.results[0]!.match.differences[0]).toMatchObject({
      original: "districts",
      quote: "quarters",
    });
    expect(answer.textBytes).toBeGreaterThan(0);
    // The aligned block(s) of READ_AHEAD chunks around the hits: ≤ 128 KiB of a 640 KiB text.
    expect(answer.textBytes).toBeLessThanOrEqual(2 * READ_AHEAD * CHUNK_BYTES);
  });

  it("stream the text once when it has no signed digests, and isnad reindex writes them", async () => {
    const key = chunkManifestKey(digest);
    await storage.items.delete(key.pk, key.sk);
    const streamed = await verifyQuote(storage, quote, keyring.byId, fresh());
    expect(streamed.verdict).toBe("altered");
    expect(streamed.textBytes).toBeGreaterThanOrEqual(utf8(text).length);

    await reindexQuotes({ ...storage, publishers, signer });
    expect(await storage.items.get(key.pk, key.sk)).toBeDefined();
    const again = await verifyQuote(storage, quote, keyring.byId, fresh());
    expect(again.textBytes).toBeLessThanOrEqual(2 * READ_AHEAD * CHUNK_BYTES);
  });

  it("ignore digests signed by a key outside the keyring (the text is streamed and checked)", async () => {
    const stranger = createSigner(generateEd25519Seed());
    const answer = await verifyQuote(storage, quote, createKeyring(stranger).byId, fresh());
    expect(answer.textBytes).toBeGreaterThanOrEqual(utf8(text).length);
  });
});
