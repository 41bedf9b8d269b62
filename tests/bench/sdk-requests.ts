/**
 * Counts the S3 and DynamoDB requests this process sends through the AWS SDK while a window is
 * open (issue #15's cost table: requests per operation). It wraps the clients' `send`, so every
 * client counts, the local stack's included; one `send` is one request at the port level (SDK
 * retries of a throttled call are not counted again).
 */
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";

export interface RequestCount {
  s3: number;
  dynamo: number;
  /** Per command name without "Command", most frequent first (e.g. "PutItem 11"). */
  byCommand: [string, number][];
}

let counting: Map<string, { service: "s3" | "dynamo"; count: number }> | undefined;
let tracing: TracedRequest[] | undefined;
let installed = false;

/** One request as `traceRequests` saw it: its command, and when it was sent and answered (ms). */
export interface TracedRequest {
  name: string;
  service: "s3" | "dynamo";
  start: number;
  end: number;
  /** What it asked for, in brief: the S3 key, or the DynamoDB keys' partitions. */
  about: string;
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const [Client, service] of [
    [S3Client, "s3"],
    [DynamoDBClient, "dynamo"],
  ] as const) {
    const send = Client.prototype.send as (...args: unknown[]) => unknown;
    Client.prototype.send = function (this: unknown, ...args: unknown[]) {
      if (counting) {
        const name = (args[0] as object).constructor.name.replace(/Command$/, "");
        const known = counting.get(name) ?? { service, count: 0 };
        known.count++;
        counting.set(name, known);
      }
      if (tracing) {
        const traced: TracedRequest = {
          name: (args[0] as object).constructor.name.replace(/Command$/, ""),
          service,
          start: performance.now(),
          end: Number.NaN,
          about: about((args[0] as { input?: unknown }).input),
        };
        tracing.push(traced);
        const sent = send.apply(this, args) as Promise<unknown>;
        void sent.then(
          () => (traced.end = performance.now()),
          () => (traced.end = performance.now()),
        );
        return sent;
      }
      return send.apply(this, args);
    } as typeof Client.prototype.send;
  }
}

/** Runs `work` with counting on; returns the requests per `operations`. */
export async function countRequests(operations: number, work: () => Promise<void>): Promise<RequestCount> {
  install();
  counting = new Map();
  const seen = counting;
  try {
    await work();
  } finally {
    counting = undefined;
  }
  const per = (service: "s3" | "dynamo") =>
    [...seen.values()].filter((c) => c.service === service).reduce((n, c) => n + c.count, 0) / operations;
  return {
    s3: per("s3"),
    dynamo: per("dynamo"),
    byCommand: [...seen]
      .map(([name, c]): [string, number] => [name, c.count / operations])
      .sort((a, b) => b[1] - a[1]),
  };
}

/** The S3 key, or the partition keys (`pk`) a DynamoDB request names, whatever its shape. */
function about(input: unknown): string {
  const found: string[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > 6 || v === null || typeof v !== "object" || found.length > 4) return;
    const o = v as Record<string, unknown>;
    if (typeof o.Key === "string") found.push(o.Key);
    const pk = o.pk as { S?: unknown } | undefined;
    if (pk && typeof pk.S === "string") found.push(pk.S);
    if (typeof o[":pk"] === "object") walk({ pk: o[":pk"] }, depth + 1);
    for (const [k, child] of Object.entries(o)) if (k !== "Body") walk(child, depth + 1);
  };
  walk(input, 0);
  return [...new Set(found)].join(" ").slice(0, 90);
}

/** Runs `work` and returns every request it sent, in the order sent, with its times. */
export async function traceRequests(work: () => Promise<void>): Promise<TracedRequest[]> {
  install();
  const seen: TracedRequest[] = [];
  tracing = seen;
  try {
    await work();
  } finally {
    tracing = undefined;
  }
  return seen;
}

export function formatRequests(count: RequestCount): string {
  return `${count.s3.toFixed(1)} / ${count.dynamo.toFixed(1)}`;
}

export function formatCommands(count: RequestCount): string {
  return count.byCommand.map(([name, n]) => `${name} ${Number(n.toFixed(1))}`).join(", ");
}
