/**
 * Where the time of one 4 KiB ingest goes (issue #15), not a bench row:
 *   npx tsx tests/bench/ingest-profile.ts [uploads=20] [size KiB=4] [concurrency=8]
 * On the local stack the bench uses (tests/bench/archive.ts), uploads one at a time and prints,
 * for the median one: every S3 and DynamoDB request it sent with its start and end (ms from the
 * upload's start), the longest chain of requests each sent after the previous one answered (the
 * serial round trips), how much of the upload no request was in flight for (our CPU, mostly),
 * and the requests per upload by command; then the same uploads `concurrency` at a time, as the
 * bench sends them: requests and CPU per upload there (group commit shares the log's requests). With INGEST_PROFILE_DIR set it writes a CPU profile of
 * the server's thread (ingest.cpuprofile, for Chrome DevTools) and prints its heaviest functions
 * by self time; the emulators run in threads of their own and are not in it.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalStack } from "@isnad/local";
import { runLoad } from "./load";
import { countRequests, formatCommands, traceRequests, type TracedRequest } from "./sdk-requests";

const uploads = Number(process.argv[2] ?? 20);
const size = Number(process.argv[3] ?? 4) * 1024;
const concurrency = Number(process.argv[4] ?? 8);
const dir = process.env.INGEST_PROFILE_DIR;

function document(salt: number): Uint8Array {
  const line = new TextEncoder().encode(`profile ${salt} — بيان رقم ${salt}\n`);
  return Uint8Array.from({ length: size }, (_, i) => line[i % line.length]!);
}

/** The longest chain of requests in which each was sent after the one before it answered. */
function serialDepth(requests: TracedRequest[]): number {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  sorted.forEach((r, i) => {
    let before = 0;
    for (let j = 0; j < i; j++) if (sorted[j]!.end <= r.start) before = Math.max(before, depth[j]!);
    depth.push(before + 1);
  });
  return Math.max(0, ...depth);
}

/** Milliseconds of [start, end) in which no request was in flight. */
function idleOfRequests(requests: TracedRequest[], start: number, end: number): number {
  let idle = 0;
  let cursor = start;
  for (const r of [...requests].sort((a, b) => a.start - b.start)) {
    if (r.start > cursor) idle += r.start - cursor;
    cursor = Math.max(cursor, r.end);
  }
  return idle + Math.max(0, end - cursor);
}

const dataDir = await mkdtemp(join(tmpdir(), "isnad-ingest-profile-"));
const stack = await startLocalStack({
  dataDir,
  port: 0,
  seedsDir: join(process.cwd(), "seeds"),
  rateLimits: false,
});
let salt = 0;
const upload = async () => {
  const res = await fetch(`${stack.url}/v1/statements`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "text/plain; charset=utf-8" },
    body: document(++salt) as Uint8Array<ArrayBuffer>,
  });
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
};
try {
  for (let i = 0; i < 5; i++) await upload();
  const session = new Session();
  session.connect();
  if (dir) await session.post("Profiler.enable").then(() => session.post("Profiler.start"));
  const runs: { ms: number; start: number; end: number; requests: TracedRequest[] }[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < uploads; i++) {
    let start = 0;
    let end = 0;
    const requests = await traceRequests(async () => {
      start = performance.now();
      await upload();
      end = performance.now();
    });
    runs.push({ ms: end - start, start, end, requests });
  }
  const cpu = process.cpuUsage(cpu0);
  const median = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`${uploads} uploads of ${size} B, one at a time; the median took ${median.ms.toFixed(1)} ms:`);
  for (const r of [...median.requests].sort((a, b) => a.start - b.start)) {
    const from = (r.start - median.start).toFixed(1).padStart(7);
    const to = (r.end - median.start).toFixed(1).padStart(7);
    out(`  ${from} → ${to} ms  ${r.service.padEnd(6)} ${r.name.padEnd(14)} ${r.about}`);
  }
  const mean = (f: (run: (typeof runs)[number]) => number) =>
    runs.reduce((n, r) => n + f(r), 0) / runs.length;
  out(`serial round trips (longest chain): ${mean((r) => serialDepth(r.requests)).toFixed(1)} mean`);
  out(
    `no request in flight: ${mean((r) => idleOfRequests(r.requests, r.start, r.end)).toFixed(1)} ms of ` +
      `${mean((r) => r.ms).toFixed(1)} ms mean`,
  );
  const byCommand = new Map<string, number>();
  for (const run of runs)
    for (const r of run.requests) byCommand.set(r.name, (byCommand.get(r.name) ?? 0) + 1);
  out(
    `requests per upload: ${[...byCommand]
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => `${name} ${(n / runs.length).toFixed(1)}`)
      .join(", ")}`,
  );
  out(
    `process CPU per upload (server, client, emulator threads): ${((cpu.user + cpu.system) / 1000 / uploads).toFixed(1)} ms`,
  );
  if (dir) {
    const { profile } = await session.post("Profiler.stop");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "ingest.cpuprofile"), JSON.stringify(profile));
    const self = new Map<string, number>();
    const dt = new Map<number, number>();
    profile.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
    for (const node of profile.nodes) {
      const f = node.callFrame;
      const where = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*node_modules\//, "")}:${f.lineNumber + 1}`;
      self.set(where, (self.get(where) ?? 0) + (dt.get(node.id) ?? 0) / 1000);
    }
    out(`heaviest functions by self time (ms per upload), profile in ${dir}/ingest.cpuprofile:`);
    for (const [where, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
      out(`  ${(ms / uploads).toFixed(2).padStart(6)}  ${where}`);
    }
  }
  session.disconnect();
  const cpu1 = process.cpuUsage();
  let rate = 0;
  const counted = await countRequests(uploads, async () => {
    rate = (await runLoad(uploads, concurrency, upload)).perSecond;
  });
  const cpuLoad = process.cpuUsage(cpu1);
  out(
    `${concurrency} at a time: ${rate.toFixed(1)} uploads/s, S3 ${counted.s3.toFixed(1)} / DynamoDB ` +
      `${counted.dynamo.toFixed(1)} requests per upload (${formatCommands(counted)}), process CPU ` +
      `${((cpuLoad.user + cpuLoad.system) / 1000 / uploads).toFixed(1)} ms per upload`,
  );
} finally {
  await stack.close();
  await rm(dataDir, { recursive: true, force: true });
}
