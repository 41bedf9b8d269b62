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
let installed = false;

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

export function formatRequests(count: RequestCount): string {
  return `${count.s3.toFixed(1)} / ${count.dynamo.toFixed(1)}`;
}

export function formatCommands(count: RequestCount): string {
  return count.byCommand.map(([name, n]) => `${name} ${Number(n.toFixed(1))}`).join(", ");
}
