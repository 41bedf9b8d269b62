/**
 * Lambda bundle benchmarks (issue #6): functions/api.ts bundled the way a Lambda deployment
 * bundles it (esbuild: minified, ESM, platform node, target node22, every dependency inside,
 * code splitting as stacks/api.ts's nodejs.splitting),
 * next to a bare Hono "hello" handler bundled the same way:
 * - minified bytes of each bundle;
 * - cold module init: each bundle imported in a fresh `node` process, timing the `import()`
 *   that evaluates the module and constructs its handler (median of 5, runs interleaved).
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build, type BuildOptions, type Metafile } from "esbuild";
import { runFreshNode } from "./fresh-node";
import { formatRatio, type BenchRow } from "./table";

const repoRoot = resolve(import.meta.dirname, "../..");
const RUNS = 5;

const HONO_HELLO = `
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
const app = new Hono();
app.get("/", (c) => c.text("hello"));
export const handler = handle(app);
`;

/**
 * The floor for an API on AWS: a Hono app with the AWS SDK's S3 and DynamoDB clients, created
 * at module load as functions/api.ts creates them, answering with one GetItem. isnad's cold init
 * and bundle are compared with this (issue #15), so the ratio is what isnad adds to any such API.
 */
const HONO_AWS_GETITEM = `
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
const s3 = new S3Client({ forcePathStyle: process.env.ISNAD_S3_FORCE_PATH_STYLE === "true" });
const dynamo = new DynamoDBClient({});
const app = new Hono();
app.get("/v1/verify", async (c) => {
  const out = await dynamo.send(
    new GetItemCommand({
      TableName: process.env.ISNAD_TABLE,
      Key: { pk: { S: "sha#" + c.req.query("sha256") }, sk: { S: "x" } },
      ConsistentRead: true,
    }),
  );
  return c.json({ found: out.Item !== undefined, bucket: s3.config.serviceId });
});
export const handler = handle(app);
`;

/** Records how long importing the bundle takes, in a process that has loaded nothing else. */
const RUNNER = `
const start = performance.now();
const mod = await import(process.argv[2]);
const ms = performance.now() - start;
if (typeof mod.handler !== "function") throw new Error("the bundle exports no handler");
process.stdout.write(JSON.stringify({ ms }));
`;

/** What functions/api.ts reads at cold start (stacks/api.ts sets these on the function). */
const API_ENV = {
  ISNAD_BUCKET: "isnad-bench",
  ISNAD_TABLE: "isnad-bench",
  ISNAD_SIGNING_KEY_SEED: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
  ISNAD_LOG_ORIGIN: "bench.example.org/log",
  ISNAD_MAX_UPLOAD_BYTES: String(4 * 1024 * 1024),
  // Set by Lambda itself; what reads it (the extraction pool's size, OCR's probe) must see it.
  AWS_LAMBDA_FUNCTION_NAME: "isnad-bench-api",
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  // The COSE receipt key (stacks/api.ts's ReceiptKeyPkcs8): a fresh P-256 key, as hex PKCS #8.
  ISNAD_RECEIPT_KEY: generateKeyPairSync("ec", { namedCurve: "P-256" })
    .privateKey.export({ type: "pkcs8", format: "der" })
    .toString("hex"),
};

const COMMON: BuildOptions = {
  bundle: true,
  minify: true,
  platform: "node",
  target: "node22",
  format: "esm",
  // ESM output, CommonJS dependencies: give them a `require` (as SST's Node.js bundling does).
  banner: {
    js: 'import{createRequire as __isnadRequire}from"node:module";const require=__isnadRequire(import.meta.url);',
  },
  mainFields: ["module", "main"],
  logLevel: "error",
};

