/**
 * `npm run bench -- timestamp` (issue #16): time to an RFC 3161 token for a checkpoint — the
 * log's TSA client (request, HTTP to a real `openssl ts -reply` TSA on loopback, reply parsed,
 * imprint and nonce checked) — beside a bare `openssl ts -reply` run on a prepared query (the
 * TSA's own work, no HTTP, no client); and a full token verification (CMS, EKU, ESSCertIDv2,
 * chain) beside `openssl ts -verify` on the same token. Goal: token p95 ≤ 1 s.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256, utf8 } from "@isnad/core";
import { TimestampClient } from "@isnad/archive";
import { buildTimeStampRequest, verifyTimestampToken } from "@isnad/timestamp";
import { openssl, startOpensslTsa } from "../support/openssl-tsa";
import { formatRatio, type BenchRow } from "./table";

const RUNS = 40;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function times(runs: number, f: (i: number) => Promise<unknown>): Promise<number[]> {
  await f(-1); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f(i);
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

export async function benchTimestamp(): Promise<BenchRow[]> {
  const tsa = await startOpensslTsa();
  try {
    const client = new TimestampClient({ urls: [tsa.url], timeoutMs: 10_000 });
    const body = (i: number) =>
      utf8(`isnad.bench/log\n${i + 2}\nq2zv3n4z8uQ2y5Yx0QmPZl2m0k8xvQ9o5bV3l1c2aXo=\n`);
    let token: Uint8Array = new Uint8Array();
    const ours = await times(RUNS, async (i) => {
      token = await client.request(tsa.url, body(i));
    });

    const query = join(tsa.dir, "bench.tsq");
    await writeFile(query, buildTimeStampRequest(sha256(body(0))).der);
    const reply = join(tsa.dir, "bench.tsr");
    const bare = await times(RUNS, () =>
      openssl([
        "ts",
        "-reply",
        "-config",
        tsa.configPath,
        "-queryfile",
        query,
        "-inkey",
        join(tsa.dir, "tsa.key"),
        "-signer",
        tsa.tsaCertPath,
        "-out",
        reply,
      ]),
    );

    const data = body(RUNS - 1);
    const tokenPath = join(tsa.dir, "bench-token.tsr");
    const dataPath = join(tsa.dir, "bench-data");
    await writeFile(tokenPath, token);
    await writeFile(dataPath, data);
    const verifyOurs = await times(RUNS, () => verifyTimestampToken(token, data, { roots: [tsa.rootPem] }));
    const verifyOpenssl = await times(RUNS, () =>
      openssl(["ts", "-verify", "-in", tokenPath, "-token_in", "-data", dataPath, "-CAfile", tsa.rootPath]),
    );

    const row = (figure: string, a: number, b: number, baseline: string, goal?: string): BenchRow => ({
      group: "timestamp",
      figure,
      ours: ms(a),
      baseline: `${ms(b)} (${baseline})`,
      ratio: formatRatio(a, b),
      ...(goal ? { goal } : {}),
    });
    return [
      row("time to RFC 3161 token p50", quantile(ours, 0.5), quantile(bare, 0.5), "bare openssl ts -reply"),
      row(
        "time to RFC 3161 token p95",
        quantile(ours, 0.95),
        quantile(bare, 0.95),
        "bare openssl ts -reply",
        "≤ 1 s",
      ),
      row(
        "verify a token p50",
        quantile(verifyOurs, 0.5),
        quantile(verifyOpenssl, 0.5),
        "openssl ts -verify process",
      ),
    ];
  } finally {
    await tsa.close();
  }
}
