/**
 * `npm start` as a child process, so that its memory can be measured apart from the test's:
 * the local stack (s3rver, dynalite, the app) in a temporary data dir on a free port, and its
 * resident set size read from /proc/<pid>/status (Linux: proc(5)).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../support/local-stack";

export interface ServerProcess {
  url: string;
  apiKey: string;
  pid: number;
  /** The server's data dir (its emulators' endpoints.json is there while it runs). */
  dataDir: string;
  /** Current and peak resident set size in bytes (VmRSS, VmHWM). */
  memory(): Promise<{ rss: number; peak: number }>;
  /** Resets VmHWM to the current RSS (writing 5 to clear_refs, Linux ≥ 4.0); false if refused. */
  resetPeak(): Promise<boolean>;
  /** Output so far (for failure messages). */
  output(): string;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), "isnad-server-"));
  const apiKey = `isnad-test-key-${Date.now()}`;
  const child = spawn(process.execPath, ["--import", "tsx", "packages/local/src/main.ts"], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: "0", ISNAD_DATA_DIR: dataDir, ISNAD_API_KEY: apiKey },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const close = async () => {
    process.off("exit", killOnExit);
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await waitForUrl(child, () => output);
    const status = `/proc/${child.pid}/status`;
    return {
      url,
      apiKey,
      pid: child.pid!,
      dataDir,
      async memory() {
        const text = await readFile(status, "utf8");
        const kib = (name: string) =>
          Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1]) * 1024;
        return { rss: kib("VmRSS"), peak: kib("VmHWM") };
      },
      async resetPeak() {
        try {
          await writeFile(`/proc/${child.pid}/clear_refs`, "5");
          return true;
        } catch {
          return false;
        }
      },
      output: () => output,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function waitForUrl(child: ChildProcess, output: () => string): Promise<string> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const match = /isnad is running at (http:\/\/\S+)/.exec(output());
    if (match) return match[1]!;
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server did not start within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Samples `read()` every `everyMs` until stopped; the largest value seen. */
export function sampleMax(read: () => Promise<number>, everyMs = 50): { stop(): Promise<number> } {
  let max = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      max = Math.max(max, await read().catch(() => 0));
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return max;
    },
  };
}
