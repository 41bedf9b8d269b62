import { describe, expect, it } from "vitest";
import { formatHex, generateEd25519Seed, sha256, utf8 } from "@isnad/core";
import { textKey } from "./stored-text";
import type { ItemStore, ObjectStore } from "./ports";
import { createSigner } from "./signing";
import { chunkManifestItem, readChunkManifest } from "./text-chunks";
import { CHUNK_BYTES, QuoteTexts, WHOLE_TEXT_CHARS, type QuoteTextLimits } from "./quote-texts";
import { utf8Offsets } from "./utf8-offsets";
import { READ_AHEAD } from "./text-chunk-reader";

/** An object store in memory, counting what is read; `ranged: false` hides getRange. */
function memoryObjects(ranged = true) {
  const objects = new Map<string, Uint8Array>();
  const reads = { whole: 0, ranges: 0, streams: 0 };
  const store = {
    get: (key: string) => {
      reads.whole++;
      return Promise.resolve(objects.get(key));
    },
    getStream: (key: string) => {
      reads.streams++;
      const bytes = objects.get(key);
      if (!bytes) return Promise.resolve(undefined);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 10_000) controller.enqueue(bytes.slice(at, at + 10_000));
          controller.close();
        },
      });
      return Promise.resolve({ size: bytes.length, contentType: "text/plain", metadata: {}, body });
    },
    ...(ranged
      ? {
          getRange: (key: string, start: number, end: number) => {
            reads.ranges++;
            return Promise.resolve(objects.get(key)?.slice(start, end));
          },
        }
      : {}),
  } as unknown as ObjectStore;
  const put = (text: string) => {
    const bytes = utf8(text);
    const digest = formatHex(sha256(bytes));
    objects.set(textKey(digest), bytes);
    return digest;
  };
  return { store, objects, reads, put };
}

// ~600,000 UTF-16 units of 2- and 3-byte characters (Arabic, and "€" to shift the byte count).
const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `كلمة${String.fromCharCode(0x0661 + (i % 9))} €`).join(" ");
const NEEDLE = "والتي لا يمكن أن يكتب لها النجاح";
const longText = `${filler(60_000)} ${NEEDLE} ${filler(30_000)}`;
const at = longText.indexOf(NEEDLE);
const anchor = { b: utf8Offsets(longText, [at])[0]!, c: at };

