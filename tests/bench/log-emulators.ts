/**
 * s3rver and dynalite in a process of their own, for the log benchmark: as remote services, they
 * must not share an event loop with the appenders they serve. Prints one JSON line with the
 * endpoints, then runs until its stdin closes.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDynalite, startS3Emulator } from "@isnad/local";

const dir = await mkdtemp(join(tmpdir(), "isnad-bench-log-"));
// ISNAD_BENCH_DYNALITE_ON_DISK=1 (bench quote, millions of items): dynalite's tables in a LevelDB
// under the directory, which loads them about twice as fast as memory-level's growing tree.
const onDisk = process.env.ISNAD_BENCH_DYNALITE_ON_DISK === "1";
const [s3, dynamo] = await Promise.all([
  startS3Emulator({ dir }),
  startDynalite(onDisk ? { dir: join(dir, "dynalite") } : {}),
]);
process.stdout.write(JSON.stringify({ s3Endpoint: s3.endpoint, dynamoEndpoint: dynamo.endpoint }) + "\n");
process.stdin.resume();
process.stdin.on("end", () => {
  void Promise.all([s3.close(), dynamo.close()])
    .then(() => rm(dir, { recursive: true, force: true }))
    .then(() => process.exit(0));
});