export async function benchBundle(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), "isnad-bundle-"));
  try {
    const hello = join(dir, "hello.mjs");
    const runner = join(dir, "runner.mjs");
    const aws = join(dir, "hono-aws.mjs");
    // As stacks/api.ts deploys it (nodejs.splitting): what only some requests need (RFC 3161
    // tokens, pkijs) sits in chunks that load on first use; the cold-start figure is the entry
    // and what it imports statically.
    const apiDir = join(dir, "api");
    const { metafile } = await build({
      ...COMMON,
      entryPoints: { api: join(repoRoot, "functions/api.ts") },
      outdir: apiDir,
      outExtension: { ".js": ".mjs" },
      splitting: true,
      metafile: true,
    });
    const api = join(apiDir, "api.mjs");
    const { loaded: apiBytes, total: apiAllBytes } = coldBytes(metafile, join(apiDir, "api.mjs"));
    await build({
      ...COMMON,
      stdin: { contents: HONO_HELLO, resolveDir: repoRoot, loader: "ts", sourcefile: "hello.ts" },
      outfile: hello,
    });
    await build({
      ...COMMON,
      stdin: { contents: HONO_AWS_GETITEM, resolveDir: repoRoot, loader: "ts", sourcefile: "hono-aws.ts" },
      outfile: aws,
    });
    await writeFile(runner, RUNNER);
    const sizeOf = async (file: string) => (await stat(file)).size;
    const [helloBytes, awsBytes] = await Promise.all([sizeOf(hello), sizeOf(aws)]);

    const apiTimes: number[] = [];
    const helloTimes: number[] = [];
    const awsTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      apiTimes.push(await coldImport(runner, api, API_ENV));
      helloTimes.push(await coldImport(runner, hello, {}));
      awsTimes.push(await coldImport(runner, aws, API_ENV));
    }
    const [apiMs, helloMs, awsMs] = [median(apiTimes), median(helloTimes), median(awsTimes)];
    return [
      {
        group: "lambda",
        figure: "bundle size vs Hono + AWS SDK GetItem",
        ours: formatBytes(apiBytes),
        baseline: `${formatBytes(awsBytes)} Hono+S3+DynamoDB`,
        ratio: formatRatio(apiBytes, awsBytes),
        goal: "≤ 2",
      },
      {
        group: "lambda",
        figure: "cold module init vs Hono + AWS SDK GetItem",
        ours: `${apiMs.toFixed(0)} ms`,
        baseline: `${awsMs.toFixed(0)} ms Hono+S3+DynamoDB (median of ${RUNS})`,
        ratio: formatRatio(apiMs, awsMs),
        goal: "≤ 1.5",
      },
      {
        group: "lambda",
        figure: "bundle with lazily loaded chunks",
        ours: formatBytes(apiAllBytes),
        baseline: `${formatBytes(awsBytes)} Hono+S3+DynamoDB`,
        ratio: formatRatio(apiAllBytes, awsBytes),
      },
      {
        group: "lambda",
        figure: "bundle size (esbuild, minified, ESM)",
        ours: formatBytes(apiBytes),
        baseline: `${formatBytes(helloBytes)} Hono hello`,
        ratio: formatRatio(apiBytes, helloBytes),
      },
      {
        group: "lambda",
        figure: `cold module init (fresh node ${process.version}, median of ${RUNS})`,
        ours: `${apiMs.toFixed(0)} ms`,
        baseline: `${helloMs.toFixed(1)} ms Hono hello`,
        ratio: formatRatio(apiMs, helloMs),
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Bytes of the entry chunk and of every chunk it imports statically (what a cold start parses),
 * and of all output files (what is deployed). esbuild's metafile names each output's imports.
 */
function coldBytes(metafile: Metafile, entry: string): { loaded: number; total: number } {
  const outputs = new Map(Object.entries(metafile.outputs).map(([path, out]) => [resolve(path), out]));
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const imported of outputs.get(path)?.imports ?? []) {
      if (imported.kind === "import-statement" && !imported.external) visit(resolve(imported.path));
    }
  };
  visit(resolve(entry));
  const bytes = (paths: Iterable<string>) =>
    [...paths].reduce((n, path) => n + (path.endsWith(".map") ? 0 : (outputs.get(path)?.bytes ?? 0)), 0);
  return { loaded: bytes(seen), total: bytes(outputs.keys()) };
}

async function coldImport(runner: string, bundle: string, env: Record<string, string>): Promise<number> {
  return (await runFreshNode<{ ms: number }>(runner, [bundle], env)).ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString("en-US")} B (${(bytes / 1024 / 1024).toFixed(2)} MiB)`;
}