describe("QuoteTexts", () => {
  it("reads a short text whole, once, and keeps it prepared", async () => {
    const { store, reads, put } = memoryObjects();
    const texts = new QuoteTexts(store);
    const digest = put(`بيان قصير ${NEEDLE}`);
    const a = await texts.window(digest, 50, [], 100);
    const b = await texts.window(digest, 50, [], 100);
    expect(a!.offset).toBe(0);
    expect(a!.document.text).toContain(NEEDLE);
    expect(b!.document).toBe(a!.document);
    expect(reads.whole).toBe(1);
  });

  it("prepares only a window of a long text, placed by its UTF-16 offset", async () => {
    expect(longText.length).toBeGreaterThan(2 * WHOLE_TEXT_CHARS);
    const { store, reads, put } = memoryObjects();
    const texts = new QuoteTexts(store);
    const digest = put(longText);
    const window = (await texts.window(digest, longText.length, [anchor], 4096))!;
    expect(window.document.text.length).toBeLessThan(4 * CHUNK_BYTES);
    const inWindow = at - window.offset;
    expect(window.document.text.slice(inWindow, inWindow + NEEDLE.length)).toBe(NEEDLE);
    expect(longText.slice(window.offset, window.offset + window.document.text.length)).toBe(
      window.document.text,
    );
    // The first use streams the text once to check it; later ones read ranges only.
    expect(reads).toEqual({ whole: 0, ranges: 1, streams: 1 });
    const c2 = at + 100_000;
    const anchor2 = { b: utf8Offsets(longText, [c2])[0]!, c: c2 };
    const again = (await texts.window(digest, longText.length, [anchor2], 4096))!;
    expect(reads).toEqual({ whole: 0, ranges: 2, streams: 1 });
    expect(longText.slice(again.offset, again.offset + again.document.text.length)).toBe(again.document.text);
  });

  it("streams a cold long text once for quotes that touch it at the same time", async () => {
    const { store, reads, put } = memoryObjects();
    const texts = new QuoteTexts(store);
    const digest = put(longText);
    const windows = await Promise.all(
      [1, 2, 3].map(() => texts.window(digest, longText.length, [anchor], 4096)),
    );
    expect(windows.every((w) => w !== undefined)).toBe(true);
    expect(reads.streams).toBe(1);
  });

  it("prepares only the reach around the hits, and reads each checked chunk once", async () => {
    const { store, reads, put } = memoryObjects();
    const texts = new QuoteTexts(store);
    const digest = put(longText);
    const window = (await texts.window(digest, longText.length, [anchor], 2048))!;
    // ~2 × 2,048 bytes of 2–3-byte characters, not the 16 KiB chunks around them.
    expect(window.document.text.length).toBeLessThan(4096);
    expect(window.document.text).toContain(NEEDLE);
    expect(reads.ranges).toBe(1);
    // Another quote a little further on, in the same chunks: nothing read, only prepared.
    const c2 = at + 1000;
    const near = { b: utf8Offsets(longText, [c2])[0]!, c: c2 };
    const again = (await texts.window(digest, longText.length, [near], 2048))!;
    expect(reads.ranges).toBe(1);
    expect(longText.slice(again.offset, again.offset + again.document.text.length)).toBe(again.document.text);
    // One reaching past what is held: one more range read, of the missing chunks alone.
    const wide = (await texts.window(digest, longText.length, [anchor], 3 * CHUNK_BYTES))!;
    expect(reads.ranges).toBe(2);
    expect(longText.slice(wide.offset, wide.offset + wide.document.text.length)).toBe(wide.document.text);
  });

  it("reads a whole aligned block of chunks, so a quote in a neighbouring chunk reads nothing", async () => {
    const { store, reads, put } = memoryObjects();
    const texts = new QuoteTexts(store);
    const digest = put(longText);
    await texts.window(digest, longText.length, [anchor], 100);
    const chunk = Math.floor(anchor.b / CHUNK_BYTES);
    const block = chunk - (chunk % READ_AHEAD);
    // A place a chunk or more away from the anchor's, in the same block.
    let c = at;
    const byteAt = (i: number) => utf8Offsets(longText, [i])[0]!;
    const step = chunk === block + READ_AHEAD - 1 ? -500 : 500;
    while (Math.floor(byteAt(c) / CHUNK_BYTES) === chunk) c += step;
    expect(Math.floor(byteAt(c) / CHUNK_BYTES) - block).toBeLessThan(READ_AHEAD);
    const neighbour = (await texts.window(digest, longText.length, [{ b: byteAt(c), c }], 100))!;
    expect(reads.ranges).toBe(1);
    expect(longText.slice(neighbour.offset, neighbour.offset + neighbour.document.text.length)).toBe(
      neighbour.document.text,
    );
  });

  it("prepares a window once for quotes that need it at the same time", async () => {
    const { store, reads, put } = memoryObjects();
    const texts = new QuoteTexts(store);
    const digest = put(longText);
    const [a, b, c] = await Promise.all(
      [1, 2, 3].map(() => texts.window(digest, longText.length, [anchor], 4096)),
    );
    expect(a!.document).toBe(b!.document);
    expect(b!.document).toBe(c!.document);
    expect(reads).toEqual({ whole: 0, ranges: 1, streams: 1 });
  });

  it("keeps checked chunks within its bound, least recently used out first", async () => {
    const far = at + 100_000;
    const there = { b: utf8Offsets(longText, [far])[0]!, c: far };
    const rangesFor = async (limits: QuoteTextLimits) => {
      const { store, reads, put } = memoryObjects();
      const texts = new QuoteTexts(store, limits);
      const digest = put(longText);
      for (const where of [anchor, there, anchor]) await texts.window(digest, longText.length, [where], 100);
      return reads.ranges;
    };
    // Prepared windows not kept (cacheChars 0), so only the chunk cache can spare a read.
    expect(await rangesFor({ cacheChars: 0, cacheManifests: 1 })).toBe(2);
    expect(await rangesFor({ cacheChars: 0, cacheManifests: 1, cacheChunkBytes: CHUNK_BYTES })).toBe(3);
  });

  it("never serves a text that does not match its digest, whole or by range", async () => {
    const { store, objects, put } = memoryObjects();
    const texts = new QuoteTexts(store);
    const short = put("نص قصير أصلي");
    objects.set(textKey(short), utf8("نص قصير مزور"));
    expect(await texts.window(short, 12, [], 100)).toBeUndefined();

    const digest = put(longText);
    expect(await texts.window(digest, longText.length, [anchor], 4096)).toBeDefined();
    // Changed after the first check: a new range read fails its chunk's digest. (The window
    // prepared before stays usable: it is the text the record signs.)
    const forged = utf8(longText.replace(NEEDLE, "والتي يمكن أن يكتب لها النجاح حتماً"));
    objects.set(textKey(digest), forged);
    expect(await texts.window(digest, longText.length, [anchor], 4096)).toBeDefined();
    expect(await texts.window(digest, longText.length, [anchor], 200_000)).toBeUndefined();
    // A fresh process streams it whole and refuses it.
    expect(await new QuoteTexts(store).window(digest, longText.length, [anchor], 4096)).toBeUndefined();
  });

  it("reads the whole object when the store has no ranged reads, and skips a long text without hits", async () => {
    const { store, reads, put } = memoryObjects(false);
    const texts = new QuoteTexts(store);
    const digest = put(longText);
    expect(await texts.window(digest, longText.length, [], 4096)).toBeUndefined();
    const window = (await texts.window(digest, longText.length, [anchor], 4096))!;
    expect(window.document.text).toContain(NEEDLE);
    expect(reads.whole).toBe(1);
    expect(await texts.window("0".repeat(64), longText.length, [anchor], 4096)).toBeUndefined();
    expect(await texts.window("0".repeat(64), 10, [], 4096)).toBeUndefined();
  });

  it("keeps prepared texts within its bound, least recently used out first", async () => {
    const { store, reads, put } = memoryObjects();
    const texts = new QuoteTexts(store, { cacheChars: 30, cacheManifests: 1 });
    const a = put("واحد اثنان ثلاثة أربعة");
    const b = put("خمسة ستة سبعة ثمانية");
    await texts.window(a, 22, [], 10);
    await texts.window(b, 20, [], 10);
    await texts.window(a, 22, [], 10);
    expect(reads.whole).toBe(3);
  });
});

