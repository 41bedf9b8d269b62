/**
 * Verify by hash (issues #3, #15), on the real local stack over HTTP, against a bare Hono route
 * that makes one GetItem on the same partition key, through an SDK client set up as the stack's
 * own (local-stack.ts: cacheMiddleware) and the same load client (fetch, keep-alive).
 *
 * Both sides are warmed up first, so that neither side's first compilations and first reads fall
 * into its figure, then measured in short rounds, both sides back to back in each, in alternating
 * order (paired-rounds.ts): the ratio is the median of the rounds' ratios, so that the load of
 * other processes on a shared machine, which changes within seconds, moves it far less than it
 * moves req/s. The rounds' spread and each side's main-thread CPU per call are printed beside it.
 *
 * Everything shares one process here: the load, both servers and the emulators (in threads). Our
 * lookup is one GetItem of the content's holders item (content-items.ts), and so is the
 * baseline's (startBareGetItem). The same stack is then measured as an archive not migrated yet answers (the
 * marker removed: the by-content Query of before), against the same baseline: the before → after
 * of that change within one run. The second run puts the emulators in a process of their own
 * (log-emulators.ts), as remote services are, so that its ratio compares what the two servers do.
 *   ISNAD_BENCH_VERIFY_ROUNDS=N npm run bench -- verify   (default 40 rounds of 150 calls a side)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { GetItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { forgetContentHoldersMarker, keys } from "@isnad/archive";
import { createAwsClients, readEndpoints, startLocalStack, type LocalStack } from "@isnad/local";
import { formatRate, formatRatio, type BenchRow } from "./table";
import { ms, runLoad } from "./load";
import { runPairedRounds, type PairedRounds } from "./paired-rounds";
import { countRequests, formatCommands, formatRequests, type RequestCount } from "./sdk-requests";
import { startEmulators } from "./log";

/** Verifications whose AWS requests are counted, one at a time, for the cost table. */
const COUNTED = 10;
const CONCURRENCY = 16;
/**
 * Calls of each side before the measured rounds: until V8 has optimized what each request runs
 * (a server's steady state; with 300, our longer path was still partly unoptimized in round one).
 */
const WARM_UP = 1000;
/**
 * Rounds of each comparison, and calls of each side per round: many short rounds (~0.3–1 s a
 * side), as the load of other processes changes within a second or two.
 */
const ROUNDS = Number(process.env.ISNAD_BENCH_VERIFY_ROUNDS ?? 40);
const PER_ROUND = 150;

interface VerifyRun {
  measured: PairedRounds;
  /** The same stack with the by-content Query (no holders marker), and its own baseline rounds. */
  unmigrated?: PairedRounds;
  requests?: RequestCount;
}

