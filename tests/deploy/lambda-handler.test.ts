/**
 * Issue #6: the Lambda entry point (functions/api.ts) invoked in-process, as the Lambda runtime
 * would, with Function URL and API Gateway HTTP API (payload 2.0) events written after AWS's
 * documented examples (fixtures/), against the emulators, configured only through the
 * environment stacks/api.ts gives the function. Every answer is compared with the local server's
 * (`npm start`'s stack) for the same request: same status, headers and body.
 *
 * Both archives share the fixture's publisher, key, signing seed and log origin, so records,
 * ids, leaf indexes and verdicts come out identical; only what depends on the clock (receivedAt,
 * hence the record's signature and the receipt's hashes) is compared by shape.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { APIGatewayProxyResult, LambdaContext, LambdaEvent } from "hono/aws-lambda";
import { createServices, statementId } from "@isnad/archive";
import { fingerprintText, formatHex, parseHex, sha256 } from "@isnad/core";
import { documentExtractor } from "@isnad/extract";
import { startTestStorage, type TestStorage } from "../support/storage";
import { startTestStack, type TestStack } from "../support/local-stack";
import { generatedSha256, generatedStream } from "./generated-document";
import { putPresigned, type UploadTicket } from "./presigned-client";
import {
  FIXTURE_API_KEY,
  FIXTURE_LOG_ORIGIN,
  FIXTURE_PUBLISHER,
  FIXTURE_PUBLISHER_NAME,
  FIXTURE_RECEIPT_KEY,
  FIXTURE_SIGNING_SEED,
  LARGE_UPLOAD_BYTES,
  VERIFY_QUOTE,
} from "./fixtures/fixture-documents";
import {
  fetchLocal,
  fixture,
  invokeLambda,
  normalizeUpload,
  replay,
  type Answer,
  withoutClock,
  type FixtureEvent,
} from "./lambda-replay";

const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

let storage: TestStorage;
let local: TestStack;
let handler: (event: LambdaEvent, context: LambdaContext) => Promise<APIGatewayProxyResult>;
const savedEnv = { ...process.env };
let text: Uint8Array;
let pdf: Uint8Array;

beforeAll(async () => {
  storage = await startTestStorage();
  // What stacks/api.ts sets, plus what the Lambda runtime provides (region, role credentials)
  // and the emulators' endpoints, through the SDK's service-specific endpoint variables.
  Object.assign(process.env, {
    ISNAD_STAGE: "test",
    ISNAD_BUCKET: storage.bucket,
    ISNAD_TABLE: storage.table,
    ISNAD_LOG_ORIGIN: FIXTURE_LOG_ORIGIN,
    ISNAD_MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
    ISNAD_SIGNING_KEY_SEED: FIXTURE_SIGNING_SEED,
    ISNAD_RECEIPT_KEY: FIXTURE_RECEIPT_KEY,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "isnad",
    AWS_SECRET_ACCESS_KEY: "isnad",
    AWS_ENDPOINT_URL_S3: storage.s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: storage.dynamoEndpoint,
    ISNAD_S3_FORCE_PATH_STYLE: "true",
    // s3rver understands none of the CRC32 checksum headers and trailers the SDK adds by default.
    AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
    AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  });
  // As an operator would (isnad publisher create): through the archive's services, which also
  // journal the change into the log, exactly as the local server does for its seed publisher.
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
  ({ handler } = (await import("../../functions/api")) as unknown as { handler: typeof handler });

  // The local server with the same publisher, key, signing seed, origin and upload limit.
  const seedsDir = await mkdtemp(join(tmpdir(), "isnad-seeds-"));
  const manifest = { publisher: { id: FIXTURE_PUBLISHER, name: FIXTURE_PUBLISHER_NAME }, statements: [] };
  await writeFile(join(seedsDir, "manifest.json"), JSON.stringify(manifest));
  const dataDir = await mkdtemp(join(tmpdir(), "isnad-local-"));
  await writeFile(join(dataDir, "signing-key.hex"), FIXTURE_SIGNING_SEED + "\n", { mode: 0o600 });
  local = await startTestStack({
    dataDir,
    seedsDir,
    apiKey: FIXTURE_API_KEY,
    logOrigin: FIXTURE_LOG_ORIGIN,
    maxUploadBytes: MAX_UPLOAD_BYTES,
  });

  text = new Uint8Array(await readFile(join(import.meta.dirname, "fixtures", "bayan.ar.txt")));
  pdf = new Uint8Array(await readFile(join(import.meta.dirname, "fixtures", "bayan.pdf")));
}, 120_000);

afterAll(async () => {
  process.env = savedEnv;
  await local?.close();
  await storage?.close();
});

const textId = () => statementId(FIXTURE_PUBLISHER, formatHex(sha256(text)));
const pdfId = () => statementId(FIXTURE_PUBLISHER, formatHex(sha256(pdf)));

/** Invokes the handler with `event` and sends the same request to the local server. */
async function both(event: FixtureEvent): Promise<{ lambda: Answer; local: Answer }> {
  return replay(handler, event, local.url);
}

