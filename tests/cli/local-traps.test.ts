/**
 * Issue #14, local traps: a second server on the same data dir, a busy port, and admin commands
 * that act on one archive while the server runs on another. Each is one line that says what to
 * change, never a stack trace.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_FILE, isLocalStackError, startLocalStack } from "@isnad/local";
import { repoRoot, seedsDir, startTestStack, type TestStack } from "../support/local-stack";
import { runCli } from "../support/cli";

let runDir: string;
let stack: TestStack;
const dirs: string[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** `npm start` as a separate process (tsx packages/local/src/main.ts), as a person runs it. */
function npmStart(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      join(repoRoot, "node_modules/.bin/tsx"),
      [join(repoRoot, "packages/local/src/main.ts")],
      { cwd: repoRoot, env: { ...process.env, ISNAD_RUN_DIR: runDir, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

const STACK_TRACE = /^ {2,}at /m;

beforeAll(async () => {
  // This file's servers register in a folder of their own, so other suites' servers don't count.
  runDir = await tempDir("isnad-run-");
  process.env.ISNAD_RUN_DIR = runDir;
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("one server per data dir", () => {
  it("refuses a second server on the same data dir, in one line naming the first", async () => {
    await expect(startLocalStack({ dataDir: stack.dataDir, port: 0, seedsDir })).rejects.toSatisfy(
      (e) => isLocalStackError(e) && e.code === "DATA_DIR_IN_USE",
    );
    const second = await npmStart({ ISNAD_DATA_DIR: stack.dataDir, PORT: "0" });
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toBe(
      `isnad: another isnad server (process ${process.pid} at ${stack.url}) is using the data dir ` +
        `${stack.dataDir}; stop it first, or give this one another folder: ISNAD_DATA_DIR=<folder> npm start`,
    );
    expect(second.stderr).not.toMatch(STACK_TRACE);
    // The first one is unharmed.
    expect((await fetch(`${stack.url}/v1/log`)).status).toBe(200);
  });

  it("takes over a lock left by a process that is gone", async () => {
    const dir = await tempDir("isnad-stale-");
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: 2 ** 22 + 7, startedAt: "2020-01-01T00:00:00Z" }),
    );
    const other = await startLocalStack({ dataDir: dir, port: 0, seedsDir });
    await other.close();
  });
});

describe("a busy port", () => {
  let blocker: Server;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it("says which port and how to choose another, with no EADDRINUSE trace", async () => {
    const { port } = blocker.address() as AddressInfo;
    const result = await npmStart({ ISNAD_DATA_DIR: await tempDir("isnad-port-"), PORT: String(port) });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `isnad: port ${port} on 127.0.0.1 is already in use (another isnad, or another program); ` +
        `choose a free one: PORT=${port + 1} npm start`,
    );
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stderr).not.toContain("EADDRINUSE");
  });
});

describe("admin commands say which archive they act on", () => {
  it("names the running server's data dir and table", async () => {
    const result = await runCli(["key", "issue", stack.publisher, "--json"], {
      ISNAD_DATA_DIR: stack.dataDir,
      ISNAD_RUN_DIR: runDir,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `isnad: acting on the local archive in ${stack.dataDir} (table isnad-local, through the server running at ${stack.url})`,
    );
    expect(result.stderr).not.toContain("warning");
    expect(JSON.parse(result.stdout)).toMatchObject({ publisher: stack.publisher });
  });

  it("warns when the server runs on another data dir", async () => {
    const other = await startTestStack();
    await other.stop(); // an archive that exists, with no server on it
    dirs.push(other.dataDir);
    const result = await runCli(["key", "issue", stack.publisher], {
      ISNAD_DATA_DIR: other.dataDir,
      ISNAD_RUN_DIR: runDir,
    });
    expect(result.stderr).toContain(
      `isnad: acting on the local archive in ${other.dataDir} (table isnad-local)`,
    );
    expect(result.stderr).toContain(
      `isnad: warning: the server at ${stack.url} uses another data dir, ${stack.dataDir}; this change will not show there.`,
    );
  });

  it("holds the lock while it opens a data dir itself, and says so when a server holds it", async () => {
    const other = await startTestStack();
    await other.stop();
    dirs.push(other.dataDir);
    // A server that is starting (alive, lock taken, endpoints not written yet).
    await writeFile(
      join(other.dataDir, LOCK_FILE),
      JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }),
    );
    const result = await runCli(["key", "issue", stack.publisher], {
      ISNAD_DATA_DIR: other.dataDir,
      ISNAD_RUN_DIR: runDir,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      `isnad: another isnad server (process ${process.pid}) is using the data dir ${other.dataDir}`,
    );
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});
