/**
 * Access to a local stack's emulators that bypasses isnad entirely — what someone with write
 * access to the bucket or the table could do behind the service's back (the tamper and security
 * suites). It reaches s3rver and dynalite at the endpoints the stack keeps in its data dir.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { formatHex, sha256 } from "@isnad/core";
import { DynamoDbItemStore, logKeys, type Item } from "@isnad/archive";
import { BUCKET, TABLE, createAwsClients, readEndpoints } from "@isnad/local";
import { sleep } from "./traffic";

export interface StoredObject {
  bytes: Uint8Array;
  metadata: Record<string, string>;
  contentType?: string;
}

export class DirectAccess {
  private constructor(
    readonly s3: S3Client,
    readonly items: DynamoDbItemStore,
    private readonly close_: () => void,
  ) {}

  static async open(dataDir: string): Promise<DirectAccess> {
    const endpoints = await readEndpoints(dataDir);
    if (!endpoints) throw new Error(`no running stack on ${dataDir}`);
    const { s3, dynamo } = createAwsClients({ s3Endpoint: endpoints.s3, dynamoEndpoint: endpoints.dynamodb });
    return new DirectAccess(s3, new DynamoDbItemStore(dynamo, TABLE), () => {
      s3.destroy();
      dynamo.destroy();
    });
  }

  close(): void {
    this.close_();
  }

  async readObject(key: string): Promise<StoredObject> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return {
      bytes: await out.Body!.transformToByteArray(),
      metadata: out.Metadata ?? {},
      ...(out.ContentType ? { contentType: out.ContentType } : {}),
    };
  }

  async objectExists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
      return true;
    } catch {
      return false;
    }
  }

  /** Overwrites an object in place; `forgeMetadata` also rewrites the SHA-256 kept beside it. */
  async overwrite(key: string, bytes: Uint8Array, forgeMetadata: boolean): Promise<void> {
    const head = await this.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    const metadata = { ...head.Metadata, ...(forgeMetadata ? { sha256: formatHex(sha256(bytes)) } : {}) };
    await this.writeObject(key, {
      bytes,
      metadata,
      ...(head.ContentType ? { contentType: head.ContentType } : {}),
    });
  }

  async writeObject(key: string, object: StoredObject): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: object.bytes,
        Metadata: object.metadata,
        ContentType: object.contentType,
      }),
    );
  }

  async logState(): Promise<Item> {
    return (await this.items.get(logKeys.state.pk, logKeys.state.sk))!;
  }

  /** Replaces the log's state item, keeping its version moving forward as a careful attacker would. */
  async putLogState(item: Item): Promise<void> {
    const current = await this.logState();
    await this.items.put({ ...item, version: Math.max(Number(current.version), Number(item.version)) + 1 });
    await sleep(1_100); // past the reader's "recent head" (log-reader.ts), so every read sees it
  }
}
