/**
 * The ObjectStore contract (packages/archive/src/ports.ts) of the S3 adapter, against s3rver
 * through the real AWS SDK.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { equalBytes, formatHex, sha256, utf8 } from "@isnad/core";
import { ArchiveError, MULTIPART_PART_SIZE, S3ObjectStore } from "@isnad/archive";
import { createAwsClients } from "@isnad/local";
import { startTestObjectStore, type TestObjectStore } from "../support/storage";
import { closedPort, expectArchiveError } from "../support/archive-error";

let storage: TestObjectStore;
beforeAll(async () => {
  storage = await startTestObjectStore();
});
afterAll(async () => {
  await storage?.close();
});

const random = (size: number) => new Uint8Array(randomBytes(size));
const uniqueKey = (name: string) => `test/${formatHex(random(6))}/${name}`;

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

async function* inChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe("putImmutable", () => {
  it("creates, then recognises the same bytes, then refuses different bytes", async () => {
    const key = uniqueKey("original.pdf");
    const body = random(1000);
    const options = { contentType: "application/pdf", sha256: sha256(body), metadata: { publisher: "p1" } };

    expect(await storage.objects.putImmutable(key, body, options)).toBe("created");
    expect(await storage.objects.putImmutable(key, body, options)).toBe("exists");

    const other = random(1000);
    const conflict = await expectArchiveError(
      storage.objects.putImmutable(key, other, { ...options, sha256: sha256(other) }),
      "CONFLICT",
    );
    expect(conflict.details).toMatchObject({ key, storedSha256: formatHex(sha256(body)) });
    // The first bytes are still there.
    expect(equalBytes((await storage.objects.get(key))!, body)).toBe(true);
  });

  it("stores byte-identical content with its type, SHA-256 and metadata", async () => {
    const key = uniqueKey("text.txt");
    // Every byte value, so no encoding step can go unnoticed.
    const body = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
    await storage.objects.putImmutable(key, body, {
      contentType: "text/plain; charset=utf-8",
      sha256: sha256(body),
      metadata: { "statement-id": "abc" },
    });
    const read = await storage.objects.get(key);
    expect(read).toBeInstanceOf(Uint8Array);
    expect(equalBytes(read!, body)).toBe(true);
    expect(await storage.objects.head(key)).toEqual({
      size: 512,
      contentType: "text/plain; charset=utf-8",
      sha256Hex: formatHex(sha256(body)),
      metadata: { "statement-id": "abc" },
    });
  });

  it("refuses a body that does not match its declared SHA-256, storing nothing", async () => {
    const key = uniqueKey("lie");
    await expectArchiveError(
      storage.objects.putImmutable(key, utf8("one"), {
        contentType: "text/plain",
        sha256: sha256(utf8("two")),
      }),
      "INTEGRITY",
    );
    expect(await storage.objects.head(key)).toBeUndefined();
  });

  it("refuses reserved or non-ASCII metadata", async () => {
    const body = utf8("x");
    const base = { contentType: "text/plain", sha256: sha256(body) };
    await expectArchiveError(
      storage.objects.putImmutable(uniqueKey("m"), body, { ...base, metadata: { sha256: "00" } }),
      "BAD_REQUEST",
    );
    await expectArchiveError(
      storage.objects.putImmutable(uniqueKey("m"), body, { ...base, metadata: { title: "بيان" } }),
      "BAD_REQUEST",
    );
    await expectArchiveError(storage.objects.putImmutable("", body, base), "BAD_REQUEST");
  });

  it("compares by content with an object written without a recorded SHA-256", async () => {
    const key = uniqueKey("tile");
    const body = random(64);
    await storage.objects.putMutable(key, body, { contentType: "application/octet-stream" });
    const options = { contentType: "application/octet-stream", sha256: sha256(body) };
    expect(await storage.objects.putImmutable(key, body, options)).toBe("exists");
    const other = random(64);
    await expectArchiveError(
      storage.objects.putImmutable(key, other, { ...options, sha256: sha256(other) }),
      "CONFLICT",
    );
  });
});

describe("putImmutableStream", () => {
  it("uploads a multi-part body and streams it back byte-identical", async () => {
    const key = uniqueKey("large.bin");
    // Two full parts and a short third one.
    const body = random(2 * MULTIPART_PART_SIZE + 12_345);
    const options = { contentType: "application/octet-stream", sha256: sha256(body) };
    expect(await storage.objects.putImmutableStream(key, inChunks(body, 1 << 20), options)).toBe("created");

    const object = await storage.objects.getStream(key);
    expect(object).toMatchObject({ size: body.length, sha256Hex: formatHex(sha256(body)) });
    const chunks = await readAll(object!.body);
    expect(chunks.length).toBeGreaterThan(1); // really streamed, not one buffer
    const read = new Uint8Array(body.length);
    let offset = 0;
    for (const chunk of chunks) {
      read.set(chunk, offset);
      offset += chunk.length;
    }
    expect(offset).toBe(body.length);
    expect(equalBytes(read, body)).toBe(true);

    // A replay does not read the body at all.
    const untouched = (async function* () {
      yield* [];
      throw new Error("the body of a replay must not be read");
    })();
    expect(await storage.objects.putImmutableStream(key, untouched, options)).toBe("exists");
  });

  it("stores a small body in one PUT", async () => {
    const key = uniqueKey("small");
    const body = random(10_000);
    const options = { contentType: "application/octet-stream", sha256: sha256(body) };
    expect(await storage.objects.putImmutableStream(key, inChunks(body, 4096), options)).toBe("created");
    expect(equalBytes((await storage.objects.get(key))!, body)).toBe(true);
  });

  it("stores nothing when the streamed bytes differ from the declared SHA-256", async () => {
    const key = uniqueKey("large-lie");
    const body = random(MULTIPART_PART_SIZE + 1);
    const options = { contentType: "application/octet-stream", sha256: sha256(random(8)) };
    await expectArchiveError(
      storage.objects.putImmutableStream(key, inChunks(body, 1 << 20), options),
      "INTEGRITY",
    );
    expect(await storage.objects.head(key)).toBeUndefined();
  });

  it("reports a body that breaks off as BAD_REQUEST", async () => {
    const broken = (async function* () {
      yield random(MULTIPART_PART_SIZE);
      throw new Error("client went away");
    })();
    const key = uniqueKey("broken");
    await expectArchiveError(
      storage.objects.putImmutableStream(key, broken, {
        contentType: "text/plain",
        sha256: sha256(utf8("x")),
      }),
      "BAD_REQUEST",
    );
    expect(await storage.objects.head(key)).toBeUndefined();
  });
});

describe("putMutable", () => {
  it("replaces the object each time", async () => {
    const key = uniqueKey("tile/0/000.p/1");
    await storage.objects.putMutable(key, utf8("one"), { contentType: "application/octet-stream" });
    await storage.objects.putMutable(key, utf8("two!"), {
      contentType: "application/octet-stream",
      cacheControl: "no-cache",
    });
    expect(await storage.objects.get(key)).toEqual(utf8("two!"));
    expect(await storage.objects.head(key)).toMatchObject({ size: 4, metadata: {} });
  });
});

describe("reads", () => {
  it("answers undefined for missing keys", async () => {
    const key = uniqueKey("missing");
    expect(await storage.objects.get(key)).toBeUndefined();
    expect(await storage.objects.getStream(key)).toBeUndefined();
    expect(await storage.objects.head(key)).toBeUndefined();
  });

  it("detects stored bytes that no longer match their recorded SHA-256", async () => {
    const key = uniqueKey("tampered");
    // Written behind the adapter's back, as a corrupted or tampered object would be.
    await storage.s3.send(
      new PutObjectCommand({
        Bucket: storage.bucket,
        Key: key,
        Body: utf8("tampered"),
        Metadata: { sha256: formatHex(sha256(utf8("original"))) },
      }),
    );
    await expectArchiveError(storage.objects.get(key), "INTEGRITY");
    const object = await storage.objects.getStream(key);
    await expect(readAll(object!.body)).rejects.toMatchObject({ name: "ArchiveError", code: "INTEGRITY" });
  });
});

describe("SDK failures", () => {
  it("maps an unreachable S3 to UNAVAILABLE (retryable) without leaking the SDK error", async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const { s3 } = createAwsClients({ s3Endpoint: endpoint, dynamoEndpoint: endpoint, maxAttempts: 1 });
    const objects = new S3ObjectStore(s3, storage.bucket);
    const error = await expectArchiveError(objects.get("any"), "UNAVAILABLE");
    expect(error.details).toEqual({ retryable: true });
    expect(error.cause).toBeDefined();
    expect(error.cause).not.toBeInstanceOf(ArchiveError);
    const body = utf8("x");
    await expectArchiveError(
      objects.putImmutable("k", body, { contentType: "text/plain", sha256: sha256(body) }),
      "UNAVAILABLE",
    );
    s3.destroy();
  });

  it("maps a missing bucket to UNAVAILABLE, not retryable, naming the S3 error", async () => {
    const objects = new S3ObjectStore(storage.s3, `isnad-missing-${formatHex(random(4))}`);
    const error = await expectArchiveError(objects.get("any"), "UNAVAILABLE");
    expect(error.details).toEqual({ retryable: false });
    expect(error.message).toContain("NoSuchBucket");
  });
});
