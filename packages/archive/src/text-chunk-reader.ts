/**
 * Checked byte ranges of a long stored text (issue #13: "a quote never prepares more than a window
 * around the index hits"). A range is served from the text's 16 KiB chunks, each checked against
 * the chunk digests bound to the text's signed SHA-256 (text-chunks.ts), so a text changed behind
 * the archive's back never supports a verdict, windowed or not.
 *
 * What a cold range costs, and what this keeps from costing it again:
 * - the chunk digests: one GetItem and a signature check (`signed`), or, for texts indexed
 *   before they were signed, one stream of the whole text (constant memory) that checks its
 *   SHA-256 and notes them. Either way they are kept for `manifests` texts, and concurrent
 *   reads of the same cold text share one;
 * - the chunks: the missing ones are read in one ranged GET (RFC 9110 §14.2), widened to whole
 *   aligned 64 KiB blocks, issued at the same time as the digests' read (the range does not
 *   depend on them: a range past the end comes back short), and kept, checked, in an LRU of
 *   `chunkBytes`. Caching them is sound because the
 *   object is addressed by the text's hash and each chunk was checked against that text's signed
 *   digests: what is cached is the signed text itself, whatever the bucket holds later.
 */
import { createSha256, equalBytes, formatHex, sha256 } from "@isnad/core";
import { ArchiveError } from "./errors";
import { WeightedLru } from "./lru";
import type { ObjectStore } from "./ports";
import { textKey } from "./stored-text";
import { CHUNK_BYTES, type ChunkManifest } from "./text-chunks";

/** Where a text's signed chunk digests may be read (text-chunks.ts readChunkManifest). */
export type SignedManifests = (digest: string) => Promise<ChunkManifest | undefined>;

/** Bytes of stored text one caller's reads cost (a shared read is charged to who started it). */
export interface ReadMeter {
  bytes: number;
}

/** Chunks a range read covers at least, aligned (64 KiB): one request, the neighbours kept. */
export const READ_AHEAD = 4;

export interface ChunkReaderLimits {
  /** Long texts whose chunk digests are remembered. */
  manifests: number;
  /** Bytes of checked chunks remembered. */
  chunkBytes: number;
}

export class TextChunkReader {
  private readonly manifests: WeightedLru<string, ChunkManifest>;
  private readonly chunks: WeightedLru<string, Uint8Array>;
  private readonly reading = new Map<string, Promise<ChunkManifest | undefined>>();
  /** Bytes read from the object store (for the benchmark). */
  bytesRead = 0;

  constructor(
    private readonly objects: ObjectStore,
    limits: ChunkReaderLimits,
  ) {
    this.manifests = new WeightedLru(limits.manifests);
    this.chunks = new WeightedLru(limits.chunkBytes);
  }

  /**
   * Bytes [from, min(to, size)) of the text with SHA-256 `digest`, every chunk checked; undefined
   * when the text is missing, a chunk fails its digest, or `from` is past its end.
   */
  async read(
    digest: string,
    from: number,
    to: number,
    meter: ReadMeter,
    signed?: SignedManifests,
  ): Promise<Uint8Array | undefined> {
    const first = Math.floor(from / CHUNK_BYTES);
    const cached: (Uint8Array | undefined)[] = [];
    let lo = -1;
    let hi = -1;
    for (let i = first; i * CHUNK_BYTES < to; i++) {
      const chunk = this.chunks.get(`${digest}#${i}`);
      cached.push(chunk);
      if (!chunk) {
        if (lo < 0) lo = i;
        hi = i + 1;
      }
    }
    if (lo >= 0) {
      // Read ahead: whole aligned blocks of READ_AHEAD chunks, so the next quotes near this one
      // (a passage many readers check) find their chunks held. One request either way.
      lo -= lo % READ_AHEAD;
      hi += (READ_AHEAD - (hi % READ_AHEAD)) % READ_AHEAD;
    }
    const [manifest, fetched] = await Promise.all([
      this.manifest(digest, meter, signed),
      lo < 0 ? undefined : this.range(digest, lo * CHUNK_BYTES, hi * CHUNK_BYTES, meter),
    ]);
    if (!manifest) return undefined;
    const end = Math.min(to, manifest.size);
    if (from >= end) return undefined;
    // Every chunk read is checked; those read ahead are kept when they pass, and never needed.
    const checked = new Map<number, Uint8Array>();
    for (let i = lo; fetched && i >= 0 && i < hi && i * CHUNK_BYTES < manifest.size; i++) {
      const length = Math.min(manifest.size, (i + 1) * CHUNK_BYTES) - i * CHUNK_BYTES;
      const chunk = fetched.subarray((i - lo) * CHUNK_BYTES, (i - lo) * CHUNK_BYTES + length);
      const expected = manifest.chunks[i];
      if (chunk.length !== length || !expected || !equalBytes(sha256(chunk), expected)) continue;
      const own = chunk.slice(); // its own buffer: the cache must not pin the whole range read
      checked.set(i, own);
      this.chunks.set(`${digest}#${i}`, own, own.length);
    }
    const out = new Uint8Array(end - from);
    for (let i = first; i * CHUNK_BYTES < end; i++) {
      const chunk = cached[i - first] ?? checked.get(i);
      if (!chunk) return undefined; // missing, or failed its signed digest: never a verdict
      const at = i * CHUNK_BYTES;
      const a = Math.max(from, at);
      const b = Math.min(end, at + chunk.length);
      out.set(chunk.subarray(a - at, b - at), a - from);
    }
    return out;
  }

