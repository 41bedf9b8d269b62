/**
 * The stored texts quotes are matched against, at a bounded cost (issue #13: "a quote never
 * prepares more than a window around the index hits of a candidate's text; a bounded cache of
 * prepared texts").
 *
 * - A short text (≤ WHOLE_TEXT_CHARS) is read whole, checked against the SHA-256 in its signed
 *   record, prepared, and kept in an LRU bounded by characters.
 * - A long one is read as a byte range around the candidate's hits (S3 Range, RFC 9110 §14.2),
 *   and only that window is prepared. Its integrity still rests on the signed digest: the first
 *   time a process needs the text it streams it once (constant memory) to check the digest and
 *   to note the SHA-256 of every CHUNK_BYTES chunk; every range read after that is checked chunk
 *   by chunk against those notes. A text changed behind the archive's back thus never supports a
 *   verdict, windowed or not. The notes are a SHA-256 per 16 KiB (~40 KB for a 20 MB text), kept
 *   for at most 64 texts.
 * - Since the notes are written and signed at ingest (text-chunks.ts), a caller that can read them
 *   (`signedManifest`) skips the stream: one GetItem and a signature check instead of 20 MB.
 */
import {
  createSha256,
  equalBytes,
  formatHex,
  prepareDocument,
  sha256,
  type PreparedDocument,
} from "@isnad/core";
import { ArchiveError } from "./errors";
import { textKey } from "./stored-text";
import { WeightedLru } from "./lru";
import type { ObjectStore } from "./ports";
import { CHUNK_BYTES, WHOLE_TEXT_CHARS, type ChunkManifest } from "./text-chunks";

export { CHUNK_BYTES, WHOLE_TEXT_CHARS };
/** The most of a long text one candidate reads: fragments further apart are not seen together. */
export const MAX_WINDOW_BYTES = 1024 * 1024;

export interface QuoteTextLimits {
  /** Characters of prepared text kept between quotes (a prepared character costs ~15 bytes). */
  cacheChars: number;
  /** Long texts whose chunk digests are remembered. */
  cacheManifests: number;
}

export const DEFAULT_QUOTE_TEXT_LIMITS: QuoteTextLimits = { cacheChars: 1_000_000, cacheManifests: 64 };

/** A prepared window of a text; `offset` is the UTF-16 offset of its first character in the text. */
export interface TextWindow {
  document: PreparedDocument;
  offset: number;
}

/** Bytes of stored text one caller's reads cost (a shared stream is charged to who started it). */
export interface ReadMeter {
  bytes: number;
}

export interface Anchor {
  /** UTF-8 and UTF-16 offsets of a place in the text (an index hit). */
  b: number;
  c: number;
}

type Manifest = ChunkManifest;

/** Where a text's signed chunk digests may be read (text-chunks.ts readChunkManifest). */
export type SignedManifests = (digest: string) => Promise<ChunkManifest | undefined>;

export class QuoteTexts {
  /** Prepared texts and windows; `byteStart` is the UTF-8 offset of a window's first character. */
  private readonly prepared: WeightedLru<string, { document: PreparedDocument; byteStart: number }>;
  private readonly manifests: WeightedLru<string, Manifest>;
  private readonly reading = new Map<string, Promise<Manifest | undefined>>();
  /** Bytes read from the object store (for the benchmark). */
  bytesRead = 0;

  constructor(
    private readonly objects: ObjectStore,
    limits: QuoteTextLimits = DEFAULT_QUOTE_TEXT_LIMITS,
  ) {
    this.prepared = new WeightedLru(limits.cacheChars);
    this.manifests = new WeightedLru(limits.cacheManifests);
  }

