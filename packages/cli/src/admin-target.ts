/**
 * Where admin commands act, always through the archive's own services, so a publisher or key
 * change is stored and signed into the transparency log exactly as the server would do it.
 *
 * - With ISNAD_TABLE set: AWS (the SDK's usual credentials and region), with the deployed
 *   service's settings — ISNAD_BUCKET, ISNAD_LOG_ORIGIN and ISNAD_SIGNING_KEY_SEED (the stack's
 *   outputs and its SigningKeySeed secret; see docs/deploy.md).
 * - Otherwise the local archive in ISNAD_DATA_DIR: through the running stack's emulators when
 *   `npm start` is up (it holds the data files then), or by starting them for the command.
 *
 * Every admin command first says, on stderr, which archive it acts on (data dir or table), and
 * warns when a local server is running on another one: the change would not reach that server.
 */
import { join, resolve } from "node:path";
import { stat } from "node:fs/promises";
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createServices, serviceSettingsFromEnv, type ArchiveDeps, type Publishers } from "@isnad/archive";
import { fingerprintText } from "@isnad/core";
import { documentExtractor } from "@isnad/extract";
import {
  BUCKET,
  LOCAL_LOG_ORIGIN,
  TABLE,
  createAwsClients,
  loadOrCreateSeed,
  isLocalStackError,
  lockDataDir,
  readEndpoints,
  readLock,
  runningServers,
  startDynalite,
  startS3Emulator,
  type RunningEmulator,
} from "@isnad/local";
import { CliError, EXIT } from "./command";

export interface AdminTarget {
  publishers: Publishers;
  /** The archive's stores and use-case dependencies (for `isnad reindex`). */
  archive: ArchiveDeps;
  description: string;
  close(): Promise<void>;
}

interface Wiring {
  s3: S3Client;
  dynamo: DynamoDBClient;
  bucket: string;
  table: string;
  seed: Uint8Array;
  logOrigin: string;
}

function target(w: Wiring, description: string, release: () => Promise<void> = async () => {}): AdminTarget {
  const services = createServices({
    s3: w.s3,
    dynamo: w.dynamo,
    bucket: w.bucket,
    table: w.table,
    signingSeed: w.seed,
    logOrigin: w.logOrigin,
    extractor: documentExtractor,
    fingerprint: fingerprintText,
  });
  return {
    publishers: services.publishers,
    archive: services.archive,
    description,
    close: async () => {
      w.s3.destroy();
      w.dynamo.destroy();
      await release();
    },
  };
}

/** Where notes for people go (stderr: a --json document on stdout stays clean). */
export type Note = (line: string) => void;

const stderrNote: Note = (line) => process.stderr.write(`${line}\n`);

export async function openAdminTarget(
  env: NodeJS.ProcessEnv = process.env,
  note: Note = stderrNote,
): Promise<AdminTarget> {
  const servers = await runningServers(env);
  if (env.ISNAD_TABLE) {
    const settings = serviceSettingsFromEnv(env);
    note(`isnad: acting on the DynamoDB table ${settings.table} in AWS (ISNAD_TABLE)`);
    for (const s of servers) {
      note(
        `isnad: warning: a local server at ${s.url} serves the data dir ${s.dataDir}, not this table; ` +
          `this change will not show there`,
      );
    }
    return target(
      { s3: new S3Client({}), dynamo: new DynamoDBClient({}), ...settings, seed: settings.signingSeed },
      `DynamoDB table ${settings.table}`,
    );
  }
  const dataDir = resolve(env.ISNAD_DATA_DIR || ".isnad");
  const here = servers.filter((s) => resolve(s.dataDir) === dataDir);
  const elsewhere = servers.filter((s) => resolve(s.dataDir) !== dataDir);
  const via = here[0] ? `, through the server running at ${here[0].url}` : "";
  note(`isnad: acting on the local archive in ${dataDir} (table ${TABLE}${via})`);
  for (const s of elsewhere) {
    note(
      `isnad: warning: the server at ${s.url} uses another data dir, ${s.dataDir}; this change will not ` +
        `show there. To act on that one: ISNAD_DATA_DIR=${shellWord(s.dataDir)} npm run isnad -- …`,
    );
  }
  if (!(await exists(join(dataDir, "signing-key.hex")))) {
    throw new Error(`no local archive in ${dataDir}: start it once with npm start (or set ISNAD_DATA_DIR)`);
  }
  const seed = await loadOrCreateSeed(dataDir);
  const running = await readEndpoints(dataDir);
  if (running && (await reachable(running.dynamodb))) {
    const clients = createAwsClients({ s3Endpoint: running.s3, dynamoEndpoint: running.dynamodb });
    const { bucket, table, logOrigin } = running;
    return target({ ...clients, bucket, table, logOrigin, seed }, `the running local archive (${dataDir})`);
  }
  // No server: the command opens the data files itself, so it holds the data dir's lock while it
  // does (a server started meanwhile says so in one line instead of fighting over the files).
  const lock = await lockDataDir(dataDir).catch(async (e: unknown) => {
    if (!isLocalStackError(e)) throw e;
    const holder = await readLock(dataDir);
    throw new CliError(
      `another isnad server (process ${holder?.pid ?? "?"}) is using the data dir ${dataDir} but does ` +
        `not answer yet; run the command again once it is up (it then acts through that server)`,
      EXIT.error,
      { cause: e },
    );
  });
  const started: RunningEmulator[] = [];
  const release = async () => {
    for (const e of started.reverse()) await e.close();
    await lock.release();
  };
  try {
    started.push(await startS3Emulator({ dir: join(dataDir, "s3") }));
    started.push(await startDynalite({ dir: join(dataDir, "dynamodb") }));
  } catch (cause) {
    await release();
    throw new Error(`cannot open the local archive in ${dataDir}`, { cause });
  }
  const clients = createAwsClients({
    s3Endpoint: started[0]!.endpoint,
    dynamoEndpoint: started[1]!.endpoint,
  });
  return target(
    { ...clients, bucket: BUCKET, table: TABLE, seed, logOrigin: LOCAL_LOG_ORIGIN },
    `the local archive (${dataDir})`,
    release,
  );
}

function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function reachable(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}
