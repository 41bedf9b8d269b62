/**
 * The whole archive on one machine: s3rver and dynalite in a thread of this process
 * (emulator-thread.ts) with their data under the data dir, the production adapters and app on
 * top, served by @hono/node-server. Used by `npm start` (main.ts) and by the integration tests,
 * which start it on a free port.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import {
  createLogSigner,
  parseTsaUrls,
  TimestampClient,
  createServices,
  ensureBucket,
  ensureTable,
  migrateContentHolders,
  type ArchiveLimits,
  type ImageReader,
  type Services,
} from "@isnad/archive";
import { DEFAULT_RATE_LIMITS, createApp, jsonLogger, type RateLimits } from "@isnad/api";
import { documentExtractor } from "@isnad/extract";
import { fingerprintText } from "@isnad/core";
import { createAwsClients } from "./aws-clients";
import type { RunningEmulator } from "./emulators";
import { startEmulatorThread } from "./emulator-thread";
import { loadOrCreateSeed } from "./signing-key";
import { startLocalWitness, witnessEnabled } from "./local-witness";
import { loadOrCreateReceiptKey } from "./receipt-key";
import { archiveSeeds, readSeedManifest } from "./seeds";
import { lockDataDir } from "./data-dir-lock";
import { localImageReader } from "./local-ocr";
import { checkPortFree, portError } from "./port-check";
import { registerServer } from "./server-registry";

export interface LocalStackOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** A publisher key to accept for the seed publisher (ISNAD_API_KEY); generated when absent. */
  apiKey?: string;
  seedsDir?: string;
  maxUploadBytes?: number;
  /** Other archive limits (e.g. maxDirectDownloadBytes, maxExtractBytes); maxUploadBytes wins. */
  limits?: Partial<ArchiveLimits>;
  /** The transparency log's origin (default "isnad.local/log"). */
  logOrigin?: string;
  /**
   * Where the app's SDK clients connect, given the emulators' real endpoints (default: there).
   * The fault suites put a fault-injecting proxy in between; endpoints.json (for admin commands)
   * keeps the real ones.
   */
  endpointsFor?: (real: { s3: string; dynamodb: string }) => Promise<{ s3: string; dynamodb: string }>;
  /** Rate limits per API key and per client address (default DEFAULT_RATE_LIMITS); false: none. */
  rateLimits?: Partial<Pick<RateLimits, "writes" | "reads">> | false;
  /** RFC 3161 TSAs that timestamp each checkpoint (default: ISNAD_TSA_URLS; none when unset). */
  tsaUrls?: readonly string[];
  /**
   * Pinned roots (PEM) of those TSAs, so that the provenance page can say "existed no later
   * than …" (default: the PEM file ISNAD_TSA_ROOTS names; none when unset).
   */
  tsaRoots?: readonly string[];
  /** OCR for screenshots sent to verify (issue #18); default: tesseract when installed (local-ocr.ts); false: none. */
  imageReader?: ImageReader | false;
}

export interface LocalStack {
  url: string;
  apiKey: string;
  publisher: string;
  services: Services;
  seeded: { id: string; created: boolean }[];
  close(): Promise<void>;
}

export const BUCKET = "isnad-local";
export const TABLE = "isnad-local";
export const ENDPOINTS_FILE = "endpoints.json";

export interface LocalEndpoints {
  s3: string;
  dynamodb: string;
  bucket: string;
  table: string;
  logOrigin: string;
}

export const LOCAL_LOG_ORIGIN = "isnad.local/log";

async function writeEndpoints(dataDir: string, endpoints: LocalEndpoints): Promise<void> {
  await writeFile(join(dataDir, ENDPOINTS_FILE), JSON.stringify(endpoints, null, 2) + "\n", { mode: 0o600 });
}

