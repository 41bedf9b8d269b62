/**
 * ObjectStore on Amazon S3 (AWS SDK v3), also run against s3rver locally.
 *
 * Create-if-absent uses S3 conditional writes (`If-None-Match: *`, a 412 when the key exists;
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html), and only on a
 * 412 a HEAD to tell "the same bytes" from "other bytes". s3rver ignores the header and
 * overwrites, so against an emulator (a client with a custom endpoint, unless told otherwise)
 * putImmutable HEADs the key first: there the HEAD is what keeps the contract (with a race window
 * between HEAD and PUT that only the emulator has); against S3 it would be one more round trip
 * on every write for nothing.
 *
 * Each immutable object carries its SHA-256 twice: as user metadata `sha256` (hex), which makes
 * "same bytes?" a HEAD away and lets readers verify, and as `x-amz-checksum-sha256`, which real
 * S3 checks on arrival (s3rver does not, hence the local re-hash before every write).
 */
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type GetObjectCommandOutput,
  type HeadObjectCommandOutput,
  type S3Client,
} from "@aws-sdk/client-s3";
import {
  createSha256,
  equalBytes,
  formatBase64,
  formatHex,
  parseHex,
  sha256,
  sha256Stream,
} from "@isnad/core";
import { ArchiveError } from "../errors";
import { errorNameOf, httpStatusOf, toArchiveError } from "./aws-errors";
import { uploadMultipart } from "./s3-multipart";
import type {
  ObjectHead,
  ObjectStore,
  ObjectStream,
  PutImmutableOptions,
  PutImmutableResult,
  PutMutableOptions,
} from "../ports";

/** Part size of multipart uploads; bodies smaller than one part go up in a single PUT. */
export const MULTIPART_PART_SIZE = 8 * 1024 * 1024;

const SHA256_METADATA = "sha256";
// A HEAD-then-PUT race lost on real S3 (412), or a 409 ConditionalRequestConflict while another
// conditional write is in flight: both settle on the next look. Three looks is plenty.
const MAX_ATTEMPTS = 3;

export interface S3ObjectStoreOptions {
  /**
   * Whether the service honours `If-None-Match: *` on PutObject (S3 does). Default: true for the
   * AWS endpoints, false for a custom endpoint (s3rver does not; MinIO and others may be told).
   */
  conditionalWrites?: boolean;
}