/** The same status, the headers clients act on, and the same body. */
function expectSameAnswer(lambda: Answer, localAnswer: Answer, normalize = (json: unknown) => json): void {
  const same = (json: unknown) => normalize(withoutClock(json));
  expect(lambda.status).toBe(localAnswer.status);
  for (const name of [
    "content-type",
    "location",
    "etag",
    "repr-digest",
    "cache-control",
    "content-disposition",
    "content-security-policy",
    "x-content-type-options",
    "www-authenticate",
  ]) {
    expect({ [name]: lambda.headers[name] }).toEqual({ [name]: localAnswer.headers[name] });
  }
  if (/json/.test(lambda.headers["content-type"] ?? "")) {
    expect(same(lambda.json())).toEqual(same(localAnswer.json()));
  } else {
    expect(lambda.bytes).toEqual(localAnswer.bytes);
  }
}

describe("uploads through the Lambda handler", () => {
  it("Function URL: a multipart upload (base64 body) archives the statement", async () => {
    const event = await fixture("function-url/post-statement-multipart");
    expect(event.isBase64Encoded).toBe(true);
    const { lambda, local: localAnswer } = await both(event);
    expect(lambda.status, lambda.text()).toBe(201);
    expect(lambda.headers.location).toBe(`/v1/statements/${textId()}`);
    expect(lambda.json()).toMatchObject({
      id: textId(),
      record: {
        publisher: FIXTURE_PUBLISHER,
        title: "بلدية المدينة تعلن جدول توزيع المياه",
        language: "ar",
        original: { sha256: formatHex(sha256(text)), size: text.length, filename: "bayan.ar.txt" },
        text: { status: "ok" },
      },
      // After the publisher's creation and its key's issue (entries 0 and 1 of the log).
      receipt: { leafIndex: 2 },
    });
    expectSameAnswer(lambda, localAnswer);
  });

  it("API Gateway v2: a raw PDF body with fields in the query archives the statement", async () => {
    const { lambda, local: localAnswer } = await both(await fixture("apigw-v2/post-statement-raw"));
    expect(lambda.status, lambda.text()).toBe(201);
    expect(lambda.json()).toMatchObject({
      id: pdfId(),
      record: {
        title: "بيان حول خروقات وقف إطلاق النار",
        original: { sha256: formatHex(sha256(pdf)), mediaType: "application/pdf", filename: "bayan.pdf" },
        text: { status: "ok" },
      },
      receipt: { leafIndex: 3 },
    });
    expectSameAnswer(lambda, localAnswer);
  });

  it("refuses a body over the function's upload limit, pointing at presigned uploads", async () => {
    const event = await fixture("apigw-v2/post-statement-raw");
    const body = new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x25);
    Object.assign(event, { body: Buffer.from(body).toString("base64") });
    Object.assign(event.headers, { "content-length": String(body.length) });
    const { lambda, local: localAnswer } = await both(event);
    expect(lambda.status).toBe(413);
    expect(lambda.json()).toMatchObject({ type: "urn:isnad:problem:too-large" });
    expect((lambda.json() as { detail: string }).detail).toContain("POST /v1/uploads");
    expectSameAnswer(lambda, localAnswer);
  });
});

describe("reads through the Lambda handler", () => {
  it("Function URL: the provenance record as JSON", async () => {
    const { lambda, local: localAnswer } = await both(await fixture("function-url/get-statement"));
    expect(lambda.status).toBe(200);
    expect(lambda.isBase64Encoded).toBe(false);
    expect(lambda.json()).toMatchObject({
      id: textId(),
      links: { original: `/v1/statements/${textId()}/original` },
    });
    expectSameAnswer(lambda, localAnswer);
  });

  it("Function URL: a text original comes back as text, byte for byte", async () => {
    const { lambda, local: localAnswer } = await both(await fixture("function-url/get-original-text"));
    expect(lambda.status).toBe(200);
    expect(lambda.isBase64Encoded).toBe(false);
    expect(lambda.bytes).toEqual(text);
    expectSameAnswer(lambda, localAnswer);
  });

  it("API Gateway v2: a PDF original comes back base64-encoded and decodes to the exact bytes", async () => {
    const { lambda, local: localAnswer } = await both(await fixture("apigw-v2/get-original-pdf"));
    expect(lambda.status).toBe(200);
    expect(lambda.isBase64Encoded).toBe(true);
    expect(lambda.bytes).toEqual(pdf);
    expect(lambda.headers["repr-digest"]).toBe(`sha-256=:${Buffer.from(sha256(pdf)).toString("base64")}:`);
    expect(lambda.headers["content-type"]).toBe("application/pdf");
    expectSameAnswer(lambda, localAnswer);
  });
});

