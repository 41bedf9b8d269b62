/**
 * The stored texts quotes are matched against, at a bounded cost (issue #13: "a quote never
 * prepares more than a window around the index hits of a candidate's text; a bounded cache of
 * prepared texts").
 *
 * - A short text (≤ WHOLE_TEXT_CHARS) is read whole, checked against the SHA-256 in its signed
 *   record, prepared, and kept in an LRU bounded by characters.
 * - A long one is read as the byte range around the candidate's hits, `reach` either side, and
 *   only that range is prepared (not the 16 KiB chunks around it): text-chunk-reader.ts serves
 *   it from chunks each checked against the text's signed chunk digests, reading only those it
 *   does not hold yet, in one ranged GET. Prepared windows share the LRU of prepared texts.
 * - Concurrent quotes that need the same text or window (the same quote pasted by many readers)
 *   share one read and one preparation.
 */
import { formatHex, prepareDocument, sha256, type PreparedDocument } from "@isnad/core";
import { textKey } from "./stored-text";
import { WeightedLru } from "./lru";
import type { ObjectStore } from "./ports";
import { CHUNK_BYTES, WHOLE_TEXT_CHARS } from "./text-chunks";
import {
  READ_AHEAD,
  TextChunkReader,
  unlessIntegrity,
  type ReadMeter,
  type SignedManifests,
} from "./text-chunk-reader";
import { decodeWindow, leadingContinuation, utf16Length } from "./utf8-window";

export { CHUNK_BYTES, READ_AHEAD, WHOLE_TEXT_CHARS };
export type { ReadMeter, SignedManifests };
/** The most of a long text one candidate reads: fragments further apart are not seen together. */
export const MAX_WINDOW_BYTES = 1024 * 1024;

export interface QuoteTextLimits {
  /** Characters of prepared text kept between quotes (a prepared character costs ~15 bytes). */
  cacheChars: number;
  /** Long texts whose chunk digests are remembered (~2 KiB per MB of text). */
  cacheManifests: number;
  /** Bytes of checked 16 KiB chunks of long texts remembered (8 MiB by default). */
  cacheChunkBytes?: number;
}

export const DEFAULT_QUOTE_TEXT_LIMITS: QuoteTextLimits = {
  cacheChars: 1_000_000,
  cacheManifests: 64,
  cacheChunkBytes: 8 * 1024 * 1024,
};

/** A prepared window of a text; `offset` is the UTF-16 offset of its first character in the text. */
export interface TextWindow {
  document: PreparedDocument;
  offset: number;
}

export interface Anchor {
  /** UTF-8 and UTF-16 offsets of a place in the text (an index hit). */
  b: number;
  c: number;
}

/** A prepared text or window; `byteStart` is the UTF-8 offset of its first character. */
interface Prepared {
  document: PreparedDocument;
  byteStart: number;
}

export class QuoteTexts {
  private readonly prepared: WeightedLru<string, Prepared>;
  /** Preparations under way, by the key they will be cached under. */
  private readonly preparing = new Map<string, Promise<Prepared | undefined>>();
  private readonly chunks: TextChunkReader;
  private wholeBytes = 0;

  constructor(
    private readonly objects: ObjectStore,
    limits: QuoteTextLimits = DEFAULT_QUOTE_TEXT_LIMITS,
  ) {
    this.prepared = new WeightedLru(limits.cacheChars);
    this.chunks = new TextChunkReader(objects, {
      manifests: limits.cacheManifests,
      chunkBytes: limits.cacheChunkBytes ?? DEFAULT_QUOTE_TEXT_LIMITS.cacheChunkBytes!,
    });
  }

  /** Bytes read from the object store (for the benchmark). */
  get bytesRead(): number {
    return this.wholeBytes + this.chunks.bytesRead;
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
      const whole = await this.once(digest, () => this.whole(digest, meter));
      return whole && { document: whole.document, offset: 0 };
    }
    if (anchors.length === 0) return undefined;
    const from = Math.max(0, Math.min(...anchors.map((a) => a.b)) - reach);
    const to = Math.min(Math.max(...anchors.map((a) => a.b)) + reach, from + MAX_WINDOW_BYTES);
    const anchor = anchors.find((a) => a.b >= from && a.b < to) ?? anchors[0]!;
    const entry = await this.once(`${digest}@${from}-${to}`, async () => {
      const bytes = await this.chunks.read(digest, from, to, meter, signedManifest);
      if (!bytes) return undefined;
      return { document: prepareDocument(decodeWindow(bytes)), byteStart: from + leadingContinuation(bytes) };
    });
    return entry && placed(entry, anchor);
  }

  /** The prepared text or window under `key`: cached, under way, or made now and cached. */
  private once(key: string, make: () => Promise<Prepared | undefined>): Promise<Prepared | undefined> {
    const cached = this.prepared.get(key);
    if (cached) return Promise.resolve(cached);
    let pending = this.preparing.get(key);
    if (!pending) {
      pending = make()
        .then((entry) => {
          if (entry) this.prepared.set(key, entry, entry.document.text.length);
          return entry;
        })
        .finally(() => this.preparing.delete(key));
      this.preparing.set(key, pending);
    }
    return pending;
  }

  private async whole(digest: string, meter: ReadMeter): Promise<Prepared | undefined> {
    const bytes = await this.objects.get(textKey(digest)).catch(unlessIntegrity);
    if (!bytes) return undefined;
    this.wholeBytes += bytes.length;
    meter.bytes += bytes.length;
    // A text that no longer matches the signed record is reported by the provenance endpoints;
    // it must never support a verdict here.
    if (formatHex(sha256(bytes)) !== digest) return undefined;
    return { document: prepareDocument(new TextDecoder().decode(bytes)), byteStart: 0 };
  }
}

/** A window's UTF-16 offset in the text, from an anchor inside it (or the nearest one). */
function placed(entry: Prepared, anchor: Anchor): TextWindow {
  const before = utf16Length(entry.document.text, anchor.b - entry.byteStart);
  return { document: entry.document, offset: anchor.c - before };
}
