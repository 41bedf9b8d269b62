/**
 * Archive benchmarks (issue #3), on the real local stack over HTTP:
 * - ingest of 4 KiB and 5 MiB documents against raw PutObject + PutItem of the same bytes, in
 *   paired rounds (the ratio is the median of the rounds'), and the
 *   S3 and DynamoDB requests an ingest makes alone and under the measured load
 *   (`npx tsx tests/bench/ingest-profile.ts` shows where one ingest's time goes);
 * verify by hash is its own group (verify.ts).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { formatHex, sha256 } from "@isnad/core";
import { createAwsClients, readEndpoints, startLocalStack } from "@isnad/local";
import { formatRate, formatRatio, type BenchRow } from "./table";
import { runLoad } from "./load";
import { runPairedRounds } from "./paired-rounds";
import { countRequests, formatCommands, formatRequests } from "./sdk-requests";

const KiB = 1024;
const MiB = 1024 * KiB;
/** Operations whose AWS requests are counted, one at a time, for the cost table. */
const COUNTED = 10;

function document(size: number, salt: number): Uint8Array {
  const bytes = new Uint8Array(size);
  const line = new TextEncoder().encode(`statement ${salt} — بيان رقم ${salt}\n`);
  for (let i = 0; i < size; i++) bytes[i] = line[i % line.length]!;
  return bytes;
}

export async function benchArchive(): Promise<BenchRow[]> {
  const dataDir = await mkdtemp(join(tmpdir(), "isnad-bench-"));
  const stack = await startLocalStack({
    dataDir,
    port: 0,
    maxUploadBytes: 8 * MiB,
    seedsDir: join(process.cwd(), "seeds"),
    // Throughput is the point here: no per-instance rate limit in the way (packages/api rate-limit.ts).
    rateLimits: false,
  });
  const endpoints = (await readEndpoints(dataDir))!;
  const { s3, dynamo } = createAwsClients({ s3Endpoint: endpoints.s3, dynamoEndpoint: endpoints.dynamodb });
  const rows: BenchRow[] = [];
  try {
    let salt = 0;
    const upload = async (body: Uint8Array) => {
      const res = await fetch(`${stack.url}/v1/statements`, {
        method: "POST",
        headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "text/plain; charset=utf-8" },
        body: body as Uint8Array<ArrayBuffer>,
      });
      if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    };
    for (const [label, size, rounds, perRound, concurrency] of [
      ["4 KiB", 4 * KiB, 10, 24, 8],
      ["5 MiB", 5 * MiB, 6, 2, 2],
    ] as const) {
      const count = rounds * perRound;
      const docs = Array.from({ length: count }, () => document(size, ++salt));
      const baseDocs = Array.from({ length: count }, () => document(size, ++salt));
      // Short rounds, each side back to back and the ratio per round (paired-rounds.ts): the
      // machine's load, shared with others, moves both sides of a round alike.
      const paired = await runPairedRounds(
        rounds,
        perRound,
        concurrency,
        (i) => upload(docs[i]!),
        async (i) => {
          const hex = formatHex(sha256(baseDocs[i]!));
          await s3.send(
            new PutObjectCommand({ Bucket: endpoints.bucket, Key: `bench/${hex}`, Body: baseDocs[i]! }),
          );
          await dynamo.send(
            new PutItemCommand({
              TableName: endpoints.table,
              Item: { pk: { S: `bench#${hex}` }, sk: { S: "x" } },
            }),
          );
        },
      );
      const { ours, baseline: base } = paired;
      // The requests of ingests sent as the load sends them: group commit shares the log's.
      const loaded = 4 * concurrency;
      const underLoad = await countRequests(loaded, async () => {
        await runLoad(loaded, concurrency, () => upload(document(size, ++salt)));
      });
      // The requests one ingest makes (the cost table), on statements of their own, one at a time.
      const requests = await countRequests(COUNTED, async () => {
        for (let i = 0; i < COUNTED; i++) await upload(document(size, ++salt));
      });
      rows.push(
        {
          group: "ingest",
          figure: `${label} statements/s`,
          ours: `${formatRate(ours.perSecond, "/s")} (×${concurrency})`,
          baseline: `${formatRate(base.perSecond, "/s")} PutObject+PutItem`,
          // The median of the rounds' ratios, with their spread.
          ratio: `${formatRatio(paired.ratio, 1)} (${formatRatio(paired.ratios[0]!, 1)}–${formatRatio(paired.ratios.at(-1)!, 1)})`,
          goal: size < MiB ? "≥ 0.5" : "≥ 0.25",
        },
        {
          group: "ingest",
          figure: `${label} MB/s`,
          ours: formatRate((ours.perSecond * size) / MiB, "MB/s"),
          baseline: formatRate((base.perSecond * size) / MiB, "MB/s"),
          ratio: formatRatio(paired.ratio, 1),
        },
        {
          group: "ingest",
          figure: `requests per ${label} statement S3 / DynamoDB`,
          ours: formatRequests(requests),
          baseline: "1 / 1 PutObject+PutItem",
          ratio: "",
          goal: formatCommands(requests),
        },
        {
          group: "ingest",
          figure: `requests per ${label} statement S3 / DynamoDB, ×${concurrency}`,
          ours: formatRequests(underLoad),
          baseline: "1 / 1 PutObject+PutItem",
          ratio: "",
          goal: formatCommands(underLoad),
        },
      );
    }
  } finally {
    s3.destroy();
    dynamo.destroy();
    await stack.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  return rows;
}
