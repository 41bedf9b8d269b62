/**
 * Transparency log benchmarks (issue #4), on s3rver and dynalite through the production adapters:
 * appends/s with 1, 16 and 64 concurrent writers (separate TransparencyLog instances sharing the
 * stores, as separate Lambdas would), the 64:1 ratio that group commit buys, time to receipt
 * (append until integrated under a signed checkpoint, then the receipt built), and the S3 and
 * DynamoDB requests per append, counted on the SDK clients.
 *
 * The emulators run in a child process, as remote services would: in the test process they would
 * share one event loop with 64 appenders, and the figure would measure that loop instead. On a
 * small machine the 64-writer figure is still bound by the CPU the emulators and the SDK need per
 * request, so requests per append is the figure that carries over to S3 and DynamoDB.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { formatHex, generateEd25519Seed } from "@isnad/core";
import {
  DynamoDbItemStore,
  S3ObjectStore,
  createLogService,
  ensureBucket,
  ensureTable,
  isArchiveError,
  systemClock,
  type LogReader,
  type LogWriter,
  type LogWriterStats,
} from "@isnad/archive";
import { createAwsClients } from "@isnad/local";
import { formatRate, formatRatio, type BenchRow } from "./table";
import { ms } from "./load";

interface LogRun {
  writers: number;
  perSecond: number;
  p50: number;
  p99: number;
  s3PerAppend: number;
  dynamoPerAppend: number;
  perBatch: number;
  /** Mean time the integrator spent on one batch. */
  batchMs: number;
}

/** Counts every command a client sends (before SDK retries: one per port-level request). */
function countRequests(client: S3Client | DynamoDBClient, counter: { count: number; on: boolean }): void {
  (client as S3Client).middlewareStack.add(
    (next) => (args) => {
      if (counter.on) counter.count++;
      return next(args);
    },
    { step: "initialize", name: "isnadBenchCounter" },
  );
}

async function runWriters(storage: Emulators, writers: number, perWriter: number): Promise<LogRun> {
  const { s3, dynamo } = createAwsClients({
    s3Endpoint: storage.s3Endpoint,
    dynamoEndpoint: storage.dynamoEndpoint,
  });
  const name = `isnad-bench-log-${formatHex(randomBytes(4))}`;
  await Promise.all([ensureBucket(s3, name), ensureTable(dynamo, name)]);
  const seed = generateEd25519Seed();
  const s3Count = { count: 0, on: false };
  const dynamoCount = { count: 0, on: false };
  // Each writer with SDK clients of its own, as each Lambda has: one shared client would queue
  // all 64 writers' requests for its 50 sockets, the integrator's among them.
  const clients = Array.from({ length: writers }, () => {
    const own = createAwsClients({ s3Endpoint: storage.s3Endpoint, dynamoEndpoint: storage.dynamoEndpoint });
    countRequests(own.s3, s3Count);
    countRequests(own.dynamo, dynamoCount);
    return own;
  });
  const services = clients.map((own) =>
    createLogService({
      objects: new S3ObjectStore(own.s3, name),
      items: new DynamoDbItemStore(own.dynamo, name),
      clock: systemClock,
      origin: "isnad.bench/log",
      seed,
    }),
  );
  // One append first, so that every run starts from a log with tiles (not the empty-log path).
  await services[0]!.writer.append(new TextEncoder().encode('{"warm":true}'));
  s3Count.on = dynamoCount.on = true;
  const sum = (f: (stats: LogWriterStats) => number) => services.reduce((n, s) => n + f(s.writer.stats), 0);
  const batchesBefore = sum((s) => s.batches);
  const busyBefore = sum((s) => s.integratingMs);
  const latencies: number[] = [];
  const start = performance.now();
  await closedLoop(services, perWriter, (times) => latencies.push(times.appendMs + times.receiptMs));
  const seconds = (performance.now() - start) / 1000;
  const total = writers * perWriter;
  const batches = Math.max(1, sum((s) => s.batches) - batchesBefore);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(total - 1, Math.floor(q * total))]!;
  for (const client of [s3, dynamo, ...clients.flatMap((c) => [c.s3, c.dynamo])]) client.destroy();
  return {
    writers,
    perSecond: total / seconds,
    p50: at(0.5),
    p99: at(0.99),
    s3PerAppend: s3Count.count / total,
    dynamoPerAppend: dynamoCount.count / total,
    perBatch: total / batches,
    batchMs: (sum((s) => s.integratingMs) - busyBefore) / batches,
  };
}

