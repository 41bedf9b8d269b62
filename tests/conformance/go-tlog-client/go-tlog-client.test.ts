/**
 * Issue #4 conformance: after archiving the seeds and 1,000 generated statements locally, a
 * standard C2SP tlog-tiles client built on Go's golang.org/x/mod/sumdb/tlog and note (main.go)
 * verifies the checkpoint with the key from /v1/log, recomputes the root from the entry bundles,
 * builds inclusion proofs from the hash tiles, and checks every receipt and a consistency proof.
 *
 * Needs Go and golang.org/x/mod in GOPATH, offline: on Debian/Ubuntu the packages golang-go and
 * golang-golang-x-mod-dev (GOPATH /usr/share/gocode; override with ISNAD_GOPATH). Without `go`
 * the suite says so loudly and registers a placeholder — except under CI, where it fails.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../../support/local-stack";

const GO = spawnSync("go", ["version"], { encoding: "utf8" });
const haveGo = GO.status === 0;
const STATEMENTS = 1000;
const CONCURRENCY = 24;

/**
 * Runs the client without blocking: the stack it talks to lives in this very process, so a
 * synchronous spawn would deadlock it.
 */
function runClient(
  binary: string,
  args: string[],
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(binary, args, { timeout: 300_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

function goEnv(workDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOPATH: process.env.ISNAD_GOPATH ?? "/usr/share/gocode",
    GO111MODULE: "off", // GOPATH mode: the Debian packages, no module download, no network
    GOFLAGS: "",
    GOCACHE: process.env.GOCACHE ?? join(tmpdir(), "isnad-go-build-cache"),
    GOTMPDIR: workDir,
  };
}

describe("a Go tlog client (golang.org/x/mod/sumdb) audits the log", () => {
  if (!haveGo) {
    const message = "SKIPPED: `go` is not installed (apt-get install golang-go golang-golang-x-mod-dev)";
    console.warn(message);
    it(message, () => {
      // CI installs Go (.ci/run): there a missing toolchain is a failure, not a skip.
      expect(process.env.CI, "Go is required in CI").toBeFalsy();
    });
    return;
  }

  let stack: TestStack;
  let work: string;
  let binary: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "isnad-go-"));
    binary = join(work, "go-tlog-client");
    const build = spawnSync("go", ["build", "-o", binary, "."], {
      cwd: import.meta.dirname,
      env: goEnv(work),
      encoding: "utf8",
    });
    if (build.status !== 0) throw new Error(`go build failed:\n${build.stderr}${build.stdout}`);
    stack = await startTestStack();
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it(`verifies the log of the seeds and ${STATEMENTS} statements, receipts and consistency`, async () => {
    const oldCheckpoint = await (await fetch(`${stack.url}/checkpoint`)).text();
    const receipts: { id: string; receipt: unknown }[] = [];
    let next = 0;
    const uploader = async () => {
      for (let i = next++; i < STATEMENTS; i = next++) {
        const res = await fetch(`${stack.url}/v1/statements?title=${encodeURIComponent(`بيان ${i}`)}`, {
          method: "POST",
          headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "text/plain; charset=utf-8" },
          body: `بيان رقم ${i}: نص تجريبي للأرشيف.\nStatement ${i} ${Math.random()}.`,
        });
        expect(res.status).toBe(201);
        const body = (await res.json()) as { id: string; receipt: unknown };
        expect(body.receipt).toBeTruthy();
        receipts.push({ id: body.id, receipt: body.receipt });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, uploader));
    for (const seeded of stack.seeded) {
      const receipt = await (await fetch(`${stack.url}/v1/statements/${seeded.id}/receipt`)).json();
      receipts.push({ id: seeded.id, receipt });
    }

    const receiptsFile = join(work, "receipts.json");
    const checkpointFile = join(work, "old-checkpoint");
    await writeFile(receiptsFile, JSON.stringify(receipts));
    await writeFile(checkpointFile, oldCheckpoint);
    const run = await runClient(binary, [stack.url, receiptsFile, checkpointFile]);
    if (run.status !== 0) throw new Error(`go-tlog-client failed:\n${run.stderr}${run.stdout}`);
    const summary = JSON.parse(run.stdout) as {
      treeSize: number;
      entries: number;
      receipts: number;
      consistency: [number, number];
    };
    expect(summary.treeSize).toBeGreaterThanOrEqual(STATEMENTS + stack.seeded.length);
    expect(summary.entries).toBe(summary.treeSize);
    expect(summary.receipts).toBe(STATEMENTS + stack.seeded.length);
    expect(summary.consistency[0]).toBeGreaterThanOrEqual(stack.seeded.length);
  }, 600_000);

  it("fails loudly on a log it cannot verify (a wrong key)", async () => {
    // The same client against a server whose /v1/log names another key must exit non-zero.
    const other = await startTestStack();
    try {
      const receiptsFile = join(work, "none.json");
      const checkpointFile = join(work, "foreign-checkpoint");
      await writeFile(receiptsFile, "[]");
      await writeFile(checkpointFile, await (await fetch(`${other.url}/checkpoint`)).text());
      const run = await runClient(binary, [stack.url, receiptsFile, checkpointFile]);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(/checkpoint does not verify/);
    } finally {
      await other.close();
    }
  }, 120_000);
});