  /**
   * The text with SHA-256 `digest` (UTF-16 length `length`), whole when short, else the window
   * around `anchors` (reaching `reach` bytes either side); undefined when it is missing, does not
   * match its digest, or is long and nothing says where to look.
   */
  async window(
    digest: string,
    length: number,
    anchors: readonly Anchor[],
    reach: number,
    meter: ReadMeter = { bytes: 0 },
    signedManifest?: SignedManifests,
  ): Promise<TextWindow | undefined> {
    if (length <= WHOLE_TEXT_CHARS) {
      const document = await this.whole(digest, meter);
      return document && { document, offset: 0 };
    }
    if (anchors.length === 0) return undefined;
    const manifest = await this.manifest(digest, meter, signedManifest);
    if (!manifest) return undefined;
    let from = Math.max(0, Math.min(...anchors.map((a) => a.b)) - reach);
    const to = Math.min(manifest.size, Math.max(...anchors.map((a) => a.b)) + reach, from + MAX_WINDOW_BYTES);
    if (to <= from) from = Math.max(0, to - reach);
    const first = Math.floor(from / CHUNK_BYTES);
    const last = Math.ceil(to / CHUNK_BYTES);
    const start = first * CHUNK_BYTES;
    const end = Math.min(manifest.size, last * CHUNK_BYTES);
    const key = `${digest}@${start}-${end}`;
    const anchor = anchors.find((a) => a.b >= start && a.b < end) ?? anchors[0]!;
    const cached = this.prepared.get(key);
    if (cached) return placed(cached, anchor);
    const bytes = await this.range(digest, start, end, meter);
    if (!bytes) return undefined;
    for (let i = first; i * CHUNK_BYTES < end; i++) {
      const chunk = bytes.subarray(i * CHUNK_BYTES - start, Math.min(end, (i + 1) * CHUNK_BYTES) - start);
      const expected = manifest.chunks[i];
      if (!expected || !equalBytes(sha256(chunk), expected)) return undefined;
    }
    const entry = {
      document: prepareDocument(decodeWindow(bytes)),
      byteStart: start + leadingContinuation(bytes),
    };
    this.prepared.set(key, entry, entry.document.text.length);
    return placed(entry, anchor);
  }

  private async whole(digest: string, meter: ReadMeter): Promise<PreparedDocument | undefined> {
    const cached = this.prepared.get(digest);
    if (cached) return cached.document;
    const bytes = await this.objects.get(textKey(digest)).catch(unlessIntegrity);
    if (!bytes) return undefined;
    this.bytesRead += bytes.length;
    meter.bytes += bytes.length;
    // A text that no longer matches the signed record is reported by the provenance endpoints;
    // it must never support a verdict here.
    if (formatHex(sha256(bytes)) !== digest) return undefined;
    const document = prepareDocument(new TextDecoder().decode(bytes));
    this.prepared.set(digest, { document, byteStart: 0 }, document.text.length);
    return document;
  }

  /**
   * The chunk digests of a long text, from the cache, or from the one read already under way:
   * concurrent quotes touching the same cold text must not each read 20 MB. Signed digests first
   * (one item); the stream only when there are none.
   */
  private manifest(
    digest: string,
    meter: ReadMeter,
    signed?: SignedManifests,
  ): Promise<Manifest | undefined> {
    const cached = this.manifests.get(digest);
    if (cached) return Promise.resolve(cached);
    let pending = this.reading.get(digest);
    if (!pending) {
      const read = async () => {
        const stored = await signed?.(digest);
        if (!stored) return this.readManifest(digest, meter);
        this.manifests.set(digest, stored, 1);
        return stored;
      };
      pending = read().finally(() => this.reading.delete(digest));
      this.reading.set(digest, pending);
    }
    return pending;
  }

  private async readManifest(digest: string, meter: ReadMeter): Promise<Manifest | undefined> {
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
    return bytes && bytes.length === end - start ? bytes : undefined;
  }
}

/** A stored text that fails the digest its object store recorded is as good as missing here. */
function unlessIntegrity(e: unknown): undefined {
  if (e instanceof ArchiveError && e.code === "INTEGRITY") return undefined;
  throw e;
}

/** A window's UTF-16 offset in the text, from an anchor inside it (or the nearest one). */
function placed(entry: { document: PreparedDocument; byteStart: number }, anchor: Anchor): TextWindow {
  const before = utf16Length(entry.document.text, anchor.b - entry.byteStart);
  return { document: entry.document, offset: anchor.c - before };
}

/** Bytes at the start of a range that continue a character begun before it (UTF-8 10xxxxxx). */
function leadingContinuation(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && i < 3 && (bytes[i]! & 0xc0) === 0x80) i++;
  return i;
}

/** A byte range of UTF-8 text as a string, without the partial characters at its two ends. */
function decodeWindow(bytes: Uint8Array): string {
  let end = bytes.length;
  // Back off over an incomplete last character: find its lead byte and check its length.
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = bytes[end - k]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > k) end -= k;
    break;
  }
  return new TextDecoder().decode(bytes.subarray(leadingContinuation(bytes), end));
}

/** UTF-16 length of the first `bytes` UTF-8 bytes of `text`. */
function utf16Length(text: string, bytes: number): number {
  let i = 0;
  let b = 0;
  while (i < text.length && b < bytes) {
    const u = text.charCodeAt(i);
    if (u < 0x80) b += 1;
    else if (u < 0x800) b += 2;
    else if (u >= 0xd800 && u <= 0xdbff) {
      b += 4;
      i++;
    } else b += 3;
    i++;
  }
  return i;
}
