/**
 * The Lambda entry point (stacks/api.ts): real SDK clients, created once per container, wired
 * into the same app that `npm start` serves. Nothing else belongs here.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { handle } from "hono/aws-lambda";
import { createApp, forwardedClientAddress, jsonLogger, rateLimitsFromEnv } from "@isnad/api";
import { createServices, logAnchorsFromEnv, serviceSettingsFromEnv } from "@isnad/archive";
import { fingerprintText } from "@isnad/core";
import { receiptKeyFromEnv } from "@isnad/cose";
import { createDocumentExtractor, ocrReaderFromEnv } from "@isnad/extract";
import { CLIENT_ENTRIES, createClientAssets, type ClientAssets } from "@isnad/web";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const settings = serviceSettingsFromEnv(process.env);
// Witnesses to cosign each checkpoint, their policy, RFC 3161 TSAs (ISNAD_WITNESSES, …; issue #16).
const anchors = logAnchorsFromEnv(process.env);
// The ES256 key of COSE receipts (RFC 9942) and /.well-known/scitt-keys.
const receiptKey = await receiptKeyFromEnv(process.env);
// The pages' scripts and the single-file CLI, prebuilt by `npm run build:web` and copied beside
// the handler at deploy (stacks/api.ts); without them (tests, `sst dev`) they are bundled on first
// request. Read when a request first needs one, not at cold start (issue #15).
const assetsDir = join(process.env.LAMBDA_TASK_ROOT ?? dirname(fileURLToPath(import.meta.url)), "assets");
let prebuiltAssets: ClientAssets | undefined;
const clientAssets: ClientAssets = {
  get: (name) =>
    (prebuiltAssets ??= createClientAssets(
      Object.fromEntries(
        Object.keys(CLIENT_ENTRIES)
          .filter((n) => existsSync(join(assetsDir, n)))
          .map((n) => [n, readFileSync(join(assetsDir, n), "utf8")]),
      ),
    )).get(name),
};
// Text extraction runs in a worker thread whose code, extract-worker.mjs, is built by
// packages/extract/src/build-worker.ts and copied beside the handler at deploy (stacks/api.ts);
// from source (tests, `sst dev`) the worker runs extract-worker.ts.
// One worker starts loading pdf.js and mammoth at cold start, on its own thread (the pool's
// default prestart): started by the first document instead, it made that PDF ~2 s slower than
// the next (issue #15's goal is ≤ 0.5 s), for ~10 % of cold init.
// OCR (issue #18): the tesseract binary and its traineddata from a Lambda layer, named by
// ISNAD_TESSERACT (and TESSDATA_PREFIX); unset, verify answers a screenshot 415 and images are
// archived unread. One reader for ingest and verify, so both share one limit of tesseract children.
const imageReader = ocrReaderFromEnv(process.env) || undefined;
const extractor = createDocumentExtractor({
  ocr: imageReader ?? false,
  ...(process.env.LAMBDA_TASK_ROOT
    ? { workerFile: pathToFileURL(join(process.env.LAMBDA_TASK_ROOT, "extract-worker.mjs")) }
    : {}),
});
const services = createServices({
  s3: new S3Client({ forcePathStyle: process.env.ISNAD_S3_FORCE_PATH_STYLE === "true" }),
  dynamo: new DynamoDBClient({}),
  bucket: settings.bucket,
  table: settings.table,
  signingSeed: settings.signingSeed,
  logOrigin: settings.logOrigin,
  extractor,
  fingerprint: fingerprintText,
  logWriter: anchors.logWriter,
  ...(imageReader ? { imageReader } : {}),
  ...(settings.maxUploadBytes ? { limits: { maxUploadBytes: settings.maxUploadBytes } } : {}),
});
export const handler = handle(
  createApp({
    ...services,
    receiptKey,
    ...(anchors.witnessPolicy ? { witnessPolicy: anchors.witnessPolicy } : {}),
    // Pinned RFC 3161 TSA roots (PEM) for the provenance page's "existed no later than …".
    ...(process.env.ISNAD_TSA_ROOTS ? { tsaRoots: [process.env.ISNAD_TSA_ROOTS] } : {}),
    logger: jsonLogger,
    clientAssets,
    // Per container (see packages/api/src/rate-limit.ts); the client is CloudFront's viewer.
    rateLimits: { ...rateLimitsFromEnv(process.env), clientAddress: forwardedClientAddress },
  }),
);
