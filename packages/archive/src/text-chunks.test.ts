import { describe, expect, it } from "vitest";
import { formatHex, generateEd25519Seed, sha256, utf8 } from "@isnad/core";
import type { Item, ItemStore } from "./ports";
import { createSigner } from "./signing";
import { CHUNK_BYTES, chunkManifestItem, readChunkManifest, WHOLE_TEXT_CHARS } from "./text-chunks";

/** Just enough of an ItemStore for one item kind: get and put. */
function oneItemStore() {
  const items = new Map<string, Item>();
  const store = {
    get: (pk: string, sk: string) => Promise.resolve(items.get(`${pk}|${sk}`)),
    put: (item: Item) => {
      items.set(`${item.pk}|${item.sk}`, item);
      return Promise.resolve();
    },
  } as unknown as ItemStore;
  return { store, items };
}

const signer = createSigner(generateEd25519Seed());
const keyring = new Map([[signer.keyId, signer.publicKey]]);
const text = "نص طويل ".repeat(40_000); // 320,000 UTF-16 units, 600,000 bytes
const digest = formatHex(sha256(utf8(text)));

describe("signed chunk manifests", () => {
  it("are written for long texts only and read back checked", async () => {
    expect(chunkManifestItem(signer, digest, text.slice(0, WHOLE_TEXT_CHARS))).toBeUndefined();
    const item = chunkManifestItem(signer, digest, text)!;
    const { store } = oneItemStore();
    await store.put(item);
    const manifest = (await readChunkManifest(store, digest, keyring))!;
    expect(manifest.size).toBe(utf8(text).length);
    expect(manifest.chunks).toHaveLength(Math.ceil(manifest.size / CHUNK_BYTES));
    expect(formatHex(manifest.chunks[3]!)).toBe(
      formatHex(sha256(utf8(text).subarray(3 * CHUNK_BYTES, 4 * CHUNK_BYTES))),
    );
  });

  it("are ignored when unsigned by the keyring, edited, or for another text", async () => {
    const item = chunkManifestItem(signer, digest, text)!;
    const { store } = oneItemStore();
    await store.put(item);
    const other = createSigner(generateEd25519Seed());
    expect(await readChunkManifest(store, digest, new Map([[other.keyId, other.publicKey]]))).toBeUndefined();

    const digests = new Uint8Array(item.digests as Uint8Array);
    digests[40] = digests[40]! ^ 1;
    await store.put({ ...item, digests });
    expect(await readChunkManifest(store, digest, keyring)).toBeUndefined();

    await store.put({ ...item, size: (item.size as number) + 1 });
    expect(await readChunkManifest(store, digest, keyring)).toBeUndefined();

    const elsewhere = "f".repeat(64);
    await store.put({ ...item, pk: `tc#${elsewhere}` });
    expect(await readChunkManifest(store, elsewhere, keyring)).toBeUndefined();
    expect(await readChunkManifest(store, "0".repeat(64), keyring)).toBeUndefined();
  });
});
