/**
 * The chunk digests of a long stored text, written when it is indexed and signed by the archive,
 * so that a quote reads only the 16 KiB chunks around its hits and checks each one (issue #13:
 * "with ten 10-million-character texts archived, a quote answers in ≤ 500 ms p95"). Before, the
 * first quote touching a text streamed all of it (~19 MB) once to learn these digests.
 *
 * Why signed: a verdict must rest on the SHA-256 in the statement's signed record. The text's
 * digest cannot be recomputed from its chunks' (SHA-256 does not compose), so the list of chunk
 * digests is bound to it by the archive's Ed25519 signature over
 *
 *   "isnad-text-chunks/v1\n" <text sha256 hex> "\n" <size> "\n" <chunk bytes> "\n" ‖ digests
 *
 * (the digests raw, 32 bytes each, in order). Someone who can write the bucket and the table but
 * not sign cannot make an altered text pass; a manifest that is missing, unsigned by a key of the
 * keyring, or for another text is ignored, and the text is then streamed and checked whole as
 * before (statements indexed before this layout, until `isnad reindex` writes theirs).
 *
 * | pk               | sk  | attributes                               |
 * |------------------|-----|------------------------------------------|
 * | tc#<text sha256> | v1  | size, chunk, digests (binary), keyId, sig |
 *
 * One item: a text of 32 Mi characters is at most ~96 MB of UTF-8, 6,144 digests, 192 KiB, under
 * DynamoDB's 400 KB item limit.
 */
import { concatBytes, sha256, utf8, verifyEd25519 } from "@isnad/core";
import type { Item, ItemStore } from "./ports";
import type { Signer } from "./signing";

export const CHUNK_BYTES = 16 * 1024;
/** Texts this long (UTF-16 units) or shorter are read whole by quotes, and get no manifest. */
export const WHOLE_TEXT_CHARS = 256 * 1024;

export interface ChunkManifest {
  /** UTF-8 bytes of the text. */
  size: number;
  /** SHA-256 of each CHUNK_BYTES chunk, the last one shorter. */
  chunks: Uint8Array[];
}

export const chunkManifestKey = (textSha256: string) => ({ pk: `tc#${textSha256}`, sk: "v1" });

function message(textSha256: string, size: number, digests: Uint8Array): Uint8Array {
  return concatBytes(utf8(`isnad-text-chunks/v1\n${textSha256}\n${size}\n${CHUNK_BYTES}\n`), digests);
}

/** The chunk digests of a text's UTF-8 bytes. */
export function chunkDigests(bytes: Uint8Array): Uint8Array {
  const count = Math.ceil(bytes.length / CHUNK_BYTES);
  const out = new Uint8Array(32 * count);
  for (let i = 0; i < count; i++) {
    out.set(sha256(bytes.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES)), 32 * i);
  }
  return out;
}

/** The signed manifest item of a text, or none when quotes read it whole anyway. */
export function chunkManifestItem(signer: Signer, textSha256: string, text: string): Item | undefined {
  if (text.length <= WHOLE_TEXT_CHARS) return undefined;
  const bytes = utf8(text);
  const digests = chunkDigests(bytes);
  return {
    ...chunkManifestKey(textSha256),
    size: bytes.length,
    chunk: CHUNK_BYTES,
    digests,
    keyId: signer.keyId,
    sig: signer.sign(message(textSha256, bytes.length, digests)),
  };
}

/** The manifest of a text if one is stored and signed by a key of `keyring`; else undefined. */
export async function readChunkManifest(
  items: ItemStore,
  textSha256: string,
  keyring: ReadonlyMap<string, Uint8Array>,
): Promise<ChunkManifest | undefined> {
  const key = chunkManifestKey(textSha256);
  const item = await items.get(key.pk, key.sk);
  if (!item) return undefined;
  const { size, chunk, digests, keyId, sig } = item;
  if (typeof size !== "number" || chunk !== CHUNK_BYTES || typeof keyId !== "string") return undefined;
  if (!(digests instanceof Uint8Array) || !(sig instanceof Uint8Array)) return undefined;
  if (digests.length !== 32 * Math.ceil(size / CHUNK_BYTES)) return undefined;
  const publicKey = keyring.get(keyId);
  if (!publicKey || !verifyEd25519(publicKey, message(textSha256, size, digests), sig)) return undefined;
  const chunks = Array.from({ length: digests.length / 32 }, (_, i) => digests.subarray(32 * i, 32 * i + 32));
  return { size, chunks };
}
