/**
 * Issue #13: the Lambda handler as deployed — functions/api.ts bundled by esbuild the way SST
 * bundles it (to functions/api.mjs), and the extraction worker built by build-worker.ts and copied
 * beside it (LAMBDA_TASK_ROOT/extract-worker.mjs, as stacks/api.ts copies it) — run in a fresh
 * `node` with nothing else: no tsx, no sources. A PDF and a DOCX upload must come back with their
 * text extracted in the worker, and a Flate bomb with its text "failed" and the reason signed.
 * The bundle itself must not contain pdf.js or mammoth (they load only in the worker).
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "esbuild";
import { createServices } from "@isnad/archive";
import { fingerprintText, parseHex } from "@isnad/core";
import { documentExtractor } from "@isnad/extract";
import { WORKER_BUILD, buildExtractWorker } from "../../packages/extract/src/build-worker";
import { makeDocx } from "../../packages/extract/src/testing/make-docx";
import { makeFlateBombPdf } from "../../packages/extract/src/testing/make-hostile";
import { makeLatinPdf } from "../../packages/extract/src/testing/make-pdf";
import { startTestStorage, type TestStorage } from "../support/storage";
import {
  FIXTURE_API_KEY,
  FIXTURE_LOG_ORIGIN,
  FIXTURE_PUBLISHER,
  FIXTURE_PUBLISHER_NAME,
  FIXTURE_RECEIPT_KEY,
  FIXTURE_SIGNING_SEED,
} from "./fixtures/fixture-documents";

const repoRoot = resolve(import.meta.dirname, "../..");

/** Imports the bundle, invokes its handler once per event file, prints the answers as JSON lines. */
const RUNNER = `
const { handler } = await import(process.argv[2]);
const context = { awsRequestId: "bundle-test", getRemainingTimeInMillis: () => 30000 };
for (const file of process.argv.slice(3)) {
  const event = JSON.parse(await (await import("node:fs/promises")).readFile(file, "utf8"));
  const result = await handler(event, context);
  process.stdout.write(JSON.stringify({ statusCode: result.statusCode, body: result.body }) + "\\n");
}
process.exit(0);
`;

let storage: TestStorage;
let dir: string;
let bundleMeta: { inputs: Record<string, unknown> };

beforeAll(async () => {
  storage = await startTestStorage();
  const { publishers } = createServices({
    s3: storage.s3,
    dynamo: storage.dynamo,
    bucket: storage.bucket,
    table: storage.table,
    signingSeed: parseHex(FIXTURE_SIGNING_SEED, 32),
    logOrigin: FIXTURE_LOG_ORIGIN,
    extractor: documentExtractor,
    fingerprint: fingerprintText,
  });
  await publishers.create(FIXTURE_PUBLISHER, FIXTURE_PUBLISHER_NAME);
  await publishers.registerKey(FIXTURE_PUBLISHER, FIXTURE_API_KEY);

  // The deployment's layout: the handler where SST puts it, the worker where copyFiles puts it.
  dir = await mkdtemp(join(tmpdir(), "isnad-lambda-"));
  await mkdir(join(dir, "functions"));
  const result = await build({
    ...WORKER_BUILD,
    entryPoints: [join(repoRoot, "functions/api.ts")],
    outfile: join(dir, "functions/api.mjs"),
    metafile: true,
  });
  if (!result.metafile) throw new Error("esbuild gave no metafile");
  bundleMeta = result.metafile;
  await buildExtractWorker(join(dir, "extract-worker.mjs"));
  await writeFile(join(dir, "runner.mjs"), RUNNER);
}, 180_000);