/** The endpoints of a local stack running on `dataDir`, if one is running. */
export async function readEndpoints(dataDir: string): Promise<LocalEndpoints | undefined> {
  try {
    return JSON.parse(await readFile(join(dataDir, ENDPOINTS_FILE), "utf8")) as LocalEndpoints;
  } catch {
    return undefined;
  }
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { dataDir } = options;
  const host = options.host ?? "127.0.0.1";
  await mkdir(join(dataDir, "s3"), { recursive: true });
  await mkdir(join(dataDir, "dynamodb"), { recursive: true });
  // Both checks come before the emulators open the data files: each failure is one line.
  const lock = await lockDataDir(dataDir);
  const emulators: RunningEmulator[] = [];
  const closeAll = async () => {
    for (const e of emulators.reverse()) await e.close();
    await lock.release();
  };
  try {
    await checkPortFree(options.port, host);
    const storage = await startEmulatorThread({
      s3: { dir: join(dataDir, "s3") },
      dynamodb: { dir: join(dataDir, "dynamodb") },
    });
    emulators.push({ endpoint: storage.s3, close: storage.close });
    const real = { s3: storage.s3, dynamodb: storage.dynamodb };
    const endpoints = (await options.endpointsFor?.(real)) ?? real;
    const { s3, dynamo } = createAwsClients({
      s3Endpoint: endpoints.s3,
      dynamoEndpoint: endpoints.dynamodb,
      cacheMiddleware: true,
    });
    await Promise.all([ensureBucket(s3, BUCKET), ensureTable(dynamo, TABLE)]);
    const signingSeed = await loadOrCreateSeed(dataDir);
    const logOrigin = options.logOrigin ?? LOCAL_LOG_ORIGIN;
    // isnad's own witness beside the log (local-witness.ts), unless ISNAD_WITNESS=off.
    const witness = witnessEnabled()
      ? await startLocalWitness({
          dataDir,
          dynamo,
          table: TABLE,
          host,
          logOrigin,
          logVerifierKey: createLogSigner(logOrigin, signingSeed).verifierKey,
        })
      : undefined;
    if (witness) emulators.push({ endpoint: witness.url, close: witness.close });
    const tsaUrls = options.tsaUrls ?? parseTsaUrls(process.env.ISNAD_TSA_URLS);
    const timestamps = tsaUrls?.length ? new TimestampClient({ urls: tsaUrls }) : undefined;
    const services = createServices({
      s3,
      dynamo,
      bucket: BUCKET,
      // Our s3rver refuses a create of an existing key (s3rver-conditional-put.ts): no HEAD first.
      s3ConditionalWrites: true,
      table: TABLE,
      signingSeed,
      extractor: documentExtractor,
      fingerprint: fingerprintText,
      // A long text's quote index is written right after the answer, in this process.
      deferredIndex: "in-process",
      ...imageReaderOf(options.imageReader),
      logOrigin,
      ...(witness || timestamps
        ? { logWriter: { ...(witness && { witness: witness.client }), ...(timestamps && { timestamps }) } }
        : {}),
      limits: {
        ...options.limits,
        ...(options.maxUploadBytes ? { maxUploadBytes: options.maxUploadBytes } : {}),
      },
    });

    const seedsDir = options.seedsDir ?? join(process.cwd(), "seeds");
    const manifest = await readSeedManifest(seedsDir);
    const publisher = manifest.publisher.id;
    // The seed publisher as the manifest describes it; on a later start, names added to the
    // manifest are added to the archive (an update that changes nothing logs nothing).
    const { id: _id, ...profile } = manifest.publisher;
    if (!(await services.publishers.get(publisher))) await services.publishers.create(publisher, profile);
    else await services.publishers.update(publisher, profile);
    const apiKey = options.apiKey ?? (await localApiKey(services, dataDir, publisher));
    if (options.apiKey) await services.publishers.registerKey(publisher, options.apiKey);
    const seeded = await archiveSeeds(services, seedsDir);
    // Verify by hash reads one item per content once every statement is in one (a no-op when done).
    await migrateContentHolders({
      ...services.archive,
      publishers: services.publishers,
      now: () => services.archive.clock.now(),
    });

    const tsaRootsFile = process.env.ISNAD_TSA_ROOTS;
    const tsaRoots = options.tsaRoots ?? (tsaRootsFile ? [await readFile(tsaRootsFile, "utf8")] : []);
    const app = createApp({
      ...services,
      ...(tsaRoots.length > 0 ? { tsaRoots } : {}),
      receiptKey: await loadOrCreateReceiptKey(dataDir),
      logger: jsonLogger,
      ...(witness ? { witnessPolicy: witness.policy } : {}),
      // Locally the client is the socket's peer (no proxy in front).
      rateLimits:
        options.rateLimits === false
          ? false
          : {
              ...DEFAULT_RATE_LIMITS,
              ...options.rateLimits,
              clientAddress: (c) => getConnInfo(c).remote.address,
            },
    });
    const server = await listen(app.fetch, options.port, host);
    // Quote indexes a stopped server left pending (their markers), in the background.
    services.indexQueue?.sweep();
    const { port } = server.address() as AddressInfo;
    const url = `http://${host}:${port}`;
    await lock.update({ url });
    const unregister = await registerServer({
      pid: process.pid,
      url,
      dataDir,
      startedAt: new Date().toISOString(),
    });
    // While the stack runs, the emulators hold the data dir; admin commands (isnad publisher …)
    // reach the same tables through these endpoints instead of opening the files themselves.
    await writeEndpoints(dataDir, {
      ...real,
      bucket: BUCKET,
      table: TABLE,
      logOrigin: options.logOrigin ?? LOCAL_LOG_ORIGIN,
    });
    return {
      url,
      apiKey,
      publisher,
      services,
      seeded,
      close: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        // Before the emulators: what it cuts short, its marker redoes at the next start.
        await services.indexQueue?.close();
        await rm(join(dataDir, ENDPOINTS_FILE), { force: true });
        await unregister();
        s3.destroy();
        dynamo.destroy();
        await closeAll();
      },
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}

/** The local publisher key: issued on first start, kept (0600) in the data dir to print again. */
async function localApiKey(services: Services, dataDir: string, publisher: string): Promise<string> {
  const path = join(dataDir, "local-api-key");
  try {
    return (await readFile(path, "utf8")).trim();
  } catch {
    const { apiKey } = await services.publishers.issueKey(publisher);
    await writeFile(path, apiKey + "\n", { mode: 0o600 });
    return apiKey;
  }
}

function listen(fetch: (request: Request) => Response | Promise<Response>, port: number, hostname: string) {
  return new Promise<ServerType & { address(): AddressInfo | string | null }>((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server as never));
    server.once("error", (e: NodeJS.ErrnoException) => reject(portError(port, hostname, e)));
  });
}

function imageReaderOf(option: ImageReader | false | undefined): { imageReader?: ImageReader } {
  const reader = option === false ? undefined : (option ?? localImageReader());
  return reader ? { imageReader: reader } : {};
}
