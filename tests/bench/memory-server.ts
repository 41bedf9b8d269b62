/**
 * The archive's server without its emulators, for the memory benchmark (memory.ts): the same
 * services, extractor and app as `npm start` (packages/local/src/local-stack.ts), wired to
 * s3rver and dynalite running in another process, so that this process's RSS is the server's
 * own. Reads the endpoints as JSON on argv[2]; prints one JSON line {url, apiKey}; runs until
 * its stdin closes.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp, jsonLogger } from "@isnad/api";
import { createServices, ensureBucket, ensureTable } from "@isnad/archive";
import { fingerprintText } from "@isnad/core";
import { documentExtractor } from "@isnad/extract";
import { createAwsClients } from "@isnad/local";

const { s3Endpoint, dynamoEndpoint } = JSON.parse(process.argv[2]!) as {
  s3Endpoint: string;
  dynamoEndpoint: string;
};
const name = "isnad-bench-memory";
const { s3, dynamo } = createAwsClients({ s3Endpoint, dynamoEndpoint });
await Promise.all([ensureBucket(s3, name), ensureTable(dynamo, name)]);
const services = createServices({
  s3,
  dynamo,
  bucket: name,
  table: name,
  signingSeed: new Uint8Array(randomBytes(32)),
  extractor: documentExtractor,
  fingerprint: fingerprintText,
  logOrigin: "isnad.bench/memory",
});
const publishers: string[] = [];
const keys: string[] = [];
for (let i = 0; i < 8; i++) {
  const id = `memory-${i}`;
  await services.publishers.create(id, `Press office ${i}`);
  publishers.push(id);
  keys.push((await services.publishers.issueKey(id)).apiKey);
}
const app = createApp({ ...services, logger: jsonLogger, rateLimits: false });
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise((resolve) => server.once("listening", resolve));
const { port } = server.address() as AddressInfo;
process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${port}`, keys }) + "\n");
// ISNAD_BENCH_MEMORY_TRACE=1: the process's memory each second on stderr (what holds the RSS).
if (process.env.ISNAD_BENCH_MEMORY_TRACE) {
  const mib = (n: number) => Math.round(n / 2 ** 20);
  setInterval(() => {
    const m = process.memoryUsage();
    process.stderr.write(
      `memory-server: rss ${mib(m.rss)} heap ${mib(m.heapUsed)}/${mib(m.heapTotal)} ` +
        `external ${mib(m.external)} arrayBuffers ${mib(m.arrayBuffers)} MiB\n`,
    );
  }, 1000).unref();
}
process.stdin.resume();
process.stdin.on("end", () => {
  server.close();
  s3.destroy();
  dynamo.destroy();
  process.exit(0);
});