async function runVerify(remote: boolean): Promise<VerifyRun> {
  const dataDir = await mkdtemp(join(tmpdir(), "isnad-bench-verify-"));
  const emulators = remote ? await startEmulators() : undefined;
  const stack = await startLocalStack({
    dataDir,
    port: 0,
    seedsDir: join(process.cwd(), "seeds"),
    // Throughput is the point here: no per-instance rate limit in the way (packages/api rate-limit.ts).
    rateLimits: false,
    ...(emulators && {
      endpointsFor: async () => ({ s3: emulators.s3Endpoint, dynamodb: emulators.dynamoEndpoint }),
    }),
  });
  const local = (await readEndpoints(dataDir))!;
  const { s3, dynamo } = createAwsClients({
    s3Endpoint: emulators?.s3Endpoint ?? local.s3,
    dynamoEndpoint: emulators?.dynamoEndpoint ?? local.dynamodb,
    // As the stack's own clients are (local-stack.ts): the middleware stack resolved once per
    // client, not on every send; without it the baseline paid ~0.2 ms a call that ours did not.
    cacheMiddleware: true,
  });
  try {
    const bare = await startBareGetItem(dynamo, local.table);
    const hex = await seedSha256(stack);
    const { verifyOnce, bareOnce } = await callers(stack.url, bare.url, hex);
    await runLoad(WARM_UP, CONCURRENCY, verifyOnce);
    await runLoad(WARM_UP, CONCURRENCY, bareOnce);
    const measured = await runPairedRounds(ROUNDS, PER_ROUND, CONCURRENCY, verifyOnce, bareOnce);
    if (remote) {
      bare.close();
      return { measured };
    }
    // A file verified again and again (the case verify-recent.ts serves), one request at a time.
    const requests = await countRequests(COUNTED, async () => {
      for (let i = 0; i < COUNTED; i++) await verifyOnce();
    });
    // As an archive from before the holders item: the marker gone, verify Queries the link items.
    const items = stack.services.archive.items;
    const marker = keys.contentHoldersComplete();
    await items.delete(marker.pk, marker.sk);
    forgetContentHoldersMarker(items);
    await runLoad(WARM_UP / 2, CONCURRENCY, verifyOnce);
    const unmigrated = await runPairedRounds(ROUNDS, PER_ROUND, CONCURRENCY, verifyOnce, bareOnce);
    bare.close();
    return { measured, unmigrated, requests };
  } finally {
    s3.destroy();
    dynamo.destroy();
    await stack.close();
    await emulators?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * One call of each side, as the load makes it: the same fetch (keep-alive), each answer read
 * whole as text. Ours is checked authentic by its text (the one unescaped "verdict" key of the
 * answer), after a first answer parsed in full: parsing 1.4 KB of JSON into objects on every call
 * is the client's work, not the server's, and here the client shares the servers' event loop
 * (it was ~0.04 ms a call of ~1.2, most of it garbage).
 */
export async function callers(
  ourUrl: string,
  bareUrl: string,
  hex: string,
): Promise<{ verifyOnce: () => Promise<void>; bareOnce: () => Promise<void> }> {
  const first = (await (await fetch(`${ourUrl}/v1/verify?sha256=${hex}`)).json()) as { verdict: string };
  if (first.verdict !== "authentic") throw new Error(`verify answered ${first.verdict}`);
  return {
    verifyOnce: async () => {
      const res = await fetch(`${ourUrl}/v1/verify?sha256=${hex}`);
      const text = await res.text();
      if (res.status !== 200 || !text.includes('"verdict":"authentic"')) throw new Error("verify failed");
    },
    bareOnce: async () => {
      const res = await fetch(`${bareUrl}/?sha256=${hex}`);
      const text = await res.text();
      if (res.status !== 200 || !text.includes('"found":true')) throw new Error("the bare route failed");
    },
  };
}

/**
 * The baseline: a bare Hono route that makes one GetItem, of the very item verify by hash must
 * read (the content's holders item, content-items.ts). Until issue #15's last stop it read a
 * missing item on the same partition: a miss costs the emulator less than any hit (no item to
 * read back and send), which charged ours for a read that any answer must make.
 */
export async function startBareGetItem(
  dynamo: DynamoDBClient,
  table: string,
): Promise<{ url: string; close: () => void }> {
  const bare = new Hono().get("/", async (c) => {
    const key = keys.contentHolders(c.req.query("sha256") ?? "");
    const out = await dynamo.send(
      new GetItemCommand({
        TableName: table,
        Key: { pk: { S: key.pk }, sk: { S: key.sk } },
        ConsistentRead: true,
      }),
    );
    return c.json({ found: Boolean(out.Item) });
  });
  const server = serve({ fetch: bare.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** The SHA-256 of the first seed statement's original (what both sides look up). */
export async function seedSha256(stack: LocalStack): Promise<string> {
  const record = (await stack.services.archive.items.get(`stmt#${stack.seeded[0]!.id}`, "record"))!;
  return (JSON.parse(String(record.entry)) as { original: { sha256: string } }).original.sha256;
}

/** ours ÷ baseline req/s: the median of the rounds' ratios, with both sides' overall rates. */
function rateRow(figure: string, run: PairedRounds, goal?: string): BenchRow {
  return {
    group: "verify",
    figure,
    ours: `${formatRate(run.ours.perSecond, "/s")} (×${CONCURRENCY})`,
    baseline: `${formatRate(run.baseline.perSecond, "/s")} Hono+GetItem`,
    ratio: run.ratio.toFixed(2),
    ...(goal === undefined ? {} : { goal }),
  };
}

function spread(run: PairedRounds): string {
  return `${run.ratios[0]!.toFixed(2)}–${run.ratios.at(-1)!.toFixed(2)} (${run.ratios.length} rounds)`;
}

export async function benchVerify(): Promise<BenchRow[]> {
  const inProcess = await runVerify(false);
  const remote = await runVerify(true);
  const { measured, unmigrated, requests } = inProcess;
  return [
    rateRow("by hash req/s", measured, "≥ 0.8"),
    {
      group: "verify",
      figure: "by hash req/s, ratio of each round: min–max",
      ours: spread(measured),
      baseline: "",
      ratio: "",
    },
    {
      group: "verify",
      figure: "by hash CPU per call: main thread · other threads",
      ours: `${measured.cpu.ours.toFixed(2)} · ${measured.otherCpu.ours.toFixed(2)} ms`,
      baseline: `${measured.cpu.baseline.toFixed(2)} · ${measured.otherCpu.baseline.toFixed(2)} ms`,
      ratio: formatRatio(measured.cpu.ours, measured.cpu.baseline),
    },
    {
      group: "verify",
      figure: "by hash p50",
      ours: ms(measured.ours.p50),
      baseline: ms(measured.baseline.p50),
      ratio: formatRatio(measured.ours.p50, measured.baseline.p50),
    },
    {
      group: "verify",
      figure: "by hash p99",
      ours: ms(measured.ours.p99),
      baseline: ms(measured.baseline.p99),
      ratio: formatRatio(measured.ours.p99, measured.baseline.p99),
    },
    rateRow("by hash req/s, an archive not migrated (by-content Query)", unmigrated!),
    rateRow("by hash req/s, emulators in another process", remote.measured, "≥ 0.8"),
    {
      group: "verify",
      figure: "  the same, ratio of each round: min–max",
      ours: spread(remote.measured),
      baseline: "",
      ratio: "",
    },
    {
      group: "verify",
      figure: "requests per verify by hash S3 / DynamoDB",
      ours: formatRequests(requests!),
      baseline: "0 / 1 GetItem",
      ratio: "",
      goal: formatCommands(requests!),
    },
  ];
}