  /**
   * The chunk digests of a long text, from the cache, or from the one read already under way:
   * concurrent quotes touching the same cold text must not each read it. Signed digests first
   * (one item); the stream only when there are none.
   */
  private manifest(
    digest: string,
    meter: ReadMeter,
    signed?: SignedManifests,
  ): Promise<ChunkManifest | undefined> {
    const cached = this.manifests.get(digest);
    if (cached) return Promise.resolve(cached);
    let pending = this.reading.get(digest);
    if (!pending) {
      const read = async () => {
        const stored = await signed?.(digest);
        if (!stored) return this.streamManifest(digest, meter);
        this.manifests.set(digest, stored, 1);
        return stored;
      };
      pending = read().finally(() => this.reading.delete(digest));
      this.reading.set(digest, pending);
    }
    return pending;
  }

  private async streamManifest(digest: string, meter: ReadMeter): Promise<ChunkManifest | undefined> {
    const stream = await this.objects.getStream(textKey(digest)).catch(unlessIntegrity);
    if (!stream) return undefined;
    const whole = createSha256();
    const chunks: Uint8Array[] = [];
    let pending = new Uint8Array(CHUNK_BYTES);
    let filled = 0;
    let size = 0;
    try {
      for await (const part of stream.body as unknown as AsyncIterable<Uint8Array>) {
        whole.update(part);
        size += part.length;
        for (let at = 0; at < part.length;) {
          const n = Math.min(CHUNK_BYTES - filled, part.length - at);
          pending.set(part.subarray(at, at + n), filled);
          filled += n;
          at += n;
          if (filled === CHUNK_BYTES) {
            chunks.push(sha256(pending));
            pending = new Uint8Array(CHUNK_BYTES);
            filled = 0;
          }
        }
      }
    } catch {
      return undefined; // the adapter's own digest check failed: tampered, never a verdict
    }
    if (filled > 0) chunks.push(sha256(pending.subarray(0, filled)));
    this.bytesRead += size;
    meter.bytes += size;
    if (formatHex(whole.digest()) !== digest) return undefined;
    const manifest = { size, chunks };
    this.manifests.set(digest, manifest, 1);
    return manifest;
  }

  private async range(
    digest: string,
    start: number,
    end: number,
    meter: ReadMeter,
  ): Promise<Uint8Array | undefined> {
    const key = textKey(digest);
    const bytes = this.objects.getRange
      ? await this.objects.getRange(key, start, end)
      : (await this.objects.get(key).catch(unlessIntegrity))?.subarray(start, end);
    if (bytes) {
      this.bytesRead += bytes.length;
      meter.bytes += bytes.length;
    }
    return bytes;
  }
}

/** A stored text that fails the digest its object store recorded is as good as missing here. */
export function unlessIntegrity(e: unknown): undefined {
  if (e instanceof ArchiveError && e.code === "INTEGRITY") return undefined;
  throw e;
}
