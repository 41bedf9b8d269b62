/**
 * Memory (issue #15): the server's resident set under the chaos suite's load mix — 8 uploaders
 * of mixed documents (text, Markdown, HTML, PDF; tests/chaos/documents.ts) and 16 verifiers by
 * hash and by quote — with the emulators in a process of their own (log-emulators.ts), so that
 * the figure is the server's alone (`npm start` holds s3rver and dynalite in its own process).
 * Peak RSS (VmHWM) of each process, read from /proc; the emulators' is printed beside it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { formatHex, sha256 } from "@isnad/core";
import { makeMixedDocument, uploadRequest, type Document } from "../chaos/documents";
import type { BenchRow } from "./table";

const DURATION_MS = Number(process.env.ISNAD_BENCH_MEMORY_MS ?? 30_000);
const UPLOADERS = 8;
const VERIFIERS = 16;
const GOAL_MIB = 300;

/** Starts a tsx script in its own process; resolves with its first stdout line as JSON. */
async function startProcess<T>(
  script: string,
  args: string[] = [],
): Promise<{ child: ChildProcess; info: T }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, script), ...args], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, info: JSON.parse(line) as T };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.stdin!.end();
  });
}

async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
  return { rss: kib("VmRSS"), peak: kib("VmHWM") };
}

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

export async function benchMemory(): Promise<BenchRow[]> {
  const emulators = await startProcess<{ s3Endpoint: string; dynamoEndpoint: string }>("log-emulators.ts");
  const server = await startProcess<{ url: string; keys: string[] }>("memory-server.ts", [
    JSON.stringify(emulators.info),
  ]);
  try {
    const { url, keys } = server.info;
    const idle = await memoryOf(server.child.pid!);
    const archived: Document[] = [];
    const counts = { uploads: 0, verifies: 0, failures: 0 };
    const statuses = new Map<string, number>();
    const failed = (what: string, status: number) => {
      counts.failures++;
      statuses.set(`${what} ${status}`, (statuses.get(`${what} ${status}`) ?? 0) + 1);
    };
    const stopAt = performance.now() + DURATION_MS;
    const running = () => performance.now() < stopAt;
    const uploader = async (u: number) => {
      for (let i = 0; running(); i++) {
        const doc = await makeMixedDocument(i + u);
        const { path, init } = uploadRequest(doc, keys[u]!, i);
        const res = await fetch(url + path, init);
        await res.arrayBuffer();
        if (res.status === 201 || res.status === 200) archived.push(doc);
        else failed("upload", res.status);
        counts.uploads++;
      }
    };
    const verifier = async (v: number) => {
      for (let i = 0; running(); i++) {
        const doc = archived[(i * 7 + v) % Math.max(1, archived.length)];
        if (!doc) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        const query =
          i % 2 === 0 ? `sha256=${formatHex(sha256(doc.bytes))}` : `text=${encodeURIComponent(doc.sentence)}`;
        const res = await fetch(`${url}/v1/verify?${query}`);
        await res.arrayBuffer();
        if (res.status !== 200) failed("verify", res.status);
        counts.verifies++;
      }
    };
    let peakEmulators = 0;
    const sampler = (async () => {
      while (running()) {
        peakEmulators = Math.max(peakEmulators, (await memoryOf(emulators.child.pid!)).rss);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    await Promise.all([
      ...Array.from({ length: UPLOADERS }, (_, u) => uploader(u)),
      ...Array.from({ length: VERIFIERS }, (_, v) => verifier(v)),
      sampler,
    ]);
    const after = await memoryOf(server.child.pid!);
    const load = `${counts.uploads} uploads, ${counts.verifies} verifies in ${DURATION_MS / 1000} s`;
    return [
      {
        group: "memory",
        figure: "server peak RSS under load (emulators apart)",
        ours: mib(after.peak),
        baseline: `${mib(idle.rss)} idle; emulators' peak ${mib(peakEmulators)}`,
        ratio: "",
        goal: `≤ ${GOAL_MIB} MiB`,
      },
      {
        group: "memory",
        figure: "the load",
        ours: load,
        baseline: `${counts.failures} failed${[...statuses].map(([k, n]) => `, ${n}× ${k}`).join("")}`,
        ratio: "",
      },
    ];
  } finally {
    await stop(server.child);
    await stop(emulators.child);
  }
}
