/**
 * Replays a Lambda HTTP event (payload format 2.0) two ways: into the handler, as the Lambda
 * runtime does, and as the equivalent plain HTTP request to a running local server, so that the
 * two answers can be compared.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { APIGatewayProxyResult, LambdaContext, LambdaEvent } from "hono/aws-lambda";

export interface FixtureEvent {
  version: "2.0";
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: { http: { method: string; path: string }; [name: string]: unknown };
  body?: string;
  isBase64Encoded: boolean;
}

export interface Answer {
  status: number;
  /** Lowercase names. */
  headers: Record<string, string | undefined>;
  bytes: Uint8Array;
  /** As the handler returned it (Lambda only). */
  isBase64Encoded?: boolean;
  text(): string;
  json(): unknown;
}

type Handler = (event: LambdaEvent, context: LambdaContext) => Promise<APIGatewayProxyResult>;

/** A fixture event from fixtures/<name>.json, with `{key}` placeholders filled in. */
export async function fixture(name: string, values: Record<string, string> = {}): Promise<FixtureEvent> {
  let raw = await readFile(join(import.meta.dirname, "fixtures", `${name}.json`), "utf8");
  for (const [key, value] of Object.entries(values)) raw = raw.replaceAll(`{${key}}`, value);
  return JSON.parse(raw) as FixtureEvent;
}

/** What the Lambda runtime passes as the second argument (Node.js runtime, "Lambda context object"). */
export const lambdaContext: LambdaContext = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: "isnad-test-ApiFunction-a1b2c3d4",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:isnad-test-ApiFunction-a1b2c3d4",
  memoryLimitInMB: "1024",
  awsRequestId: "6f0b3c7e-2d1a-4b8e-9c3f-5a7d9e1b2c4f",
  logGroupName: "/aws/lambda/isnad-test-ApiFunction-a1b2c3d4",
  logStreamName: "2025/06/01/[$LATEST]0123456789abcdef0123456789abcdef",
  getRemainingTimeInMillis: () => 30_000,
};

export async function invokeLambda(handler: Handler, event: FixtureEvent): Promise<Answer> {
  const result = await handler(structuredClone(event) as unknown as LambdaEvent, lambdaContext);
  const headers = "headers" in result && result.headers ? result.headers : {};
  const bytes = result.isBase64Encoded
    ? new Uint8Array(Buffer.from(result.body, "base64"))
    : new TextEncoder().encode(result.body);
  return answer(
    result.statusCode,
    Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)])),
    bytes,
    result.isBase64Encoded,
  );
}

/** The request the event describes, sent over HTTP to `base` (hop-by-hop and AWS headers dropped). */
export async function fetchLocal(base: string, event: FixtureEvent): Promise<Answer> {
  const query = event.rawQueryString ? `?${event.rawQueryString}` : "";
  const headers = Object.fromEntries(
    Object.entries(event.headers).filter(
      ([name]) => !/^(host|content-length|x-forwarded-.*|x-amzn-.*)$/.test(name),
    ),
  );
  const body =
    event.body === undefined
      ? undefined
      : event.isBase64Encoded
        ? Buffer.from(event.body, "base64")
        : event.body;
  const res = await fetch(`${base}${event.rawPath}${query}`, {
    method: event.requestContext.http.method,
    headers,
    body,
    redirect: "manual",
  });
  const responseHeaders: Record<string, string> = {};
  res.headers.forEach((value, name) => (responseHeaders[name] = value));
  return answer(res.status, responseHeaders, new Uint8Array(await res.arrayBuffer()));
}

export async function replay(
  handler: Handler,
  event: FixtureEvent,
  base: string,
): Promise<{ lambda: Answer; local: Answer }> {
  const lambda = await invokeLambda(handler, event);
  const local = await fetchLocal(base, event);
  return { lambda, local };
}

/** Presigned-upload answers without what differs by nature: the upload id and the storage URL. */
export function normalizeUpload(json: unknown): unknown {
  const body = json as { uploadId?: string; upload?: { id?: string } };
  let text = JSON.stringify(json).replace(/"url":"[^"]*"/g, '"url":"<presigned url>"');
  for (const id of [body.uploadId, body.upload?.id]) if (id) text = text.replaceAll(id, "<upload id>");
  return JSON.parse(text);
}

function answer(
  status: number,
  headers: Record<string, string>,
  bytes: Uint8Array,
  isBase64Encoded?: boolean,
): Answer {
  return {
    status,
    headers,
    bytes,
    ...(isBase64Encoded === undefined ? {} : { isBase64Encoded }),
    text: () => new TextDecoder().decode(bytes),
    json: () => JSON.parse(new TextDecoder().decode(bytes)) as unknown,
  };
}

/**
 * JSON with what depends on the clock replaced: times, signatures over records that hold a time,
 * and receipts (whose hashes cover those records), of which the leaf index, tree size and the
 * checkpoint's origin remain.
 */
export function withoutClock(json: unknown): unknown {
  const replacer = (key: string, value: unknown): unknown => {
    if ((key === "receivedAt" || key === "expiresAt") && typeof value === "string") return "<time>";
    if (key === "signature" && isObject(value) && typeof value.value === "string") {
      return { ...value, value: "<signature>" };
    }
    if (key === "receipt" && isObject(value)) {
      const proof = isObject(value.inclusionProof) ? value.inclusionProof : {};
      // C2SP tlog-checkpoint: origin and tree size are the first two lines of the signed note.
      const checkpoint =
        typeof value.checkpoint === "string" ? value.checkpoint.split("\n").slice(0, 2) : null;
      return { leafIndex: value.leafIndex, treeSize: proof.treeSize, checkpoint };
    }
    return value;
  };
  return JSON.parse(JSON.stringify(json, replacer)) as unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
