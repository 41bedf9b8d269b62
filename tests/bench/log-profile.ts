/**
 * Where the time of a group-commit run goes (issue #15): `npx tsx tests/bench/log-profile.ts
 * [writers=64] [appends per writer=6]`. The same closed loop as `npm run bench -- log` (one
 * LogWriter with SDK clients of its own per writer, emulators in a child process), plus:
 * requests per append by command, the integrator's batches on a timeline (size, duration, the
 * idle gap before each, lease handovers), how long appenders wait before their leaf index and
 * for their receipt, and the CPU each process used (is the emulators' process the ceiling?).
 */
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { formatHex, generateEd25519Seed } from "@isnad/core";
import {
  DynamoDbItemStore,
  S3ObjectStore,
  createLogService,
  ensureBucket,
  ensureTable,
  systemClock,
} from "@isnad/archive";
import { createAwsClients } from "@isnad/local";
import { closedLoop, startEmulators } from "./log";
import { countRequests } from "./sdk-requests";

const writers = Number(process.argv[2] ?? 64);
const perWriter = Number(process.argv[3] ?? 6);

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const summary = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.reduce((n, v) => n + v, 0) / Math.max(1, s.length);
  return `mean ${mean.toFixed(0)} · p50 ${quantile(s, 0.5).toFixed(0)} · p99 ${quantile(s, 0.99).toFixed(0)} · max ${(s.at(-1) ?? 0).toFixed(0)}`;
};

const storage = await startEmulators();
try {
  const endpoints = { s3Endpoint: storage.s3Endpoint, dynamoEndpoint: storage.dynamoEndpoint };
  const setup = createAwsClients(endpoints);
  const name = `isnad-profile-log-${formatHex(randomBytes(4))}`;
  await Promise.all([ensureBucket(setup.s3, name), ensureTable(setup.dynamo, name)]);
  const seed = generateEd25519Seed();
  const batches: { holder: number; start: number; end: number; kind: string; count: number }[] = [];
  const services = Array.from({ length: writers }, (_, w) => {
    const own = createAwsClients(endpoints);
    const service = createLogService({
      objects: new S3ObjectStore(own.s3, name),
      items: new DynamoDbItemStore(own.dynamo, name),
      clock: systemClock,
      origin: "isnad.bench/log",
      seed,
    });
    // The integrator is private: wrapped here, for this profile only, to see each step.
    const integrator = (
      service.writer as unknown as {
        integrator: { step: (...a: unknown[]) => Promise<{ kind: string; count?: number }> };
      }
    ).integrator;
    const step = integrator.step.bind(integrator);
    integrator.step = async (...args) => {
      const start = performance.now();
      const result = await step(...args);
      batches.push({ holder: w, start, end: performance.now(), kind: result.kind, count: result.count ?? 0 });
      return result;
    };
    return { ...service, own };
  });
  await services[0]!.writer.append(new TextEncoder().encode('{"warm":true}'));
  batches.length = 0;
  const waits: number[] = [];
  const receipts: number[] = [];
  const totals: number[] = [];
  const cpu0 = { self: process.cpuUsage(), child: cpuSeconds(storage.pid) };
  const t0 = performance.now();
  const total = writers * perWriter;
  const requests = await countRequests(total, async () => {
    await closedLoop(services, perWriter, ({ appendMs, receiptMs }) => {
      waits.push(appendMs);
      receipts.push(receiptMs);
      totals.push(appendMs + receiptMs);
    });
  });
  const wall = (performance.now() - t0) / 1000;
  const selfCpu = process.cpuUsage(cpu0.self);
  const childCpu = cpuSeconds(storage.pid) - cpu0.child;
  const committed = batches.filter((b) => b.kind === "committed");
  const busy = batches.reduce((n, b) => n + (b.end - b.start), 0) / 1000;
  let handovers = 0;
  const gaps: number[] = [];
  batches.sort((a, b) => a.start - b.start);
  for (let i = 1; i < batches.length; i++) {
    gaps.push(Math.max(0, batches[i]!.start - batches[i - 1]!.end));
    if (batches[i]!.holder !== batches[i - 1]!.holder) handovers++;
  }
  const out = (line: string) => process.stdout.write(line + "\n");
  out(
    `${writers} writers × ${perWriter}: ${total} appends in ${wall.toFixed(1)} s = ${(total / wall).toFixed(1)} /s`,
  );
  out(
    `CPU: this process ${((selfCpu.user + selfCpu.system) / 1e6 / wall).toFixed(2)} cores, emulators ${(childCpu / wall).toFixed(2)} cores (load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")})`,
  );
  const selfMs = (selfCpu.user + selfCpu.system) / 1e3 / total;
  out(
    `CPU per append: this process ${selfMs.toFixed(1)} ms, emulators ${((childCpu * 1e3) / total).toFixed(1)} ms`,
  );
  out(`requests per append: S3 ${requests.s3.toFixed(2)}, DynamoDB ${requests.dynamo.toFixed(2)}`);
  out(`  ${requests.byCommand.map(([c, n]) => `${c} ${n.toFixed(2)}`).join(", ")}`);
  const polls = services.reduce((n, s) => n + s.writer.stats.polls, 0);
  out(`polls per append: ${(polls / total).toFixed(2)}`);
  out(
    `steps: ${batches.length} (${committed.length} committed, ${batches.filter((b) => b.kind === "lost").length} lost, ${batches.filter((b) => b.kind === "idle").length} idle), ${handovers} handovers`,
  );
  out(`entries per committed batch: ${summary(committed.map((b) => b.count))}`);
  out(`committed step ms: ${summary(committed.map((b) => b.end - b.start))}`);
  out(
    `integrator busy ${((100 * busy) / wall).toFixed(0)} % of the run; gap between steps ms: ${summary(gaps)}`,
  );
  out(`append (pool put → leaf index) ms: ${summary(waits)}`);
  out(`receipt after append ms: ${summary(receipts)}`);
  out(`time to receipt ms: ${summary(totals)}`);
  for (const c of [setup, ...services.map((s) => s.own)]) {
    c.s3.destroy();
    c.dynamo.destroy();
  }
} finally {
  await storage.close();
}
