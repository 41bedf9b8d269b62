/**
 * Verify by hash (issues #3, #15), on the real local stack over HTTP, against a bare Hono route
 * that makes one GetItem on the same partition key: rounds of each in turn (load.ts
 * runInterleaved) after a warm-up of both, so that neither side's first compilations and first
 * reads fall into its figure.
 *
 * Everything shares one process here: the load, both servers and the emulators. Our lookup is
 * one GetItem of the content's holders item (content-items.ts), the baseline's a GetItem of a
 * missing item. The same stack is then measured as an archive not migrated yet answers (the
 * marker removed: the by-content Query of before), against the same baseline: the before → after
 * of that change within one run. The second run puts the emulators in a process of their own
 * (log-emulators.ts), as remote services are, so that its ratio compares what the two servers do.
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
import { ms, runInterleaved, runLoad, type LoadResult } from "./load";
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

interface VerifyRun {
  ours: LoadResult;
  baseline: LoadResult;
  /** The same stack with the by-content Query (no holders marker), and its own baseline rounds. */
  unmigrated?: { ours: LoadResult; baseline: LoadResult };
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
  });
  try {
    const bare = await startBareGetItem(dynamo, local.table);
    const hex = await seedSha256(stack);
    const verifyOnce = async () => {
      const res = await fetch(`${stack.url}/v1/verify?sha256=${hex}`);
      if (((await res.json()) as { verdict: string }).verdict !== "authentic")
        throw new Error("verify failed");
    };
    const bareOnce = async () => {
      await (await fetch(`${bare.url}/?sha256=${hex}`)).json();
    };
    await runLoad(WARM_UP, CONCURRENCY, verifyOnce);
    await runLoad(WARM_UP, CONCURRENCY, bareOnce);
    const { ours, baseline } = await runInterleaved(4, 500, CONCURRENCY, verifyOnce, bareOnce);
    if (remote) {
      bare.close();
      return { ours, baseline };
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
    const unmigrated = await runInterleaved(4, 500, CONCURRENCY, verifyOnce, bareOnce);
    bare.close();
    return { ours, baseline, unmigrated, requests };
  } finally {
    s3.destroy();
    dynamo.destroy();
    await stack.close();
    await emulators?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The baseline: a bare Hono route that makes one GetItem (of a missing item) on the content's partition. */
export async function startBareGetItem(
  dynamo: DynamoDBClient,
  table: string,
): Promise<{ url: string; close: () => void }> {
  const bare = new Hono().get("/", async (c) => {
    const out = await dynamo.send(
      new GetItemCommand({
        TableName: table,
        Key: { pk: { S: `sha#${c.req.query("sha256")}` }, sk: { S: "x" } },
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

export async function benchVerify(): Promise<BenchRow[]> {
  const inProcess = await runVerify(false);
  const remote = await runVerify(true);
  const { ours, baseline, unmigrated, requests } = inProcess;
  return [
    {
      group: "verify",
      figure: "by hash req/s",
      ours: `${formatRate(ours.perSecond, "/s")} (×${CONCURRENCY})`,
      baseline: `${formatRate(baseline.perSecond, "/s")} Hono+GetItem`,
      ratio: formatRatio(ours.perSecond, baseline.perSecond),
      goal: "≥ 0.8",
    },
    {
      group: "verify",
      figure: "by hash p50",
      ours: ms(ours.p50),
      baseline: ms(baseline.p50),
      ratio: formatRatio(ours.p50, baseline.p50),
    },
    {
      group: "verify",
      figure: "by hash p99",
      ours: ms(ours.p99),
      baseline: ms(baseline.p99),
      ratio: formatRatio(ours.p99, baseline.p99),
    },
    {
      group: "verify",
      figure: "by hash req/s, an archive not migrated (by-content Query)",
      ours: `${formatRate(unmigrated!.ours.perSecond, "/s")} (×${CONCURRENCY})`,
      baseline: `${formatRate(unmigrated!.baseline.perSecond, "/s")} Hono+GetItem`,
      ratio: formatRatio(unmigrated!.ours.perSecond, unmigrated!.baseline.perSecond),
    },
    {
      group: "verify",
      figure: "by hash req/s, emulators in another process",
      ours: `${formatRate(remote.ours.perSecond, "/s")} (×${CONCURRENCY})`,
      baseline: `${formatRate(remote.baseline.perSecond, "/s")} Hono+GetItem`,
      ratio: formatRatio(remote.ours.perSecond, remote.baseline.perSecond),
      goal: "≥ 0.8",
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
