/**
 * `npm start`: the archive on this machine. PORT (default 8787), ISNAD_DATA_DIR (default
 * .isnad/), ISNAD_API_KEY (the seed publisher's key; generated and kept in the data dir if unset),
 * ISNAD_RATE_LIMIT_WRITES / ISNAD_RATE_LIMIT_READS (`<per second>:<burst>` or "off").
 */
import { resolve } from "node:path";
import { rateLimitsFromEnv } from "@isnad/api";
import { startLocalStack } from "./local-stack";
import { isLocalStackError } from "./local-stack-error";

const port = Number(process.env.PORT || 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`isnad: PORT=${process.env.PORT} is not a port number (0–65535); e.g. PORT=8787 npm start`);
  process.exit(1);
}
const dataDir = resolve(process.env.ISNAD_DATA_DIR ?? ".isnad");

console.log(`isnad: starting (data in ${dataDir})…`);
const stack = await startLocalStack({
  dataDir,
  port,
  ...(process.env.ISNAD_API_KEY ? { apiKey: process.env.ISNAD_API_KEY } : {}),
  rateLimits: rateLimitsFromEnv(process.env),
}).catch((e: unknown) => {
  // A busy port or a data dir in use: one line that says what to change, no stack trace.
  if (!isLocalStackError(e)) throw e;
  console.error(`isnad: ${e.message}`);
  process.exit(1);
});
const created = stack.seeded.filter((s) => s.created).length;
console.log(
  `isnad: archived ${created} new seed statement(s), ${stack.seeded.length - created} already there`,
);
console.log(`
  isnad is running at ${stack.url}

  publisher:    ${stack.publisher}
  API key:      ${process.env.ISNAD_API_KEY ? "(from ISNAD_API_KEY)" : stack.apiKey}

  try:  curl -H "Authorization: Bearer $KEY" -F file=@seeds/etilaf-daraa-ceasefire-violations.ar.txt ${stack.url}/v1/statements
        ${stack.url}/s/${stack.seeded[0]?.id ?? "<id>"}

  Ctrl-C stops.
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("\nisnad: stopping…");
    stack.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error("isnad: error while stopping", e);
        process.exit(1);
      },
    );
  });
}