/**
 * The bench's load: each writer appends `perWriter` fresh entries one after the other, each
 * followed by its receipt (as an upload's answer carries it), all writers at once.
 */
export async function closedLoop(
  services: readonly { writer: LogWriter; reader: LogReader }[],
  perWriter: number,
  done: (times: { appendMs: number; receiptMs: number }) => void,
): Promise<void> {
  await Promise.all(
    services.map(async ({ writer, reader }, w) => {
      for (let i = 0; i < perWriter; i++) {
        const entry = new TextEncoder().encode(JSON.stringify({ w, i, r: formatHex(randomBytes(8)) }));
        const t = performance.now();
        const { leafIndex } = await appendRetrying(writer, entry);
        const appended = performance.now();
        await reader.receipt(leafIndex, entry);
        done({ appendMs: appended - t, receiptMs: performance.now() - appended });
      }
    }),
  );
}

/**
 * As ingest does (retry.ts): a busy log answers UNAVAILABLE after its timeout, and appending the
 * same entry again is safe. On a loaded machine the 64-writer run can reach that timeout; the
 * time to receipt then includes the retry, as a client's would.
 */
export async function appendRetrying(writer: LogWriter, entry: Uint8Array): Promise<{ leafIndex: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writer.append(entry);
    } catch (error) {
      if (attempt >= 3 || !isArchiveError(error, "UNAVAILABLE")) throw error;
    }
  }
}

export interface Emulators {
  /** The emulators' process (its CPU time is read from /proc by log-profile.ts). */
  pid: number;
  s3Endpoint: string;
  dynamoEndpoint: string;
  close(): Promise<void>;
}

/** The emulators in a child process (log-emulators.ts), as remote services would be. */
export async function startEmulators(): Promise<Emulators> {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "log-emulators.ts")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
    });
    child.once("exit", (code) => reject(new Error(`log-emulators exited with ${code}`)));
  });
  const endpoints = JSON.parse(line) as { s3Endpoint: string; dynamoEndpoint: string };
  return {
    ...endpoints,
    pid: child.pid!,
    close: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.stdin.end();
      }),
  };
}

export async function benchLog(): Promise<BenchRow[]> {
  const storage = await startEmulators();
  try {
    const one = await runWriters(storage, 1, 40);
    const sixteen = await runWriters(storage, 16, 10);
    const sixtyFour = await runWriters(storage, 64, 6);
    const rows: BenchRow[] = [
      {
        group: "log",
        figure: "appends/s, 1 writer",
        ours: formatRate(one.perSecond, "/s"),
        baseline: "",
        ratio: "",
      },
    ];
    for (const run of [sixteen, sixtyFour]) {
      rows.push({
        group: "log",
        figure: `appends/s, ${run.writers} writers (${run.writers}:1)`,
        ours: formatRate(run.perSecond, "/s"),
        baseline: `${formatRate(one.perSecond, "/s")} 1 writer`,
        ratio: formatRatio(run.perSecond, one.perSecond),
        goal: run.writers === 64 ? "≥ 10 (group commit)" : "",
      });
    }
    for (const run of [one, sixteen, sixtyFour]) {
      rows.push(
        {
          group: "log",
          figure: `time to receipt p50 / p99, ${run.writers} writer${run.writers > 1 ? "s" : ""}`,
          ours: `${ms(run.p50)} / ${ms(run.p99)}`,
          baseline: "",
          ratio: "",
          goal: run.writers === 64 ? "p99 ≤ 2,000 ms" : "",
        },
        {
          group: "log",
          figure: `requests per append S3 / DynamoDB, ${run.writers} writer${run.writers > 1 ? "s" : ""}`,
          ours: `${run.s3PerAppend.toFixed(1)} / ${run.dynamoPerAppend.toFixed(1)}`,
          baseline: "",
          ratio: "",
          goal: `${run.perBatch.toFixed(1)} entries per batch of ${ms(run.batchMs)}`,
        },
      );
    }
    return rows;
  } finally {
    await storage.close();
  }
}