describe("verification through the Lambda handler", () => {
  it("Function URL: by SHA-256 (JSON body)", async () => {
    const { lambda, local: localAnswer } = await both(await fixture("function-url/post-verify-sha256"));
    expect(lambda.status).toBe(200);
    expect(lambda.json()).toMatchObject({ verdict: "authentic", matches: [{ statement: pdfId() }] });
    expectSameAnswer(lambda, localAnswer);
  });

  it("Function URL: by file (multipart, base64 body)", async () => {
    const { lambda, local: localAnswer } = await both(await fixture("function-url/post-verify-file"));
    expect(lambda.status).toBe(200);
    expect(lambda.json()).toMatchObject({ verdict: "authentic", matches: [{ statement: textId() }] });
    expectSameAnswer(lambda, localAnswer);
  });

  it("API Gateway v2: by quoted text (query string)", async () => {
    const { lambda, local: localAnswer } = await both(await fixture("apigw-v2/get-verify-text"));
    expect(lambda.status).toBe(200);
    expect(lambda.json()).toMatchObject({
      query: { text: VERIFY_QUOTE },
      matches: [{ statement: textId(), verdict: "verbatim" }],
    });
    expectSameAnswer(lambda, localAnswer);
  });
});

describe("a presigned upload through the Lambda handler", () => {
  let lambdaTicket: UploadTicket;
  let localTicket: UploadTicket;

  it("Function URL: hands out a PUT to the bucket's endpoint with the checksum signed", async () => {
    const { lambda, local: localAnswer } = await both(await fixture("function-url/post-upload"));
    expect(lambda.status, lambda.text()).toBe(201);
    lambdaTicket = lambda.json() as UploadTicket;
    localTicket = localAnswer.json() as UploadTicket;
    // AWS_ENDPOINT_URL_S3 reached the SDK: the URL points at the emulator, path-style.
    expect(lambdaTicket.url.startsWith(`${storage.s3Endpoint}/${storage.bucket}/uploads/`)).toBe(true);
    expect(new URL(lambdaTicket.url).searchParams.get("X-Amz-SignedHeaders")).toContain(
      "x-amz-checksum-sha256",
    );
    expectSameAnswer(lambda, localAnswer, normalizeUpload);
  });

  it("API Gateway v2: completes it, and the large original is then served by redirect", async () => {
    const sha = await generatedSha256({ size: LARGE_UPLOAD_BYTES });
    for (const ticket of [lambdaTicket, localTicket]) {
      const put = await putPresigned(
        ticket,
        generatedStream({ size: LARGE_UPLOAD_BYTES }),
        LARGE_UPLOAD_BYTES,
      );
      expect(put.status).toBe(200);
    }
    const lambda = await invokeLambda(
      handler,
      await fixture("apigw-v2/post-upload-complete", { uploadId: lambdaTicket.uploadId }),
    );
    const localAnswer = await fetchLocal(
      local.url,
      await fixture("apigw-v2/post-upload-complete", { uploadId: localTicket.uploadId }),
    );
    expect(lambda.status, lambda.text()).toBe(201);
    const id = statementId(FIXTURE_PUBLISHER, sha);
    expect(lambda.json()).toMatchObject({
      id,
      record: { original: { sha256: sha, size: LARGE_UPLOAD_BYTES } },
      upload: { id: lambdaTicket.uploadId, state: "completed" },
    });
    expectSameAnswer(lambda, localAnswer, normalizeUpload);

    const get = await fixture("function-url/get-original-text");
    const path = `/v1/statements/${id}/original`;
    Object.assign(get, { rawPath: path });
    Object.assign(get.requestContext.http, { path });
    const { lambda: redirect, local: localRedirect } = await both(get);
    expect(redirect.status).toBe(302);
    expect(redirect.headers["cache-control"]).toBe("no-store");
    expect(localRedirect.status).toBe(302);
    const bytes = await fetch(redirect.headers.location!);
    expect(formatHex(sha256(new Uint8Array(await bytes.arrayBuffer())))).toBe(sha);
  });
});
