import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { ensureBucket, ensureTable } from "@isnad/archive";
import { createAwsClients } from "./aws-clients";
import { startDynalite, startS3Emulator } from "./emulators";
import { startDynamoDbLocal } from "./dynamodb-local";
import { startEmulatorThread } from "./emulator-thread";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "isnad-emulators-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe("startS3Emulator", () => {
  it("listens on a free port and keeps objects in its directory across restarts", async () => {
    const dir = await tempDir();
    const first = await startS3Emulator({ dir });
    expect(first.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.endpoint).not.toMatch(/:0$/);
    const clients = createAwsClients({ s3Endpoint: first.endpoint, dynamoEndpoint: first.endpoint });
    await ensureBucket(clients.s3, "persisted");
    await clients.s3.send(new PutObjectCommand({ Bucket: "persisted", Key: "k", Body: "kept" }));
    // Closing with a live keep-alive client must not hang.
    await first.close();
    await first.close(); // idempotent

    const second = await startS3Emulator({ dir });
    cleanups.push(() => second.close());
    const again = createAwsClients({ s3Endpoint: second.endpoint, dynamoEndpoint: second.endpoint });
    const object = await again.s3.send(new GetObjectCommand({ Bucket: "persisted", Key: "k" }));
    expect(await object.Body!.transformToString()).toBe("kept");
    clients.s3.destroy();
    again.s3.destroy();
  });
});

describe("startDynalite", () => {
  it("keeps tables in its LevelDB directory across restarts", async () => {
    const dir = await tempDir();
    const first = await startDynalite({ dir });
    const clients = createAwsClients({ s3Endpoint: first.endpoint, dynamoEndpoint: first.endpoint });
    await ensureTable(clients.dynamo, "persisted");
    await clients.dynamo.send(
      new PutItemCommand({ TableName: "persisted", Item: { pk: { S: "p" }, sk: { S: "s" }, v: { N: "1" } } }),
    );
    await first.close();

    // Reopening the same directory also proves the LevelDB lock was released.
    const second = await startDynalite({ dir });
    cleanups.push(() => second.close());
    const again = createAwsClients({ s3Endpoint: second.endpoint, dynamoEndpoint: second.endpoint });
    const output = await again.dynamo.send(
      new GetItemCommand({
        TableName: "persisted",
        Key: { pk: { S: "p" }, sk: { S: "s" } },
        ConsistentRead: true,
      }),
    );
    expect(output.Item?.["v"]).toEqual({ N: "1" });
    clients.dynamo.destroy();
    again.dynamo.destroy();
  });

  it("forgets everything without a directory", async () => {
    const first = await startDynalite();
    const clients = createAwsClients({ s3Endpoint: first.endpoint, dynamoEndpoint: first.endpoint });
    await ensureTable(clients.dynamo, "ephemeral");
    await first.close();
    const second = await startDynalite({ port: Number(new URL(first.endpoint).port) });
    cleanups.push(() => second.close());
    expect(second.endpoint).toBe(first.endpoint);
    await expect(
      clients.dynamo.send(
        new GetItemCommand({ TableName: "ephemeral", Key: { pk: { S: "p" }, sk: { S: "s" } } }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    clients.dynamo.destroy();
  });
});

describe("startDynamoDbLocal", () => {
  it("explains a missing Java runtime", async () => {
    await expect(startDynamoDbLocal({ java: "/nonexistent/bin/java" })).rejects.toThrow(/Java 17\+ runtime/);
  });
});

describe("startEmulatorThread", () => {
  it("serves S3 and DynamoDB from another thread, and keeps both in the data dir across restarts", async () => {
    const dir = await tempDir();
    const options = { s3: { dir: join(dir, "s3") }, dynamodb: { dir: join(dir, "dynamodb") } };
    const first = await startEmulatorThread(options);
    expect(first.s3).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(first.dynamodb).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    const clients = createAwsClients({ s3Endpoint: first.s3, dynamoEndpoint: first.dynamodb });
    await Promise.all([ensureBucket(clients.s3, "kept"), ensureTable(clients.dynamo, "kept")]);
    await clients.s3.send(new PutObjectCommand({ Bucket: "kept", Key: "k", Body: "object" }));
    await clients.dynamo.send(
      new PutItemCommand({ TableName: "kept", Item: { pk: { S: "p" }, sk: { S: "s" }, v: { N: "1" } } }),
    );
    // Closing with live keep-alive clients must not hang, and twice is once.
    await Promise.all([first.close(), first.close()]);
    clients.s3.destroy();
    clients.dynamo.destroy();

    // The same dir again: the files and dynalite's LevelDB lock were released by close().
    const second = await startEmulatorThread(options);
    cleanups.push(() => second.close());
    const again = createAwsClients({ s3Endpoint: second.s3, dynamoEndpoint: second.dynamodb });
    const object = await again.s3.send(new GetObjectCommand({ Bucket: "kept", Key: "k" }));
    expect(await object.Body!.transformToString()).toBe("object");
    const item = await again.dynamo.send(
      new GetItemCommand({
        TableName: "kept",
        Key: { pk: { S: "p" }, sk: { S: "s" } },
        ConsistentRead: true,
      }),
    );
    expect(item.Item?.["v"]).toEqual({ N: "1" });
    again.s3.destroy();
    again.dynamo.destroy();
  });

  it("rejects with the emulator's own error when it cannot start, and leaves nothing running", async () => {
    const dir = await tempDir();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => taken.close(resolve)));
    const port = (taken.address() as { port: number }).port;
    await expect(
      startEmulatorThread({ s3: { dir: join(dir, "s3") }, dynamodb: { dir: join(dir, "dynamodb"), port } }),
    ).rejects.toMatchObject({ code: "EADDRINUSE" });
    // s3rver, which had started, was closed: the thread and its files are free for the next start.
    const next = await startEmulatorThread({
      s3: { dir: join(dir, "s3") },
      dynamodb: { dir: join(dir, "dynamodb") },
    });
    await next.close();
  });
});
