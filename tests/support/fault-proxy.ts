/**
 * A fault-injecting HTTP proxy for the real wire protocol between the app's AWS SDK clients and
 * the emulators (s3rver, dynalite): what a flaky network or a throttling AWS does, without
 * touching the SDK or our adapters. Each request is matched against the rules in order; the first
 * rule that matches (and whose probability fires, and whose count is not used up) decides:
 *
 * - "drop": the connection is destroyed before the request reaches the emulator (not persisted);
 * - "drop-after": the request is forwarded and executed, then the connection is destroyed before
 *   the answer reaches the client ("failed but persisted": the client cannot tell);
 * - "delay": the request is held for `delayMs`, then forwarded;
 * - "500" / "503": an error status with the service's own error body;
 * - "throttle": DynamoDB 400 ProvisionedThroughputExceededException (or ThrottlingException, per
 *   `throttleName`), or S3 503 SlowDown, as the services answer them.
 *
 * Operations are named as the services name them: DynamoDB by the X-Amz-Target header
 * (`DynamoDB_20120810.PutItem` → "PutItem"), S3 by method and path (`PUT /bucket/originals/…`).
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { randomBytes } from "node:crypto";

export type FaultAction = "drop" | "drop-after" | "delay" | "500" | "503" | "throttle";

export interface FaultRule {
  action: FaultAction;
  /** DynamoDB operations (e.g. "PutItem", "Query"); for S3: HTTP methods (e.g. "PUT", "GET"). */
  operations?: readonly string[];
  /** S3 only: the path (bucket and key) must match. */
  path?: RegExp;
  /** Chance that a matching request is hit (default 1). */
  probability?: number;
  /** Hit only the next `times` matching requests (default: no limit). */
  times?: number;
  delayMs?: number;
  throttleName?: "ProvisionedThroughputExceededException" | "ThrottlingException";
}

export interface FaultProxy {
  readonly endpoint: string;
  readonly kind: "s3" | "dynamodb";
  /** Replaces the rules (a copy is kept; `times` counts restart). */
  setRules(rules: readonly FaultRule[]): void;
  readonly stats: { requests: number; injected: Record<FaultAction, number> };
  close(): Promise<void>;
}

interface LiveRule extends FaultRule {
  left: number;
}

export async function startFaultProxy(
  upstream: string,
  kind: "s3" | "dynamodb",
  random: () => number = Math.random,
): Promise<FaultProxy> {
  const target = new URL(upstream);
  let rules: LiveRule[] = [];
  const stats = {
    requests: 0,
    injected: { drop: 0, "drop-after": 0, delay: 0, "500": 0, "503": 0, throttle: 0 } as Record<
      FaultAction,
      number
    >,
  };
  const sockets = new Set<Socket>();

  const operationOf = (req: IncomingMessage) =>
    kind === "dynamodb"
      ? (String(req.headers["x-amz-target"] ?? "")
          .split(".")
          .pop() ?? "")
      : (req.method ?? "");

  const pick = (req: IncomingMessage): LiveRule | undefined => {
    const operation = operationOf(req);
    for (const rule of rules) {
      if (rule.left <= 0) continue;
      if (rule.operations && !rule.operations.includes(operation)) continue;
      if (rule.path && !rule.path.test(req.url ?? "")) continue;
      if (random() >= (rule.probability ?? 1)) continue;
      rule.left--;
      return rule;
    }
    return undefined;
  };

  const forward = (
    req: IncomingMessage,
    body: Buffer,
    onResponse: (res: IncomingMessage, data: Buffer) => void,
    onError: () => void,
  ) => {
    const out = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => onResponse(res, Buffer.concat(chunks)));
        res.on("error", onError);
      },
    );
    out.on("error", onError);
    out.end(body);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    stats.requests++;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const rule = pick(req);
      if (rule) stats.injected[rule.action]++;
      const pass = () =>
        forward(
          req,
          body,
          (up, data) => {
            if (rule?.action === "drop-after") {
              req.socket.destroy();
              return;
            }
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(data);
          },
          () => req.socket.destroy(),
        );
      if (rule === undefined || rule.action === "drop-after") return pass();
      switch (rule.action) {
        case "drop":
          return req.socket.destroy();
        case "delay":
          return void setTimeout(pass, rule.delayMs ?? 200);
        default:
          return answerError(res, kind, rule.action, req.method === "HEAD", rule.throttleName);
      }
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    kind,
    setRules(next) {
      rules = next.map((r) => ({ ...r, left: r.times ?? Number.POSITIVE_INFINITY }));
    },
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The error each service really sends: DynamoDB's JSON `__type`, S3's XML <Error>. */
function answerError(
  res: ServerResponse,
  kind: "s3" | "dynamodb",
  action: "500" | "503" | "throttle",
  head: boolean,
  throttleName: FaultRule["throttleName"] = "ProvisionedThroughputExceededException",
): void {
  const requestId = randomBytes(8).toString("hex").toUpperCase();
  if (kind === "dynamodb") {
    const [status, type, message] =
      action === "throttle"
        ? throttleName === "ThrottlingException"
          ? [400, "com.amazon.coral.availability#ThrottlingException", "Rate exceeded"]
          : [
              400,
              "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
              "The level of configured provisioned throughput for the table was exceeded.",
            ]
        : action === "503"
          ? [503, "com.amazon.coral.availability#ServiceUnavailableException", "Service unavailable"]
          : [500, "com.amazonaws.dynamodb.v20120810#InternalServerError", "Internal server error"];
    res.writeHead(status, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": requestId });
    res.end(JSON.stringify({ __type: type, message }));
    return;
  }
  const [status, code, message] =
    action === "throttle"
      ? [503, "SlowDown", "Please reduce your request rate."]
      : action === "503"
        ? [503, "ServiceUnavailable", "Service is unable to handle request."]
        : [500, "InternalError", "We encountered an internal error. Please try again."];
  res.writeHead(status, { "content-type": "application/xml", "x-amz-request-id": requestId });
  res.end(
    head
      ? undefined
      : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`,
  );
}
