import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { S3Client } from "@aws-sdk/client-s3";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { S3ObjectStore, ensureBucket } from "@isnad/archive";
import { sha256, utf8 } from "@isnad/core";
import { createAwsClients } from "./aws-clients";
import { startS3Emulator, type RunningEmulator } from "./emulators";

let dir: string;
let emulator: RunningEmulator;
let s3: S3Client;
const BUCKET = "conditional";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "isnad-conditional-put-"));
  emulator = await startS3Emulator({ dir });
  s3 = createAwsClients({ s3Endpoint: emulator.endpoint, dynamoEndpoint: emulator.endpoint }).s3;
  await ensureBucket(s3, BUCKET);
});
afterAll(async () => {
  s3?.destroy();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

const put = (key: string, body: string, ifNoneMatch?: "*") =>
  s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, IfNoneMatch: ifNoneMatch })).then(
    () => 200,
    (e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode ?? 0,
  );
const read = async (key: string) =>
  (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString();

describe("s3rver with If-None-Match: * on PutObject (issue #15)", () => {
  it("creates an absent key, refuses an existing one with 412, and still overwrites without the header", async () => {
    expect(await put("a/b c", "first", "*")).toBe(200);
    expect(await put("a/b c", "second", "*")).toBe(412);
    expect(await read("a/b c")).toBe("first");
    expect(await put("a/b c", "third")).toBe(200); // putMutable's unconditional PUT
    expect(await read("a/b c")).toBe("third");
  });

  it("lets exactly one of 16 racing creates of one key win, and keeps its bytes", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 16 }, (_, i) => put("raced", `writer ${i}`, "*")),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(15);
    expect(await read("raced")).toBe(`writer ${statuses.indexOf(200)}`);
  });

  it("gives the object store create-if-absent without a HEAD first: created, exists, CONFLICT", async () => {
    const objects = new S3ObjectStore(s3, BUCKET, { conditionalWrites: true });
    const body = utf8("immutable");
    const options = { contentType: "text/plain", sha256: sha256(body) };
    expect(await objects.putImmutable("immutable", body, options)).toBe("created");
    expect(await objects.putImmutable("immutable", body, options)).toBe("exists");
    const other = utf8("other bytes");
    await expect(
      objects.putImmutable("immutable", other, { contentType: "text/plain", sha256: sha256(other) }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await read("immutable")).toBe("immutable");
  });
});
