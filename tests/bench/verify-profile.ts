/**
 * Profiling aid for verify by hash (issue #15), not a bench row: on the local stack, a load of
 * GET /v1/verify?sha256= on the seed's hash and the same load on the bench's bare Hono + one
 * GetItem (archive.ts), each after a warm-up, with the process's CPU time per call of each (client,
 * server and emulators share the process, as in the bench) and, when VERIFY_PROFILE_DIR is set,
 * a CPU profile of each load (ours.cpuprofile, baseline.cpuprofile) for Chrome DevTools.
 *   VERIFY_PROFILE_DIR=/tmp/verify-prof npx tsx tests/bench/verify-profile.ts
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAwsClients, readEndpoints, startLocalStack } from "@isnad/local";
import { runLoad } from "./load";
import { threadCpu, threadCpuSince } from "./thread-cpu";
import { callers, seedSha256, startBareGetItem } from "./verify";

const calls = Number(process.env.VERIFY_PROFILE_CALLS ?? 2000);
const dir = process.env.VERIFY_PROFILE_DIR;
const dataDir = await mkdtemp(join(tmpdir(), "isnad-verify-profile-"));
const stack = await startLocalStack({
  dataDir,
  port: 0,
  seedsDir: join(process.cwd(), "seeds"),
  rateLimits: false,
});
const endpoints = (await readEndpoints(dataDir))!;
const { dynamo } = createAwsClients({
  s3Endpoint: endpoints.s3,
  dynamoEndpoint: endpoints.dynamodb,
  cacheMiddleware: true, // as the stack's own (verify.ts)
});
const hex = await seedSha256(stack);
const bare = await startBareGetItem(dynamo, endpoints.table);
const { verifyOnce, bareOnce } = await callers(stack.url, bare.url, hex);
const sides = { ours: verifyOnce, baseline: bareOnce };
for (const call of Object.values(sides)) await runLoad(1000, 16, call);
const session = new Session();
session.connect();
if (dir) await mkdir(dir, { recursive: true });
const cpu: Record<string, number> = {};
for (const [name, call] of Object.entries(sides)) {
  if (dir) await session.post("Profiler.enable").then(() => session.post("Profiler.start"));
  const before = process.cpuUsage();
  const threadsBefore = threadCpu();
  const result = await runLoad(calls, 16, call);
  const used = process.cpuUsage(before);
  const threads = threadCpuSince(threadsBefore);
  if (dir)
    await writeFile(
      join(dir, `${name}.cpuprofile`),
      JSON.stringify((await session.post("Profiler.stop")).profile),
    );
  cpu[name] = (used.user + used.system) / 1000 / calls;
  process.stderr.write(
    `${name}: ${result.perSecond.toFixed(1)}/s, p50 ${result.p50.toFixed(1)} ms, CPU ${cpu[name].toFixed(2)} ms a call` +
      ` (main thread ${(threads.main / calls).toFixed(2)}, other threads ${(threads.others / calls).toFixed(2)})\n`,
  );
}
process.stderr.write(`CPU a call, baseline ÷ ours: ${(cpu.baseline! / cpu.ours!).toFixed(2)}\n`);
session.disconnect();
bare.close();
dynamo.destroy();
await stack.close();
await rm(dataDir, { recursive: true, force: true });