export class S3ObjectStore implements ObjectStore {
  /** HEAD before every create-if-absent PUT: only where the service ignores If-None-Match. */
  private readonly headFirst: boolean;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    options: S3ObjectStoreOptions = {},
  ) {
    this.headFirst = !(options.conditionalWrites ?? client.config.isCustomEndpoint !== true);
  }

  async putImmutable(
    key: string,
    body: Uint8Array,
    options: PutImmutableOptions,
  ): Promise<PutImmutableResult> {
    const metadata = immutableMetadata(key, options);
    if (!equalBytes(sha256(body), options.sha256)) {
      throw new ArchiveError("INTEGRITY", `the body for ${key} does not match the SHA-256 it came with`);
    }
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (this.headFirst || attempt > 1) {
        const existing = await this.compareExisting(key, options.sha256);
        if (existing !== undefined) return existing;
      }
      try {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: key,
            Body: body,
            ContentType: options.contentType,
            Metadata: metadata,
            ChecksumSHA256: formatBase64(options.sha256),
            IfNoneMatch: "*",
          }),
        );
        return "created";
      } catch (error) {
        if (!isLostConditionalWrite(error)) throw toArchiveError(error, `S3 PutObject ${this.url(key)}`);
      }
    }
    throw new ArchiveError("UNAVAILABLE", `S3 PutObject ${this.url(key)} kept racing other writers`, {
      details: { retryable: true },
    });
  }

  async putImmutableStream(
    key: string,
    body: AsyncIterable<Uint8Array>,
    options: PutImmutableOptions,
  ): Promise<PutImmutableResult> {
    const metadata = immutableMetadata(key, options);
    const existing = await this.compareExisting(key, options.sha256);
    if (existing !== undefined) return existing;
    const result = await uploadMultipart(this.client, {
      bucket: this.bucket,
      key,
      body,
      partSize: MULTIPART_PART_SIZE,
      contentType: options.contentType,
      metadata,
      sha256: options.sha256,
    });
    if (result.kind === "small") return this.putImmutable(key, result.body, options);
    if (result.kind === "created") return "created";
    // Another writer completed the key first (412): same bytes or not decides.
    return (await this.compareExisting(key, options.sha256)) ?? "created";
  }

  async putMutable(key: string, body: Uint8Array, options: PutMutableOptions): Promise<void> {
    checkKey(key);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: options.contentType,
          CacheControl: options.cacheControl,
          // Not stored as metadata (the object changes), but S3 still verifies the transfer.
          ChecksumSHA256: formatBase64(sha256(body)),
        }),
      );
    } catch (error) {
      throw toArchiveError(error, `S3 PutObject ${this.url(key)}`);
    }
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return await this.getChecked(key);
    } catch (error) {
      // One more look before crying tampering: a read that overlapped a write of the same key
      // can see a torn body on emulators without atomic PUTs (s3rver rewrites the file in place);
      // on S3 a PUT is atomic, so a second mismatch is corruption or tampering either way.
      if (!(error instanceof ArchiveError && error.code === "INTEGRITY")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return this.getChecked(key);
    }
  }

  private async getChecked(key: string): Promise<Uint8Array | undefined> {
    const output = await this.getObject(key);
    if (output === undefined) return undefined;
    let bytes: Uint8Array;
    try {
      const raw = await output.Body!.transformToByteArray();
      bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
    } catch (error) {
      throw toArchiveError(error, `S3 GetObject ${this.url(key)} (reading the body)`);
    }
    const head = toHead(output);
    if (head.sha256Hex !== undefined && formatHex(sha256(bytes)) !== head.sha256Hex) {
      throw new ArchiveError("INTEGRITY", `stored object ${key} does not match its recorded SHA-256`);
    }
    return bytes;
  }

  async getRange(key: string, start: number, end: number): Promise<Uint8Array | undefined> {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start) {
      throw new ArchiveError("BAD_REQUEST", `invalid byte range [${start}, ${end}) of ${key}`);
    }
    checkKey(key);
    try {
      const output = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=${start}-${end - 1}` }),
      );
      const raw = await output.Body!.transformToByteArray();
      const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
      // A server that ignored the Range (200 without Content-Range: s3rver for "bytes=0-0") sent
      // the whole object; one that sent more than asked is cut to what was asked.
      return output.ContentRange === undefined ? bytes.subarray(start, end) : bytes.subarray(0, end - start);
    } catch (error) {
      if (errorNameOf(error) === "NoSuchKey") return undefined;
      // 416: the range starts past the end; there are no bytes there.
      if (httpStatusOf(error) === 416) return new Uint8Array(0);
      throw toArchiveError(error, `S3 GetObject ${this.url(key)} (range ${start}-${end - 1})`);
    }
  }

  async getStream(key: string): Promise<ObjectStream | undefined> {
    const output = await this.getObject(key);
    if (output === undefined) return undefined;
    const head = toHead(output);
    const source = output.Body!.transformToWebStream() as ReadableStream<Uint8Array>;
    const body =
      head.sha256Hex === undefined ? source : source.pipeThrough(verifyingStream(key, head.sha256Hex));
    return { ...head, body };
  }

  async head(key: string): Promise<ObjectHead | undefined> {
    checkKey(key);
    try {
      return toHead(await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })));
    } catch (error) {
      // HEAD responses have no body, so a missing key arrives as a bare 404 "NotFound".
      if (httpStatusOf(error) === 404) return undefined;
      throw toArchiveError(error, `S3 HeadObject ${this.url(key)}`);
    }
  }

  private async getObject(key: string): Promise<GetObjectCommandOutput | undefined> {
    checkKey(key);
    try {
      return await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      // Only NoSuchKey means "absent"; NoSuchBucket (also a 404) is a deployment fault.
      if (errorNameOf(error) === "NoSuchKey") return undefined;
      throw toArchiveError(error, `S3 GetObject ${this.url(key)}`);
    }
  }

  /** "exists" or CONFLICT when the key is taken, undefined when it is free. */
  private async compareExisting(key: string, expected: Uint8Array): Promise<PutImmutableResult | undefined> {
    const head = await this.head(key);
    if (head === undefined) return undefined;
    let stored = head.sha256Hex;
    if (stored === undefined) {
      // Written by something other than putImmutable: hash the bytes themselves.
      const object = await this.getStream(key);
      if (object === undefined) return undefined;
      stored = formatHex((await sha256Stream(chunksOf(object.body))).digest);
    }
    if (stored === formatHex(expected)) return "exists";
    throw new ArchiveError("CONFLICT", `${key} already exists with different bytes`, {
      details: { key, storedSha256: stored },
    });
  }

  private url(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }
}

function immutableMetadata(key: string, options: PutImmutableOptions): Record<string, string> {
  checkKey(key);
  if (options.sha256.length !== 32) throw new ArchiveError("BAD_REQUEST", "sha256 must be 32 bytes");
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.metadata ?? {})) {
    // User metadata travels as x-amz-meta-* headers: lowercase token names and printable ASCII
    // values, or S3 mangles them (RFC 2047 encoding) and the read-back differs.
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || name === SHA256_METADATA) {
      throw new ArchiveError("BAD_REQUEST", `invalid or reserved object metadata name: ${name}`);
    }
    if (!/^[\x20-\x7e]*$/.test(value)) {
      throw new ArchiveError("BAD_REQUEST", `object metadata ${name} must be printable ASCII`);
    }
    metadata[name] = value;
  }
  metadata[SHA256_METADATA] = formatHex(options.sha256);
  return metadata;
}

function checkKey(key: string): void {
  // S3 keys are 1–1024 bytes of UTF-8.
  if (key === "" || new TextEncoder().encode(key).length > 1024) {
    throw new ArchiveError("BAD_REQUEST", "object keys are 1 to 1024 bytes long");
  }
}

function isLostConditionalWrite(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === 412 || (status === 409 && errorNameOf(error) === "ConditionalRequestConflict");
}

function toHead(output: HeadObjectCommandOutput | GetObjectCommandOutput): ObjectHead {
  const { [SHA256_METADATA]: recorded, ...metadata } = output.Metadata ?? {};
  const head: ObjectHead = {
    size: output.ContentLength ?? 0,
    contentType: output.ContentType ?? "application/octet-stream",
    metadata,
  };
  if (recorded !== undefined) {
    try {
      head.sha256Hex = formatHex(parseHex(recorded, 32));
    } catch (cause) {
      throw new ArchiveError("INTEGRITY", `object metadata sha256 is not a SHA-256: ${recorded}`, { cause });
    }
  }
  return head;
}

/** A ReadableStream as an async iterable (the DOM typings in use lack its async iterator). */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Passes bytes through and errors the stream at its end if they do not hash to `expectedHex`. */
function verifyingStream(key: string, expectedHex: string): TransformStream<Uint8Array, Uint8Array> {
  const hash = createSha256();
  return new TransformStream({
    transform(chunk, controller) {
      hash.update(chunk);
      controller.enqueue(chunk);
    },
    flush(controller) {
      if (formatHex(hash.digest()) !== expectedHex) {
        controller.error(
          new ArchiveError("INTEGRITY", `stored object ${key} does not match its recorded SHA-256`),
        );
      }
    },
  });
}