afterAll(async () => {
  await storage?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A raw-body upload as API Gateway / a function URL delivers it (payload format 2.0, base64). */
function uploadEvent(bytes: Uint8Array, mediaType: string, filename: string) {
  const query = `filename=${encodeURIComponent(filename)}`;
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: "/v1/statements",
    rawQueryString: query,
    queryStringParameters: { filename },
    headers: {
      authorization: `Bearer ${FIXTURE_API_KEY}`,
      "content-type": mediaType,
      "content-length": String(bytes.length),
      host: "abc.lambda-url.eu-west-1.on.aws",
      "x-forwarded-for": "203.0.113.7",
      "x-forwarded-proto": "https",
    },
    requestContext: {
      http: { method: "POST", path: "/v1/statements", protocol: "HTTP/1.1", sourceIp: "203.0.113.7" },
      requestId: "bundle-test",
      timeEpoch: Date.now(),
    },
    body: Buffer.from(bytes).toString("base64"),
    isBase64Encoded: true,
  };
}

function runBundle(events: string[]): Promise<{ statusCode: number; body: string }[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [join(dir, "runner.mjs"), join(dir, "functions/api.mjs"), ...events],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? "",
          // What stacks/api.ts sets, and what the Lambda runtime provides.
          LAMBDA_TASK_ROOT: dir,
          AWS_LAMBDA_FUNCTION_NAME: "isnad-test-Api",
          ISNAD_STAGE: "test",
          ISNAD_BUCKET: storage.bucket,
          ISNAD_TABLE: storage.table,
          ISNAD_LOG_ORIGIN: FIXTURE_LOG_ORIGIN,
          ISNAD_MAX_UPLOAD_BYTES: String(4 * 1024 * 1024),
          ISNAD_SIGNING_KEY_SEED: FIXTURE_SIGNING_SEED,
          ISNAD_RECEIPT_KEY: FIXTURE_RECEIPT_KEY,
          AWS_REGION: "us-east-1",
          AWS_ACCESS_KEY_ID: "isnad",
          AWS_SECRET_ACCESS_KEY: "isnad",
          AWS_ENDPOINT_URL_S3: storage.s3Endpoint,
          AWS_ENDPOINT_URL_DYNAMODB: storage.dynamoEndpoint,
          ISNAD_S3_FORCE_PATH_STYLE: "true",
          AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
          AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`the bundle exited with ${code}: ${err}`));
      resolvePromise(
        out
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as { statusCode: number; body: string }),
      );
    });
  });
}

interface UploadAnswer {
  record: { original: { mediaType: string }; text: { status: string; length: number; reason?: string } };
}

describe("the bundled Lambda handler and its extraction worker", () => {
  it("leaves pdf.js and mammoth out of the handler's bundle", () => {
    const inputs = Object.keys(bundleMeta.inputs);
    expect(inputs.filter((i) => /pdfjs-dist|mammoth/.test(i))).toEqual([]);
    expect(inputs.some((i) => i.includes("worker-pool"))).toBe(true);
  });

  it("extracts in the worker beside it, and records a bomb's refusal", async () => {
    const uploads = [
      {
        bytes: await makeLatinPdf(["The bundled worker read this PDF."]),
        type: "application/pdf",
        name: "a.pdf",
      },
      {
        bytes: makeDocx({ paragraphs: ["بيان صحفي من المكتب"] }),
        type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        name: "b.docx",
      },
      { bytes: makeFlateBombPdf(300), type: "application/pdf", name: "bomb.pdf" },
    ];
    const files = await Promise.all(
      uploads.map(async (u, i) => {
        const file = join(dir, `event-${i}.json`);
        await writeFile(file, JSON.stringify(uploadEvent(u.bytes, u.type, u.name)));
        return file;
      }),
    );
    const answers = await runBundle(files);
    const bodies = answers.map((a) => JSON.parse(a.body) as UploadAnswer);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(bodies[0]!.record.text).toMatchObject({
      status: "ok",
      length: "The bundled worker read this PDF.".length,
    });
    expect(bodies[1]!.record.text).toMatchObject({ status: "ok", length: "بيان صحفي من المكتب".length });
    expect(bodies[2]!.record).toMatchObject({
      original: { mediaType: "application/pdf" },
      text: { status: "failed", reason: "too large to extract: more than 64 MiB when decompressed" },
    });
  }, 120_000);
});