describe("QuoteTexts with signed chunk digests", () => {
  const signer = createSigner(generateEd25519Seed());
  const keyring = new Map([[signer.keyId, signer.publicKey]]);

  it("reads a cold long text by range alone, and refuses a range that fails its signed digest", async () => {
    const { store, objects, reads, put } = memoryObjects();
    const digest = put(longText);
    const item = chunkManifestItem(signer, digest, longText)!;
    const manifests = { gets: 0 };
    const signed = (d: string) => {
      manifests.gets++;
      const items = { get: () => Promise.resolve(d === digest ? item : undefined) } as unknown as ItemStore;
      return readChunkManifest(items, d, keyring);
    };
    const window = (await new QuoteTexts(store).window(
      digest,
      longText.length,
      [anchor],
      4096,
      undefined,
      signed,
    ))!;
    expect(window.document.text).toContain(NEEDLE);
    expect(reads).toEqual({ whole: 0, ranges: 1, streams: 0 });
    expect(manifests.gets).toBe(1);

    objects.set(textKey(digest), utf8(longText.replace(NEEDLE, "والتي يمكن أن يكتب لها النجاح حتماً")));
    expect(
      await new QuoteTexts(store).window(digest, longText.length, [anchor], 4096, undefined, signed),
    ).toBeUndefined();
    expect(reads.streams).toBe(0);
  });

  it("falls back to streaming the text when no signed digests are stored", async () => {
    const { store, reads, put } = memoryObjects();
    const digest = put(longText);
    const none = () => Promise.resolve(undefined);
    const window = await new QuoteTexts(store).window(
      digest,
      longText.length,
      [anchor],
      4096,
      undefined,
      none,
    );
    expect(window?.document.text).toContain(NEEDLE);
    expect(reads.streams).toBe(1);
  });
});
