/**
 * The embedded storage emulators behind `npm start` and the storage tests (DESIGN.md, "The real
 * components"): s3rver for S3 and dynalite for DynamoDB, both in-process, both spoken to through
 * the unmodified AWS SDK. DynamoDB Local (the official emulator, a Java process) is in
 * dynamodb-local.ts.
 *
 * Known gaps, so that no guarantee rests on them: s3rver honours `If-None-Match: *` on PutObject
 * only because s3rver-conditional-put.ts adds it (not on CompleteMultipartUpload: the object store
 * HEADs first there), checks no SigV4 signature, presigned URL or `x-amz-checksum-*`, and has no
 * AbortMultipartUpload; dynalite has no TransactWriteItems.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import S3rver from "s3rver";
import s3rverAccount from "s3rver/lib/models/account.js";
import dynalite from "dynalite";
import { LOCAL_CREDENTIALS } from "./local-credentials";
import { honourConditionalPuts } from "./s3rver-conditional-put";

export interface RunningEmulator {
  /** Base URL for the SDK's `endpoint` option, e.g. `http://127.0.0.1:40123`. */
  readonly endpoint: string;
  close(): Promise<void>;
}

const HOST = "127.0.0.1";

/**
 * Starts s3rver on 127.0.0.1 (port 0 = any free port), storing buckets as files under `dir`.
 * Clients must use path-style addressing (`forcePathStyle`), as createAwsClients does.
 */
export async function startS3Emulator(options: { dir: string; port?: number }): Promise<RunningEmulator> {
  // s3rver only accepts access keys registered on its single dummy account (S3RVER/S3RVER by
  // default); register ours so that one set of local credentials serves S3 and DynamoDB alike.
  s3rverAccount.DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
  const server = new S3rver({
    address: HOST,
    port: options.port ?? 0,
    silent: true,
    directory: options.dir,
    // Path-style only: with vhost buckets on, a Host header of 127.0.0.1 is never a bucket anyway.
    vhostBuckets: false,
  });
  honourConditionalPuts(server);
  const address = await server.run();
  let closed: Promise<void> | undefined;
  return {
    endpoint: `http://${HOST}:${address.port}`,
    close: () => (closed ??= server.close()),
  };
}

/**
 * Starts dynalite on 127.0.0.1. With `dir`, tables persist in a LevelDB there (one process at a
 * time: LevelDB locks it); without, they live in memory. Tables become ACTIVE immediately instead
 * of after dynalite's default 500 ms, which only slows tests down.
 */
export async function startDynalite(options: { dir?: string; port?: number } = {}): Promise<RunningEmulator> {
  const server = dynalite({
    ...(options.dir === undefined ? {} : { path: options.dir }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    endpoint: `http://${HOST}:${port}`,
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        // dynalite's close() also closes its LevelDB once the HTTP server has stopped.
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      })),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
