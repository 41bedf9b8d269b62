/**
 * Issue #14, "a CLI anyone can run": the archive serves the CLI as one file at /cli/isnad.mjs.
 * Downloaded over HTTP into an empty folder (no node_modules anywhere above it), it runs with a
 * bare `node`: it fetches the keys, verifies a receipt offline against the right file, and
 * rejects a wrong one.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBase64, parseHex, sha256Hex, utf8 } from "@isnad/core";
import { seedFile, startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack;
let dir: string;
let body: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node isnad.mjs …` in the empty folder, with an environment that holds nothing but PATH. */
function node(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["isnad.mjs", ...args],
      { cwd: dir, env: { PATH: dirname(process.execPath) }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  stack = await startTestStack();
  dir = await mkdtemp(join(tmpdir(), "isnad-standalone-"));
});
afterAll(async () => {
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("GET /cli/isnad.mjs", () => {
  it("serves one ESM file with its SHA-256 in Repr-Digest and the ETag", async () => {
    const res = await fetch(`${stack.url}/cli/isnad.mjs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    body = await res.text();
    const sha256 = sha256Hex(utf8(body));
    expect(res.headers.get("repr-digest")).toBe(`sha-256=:${formatBase64(parseHex(sha256))}:`);
    expect(res.headers.get("etag")).toBe(`"${sha256}"`);
    expect(body.startsWith("#!/usr/bin/env node\n")).toBe(true);
    // Self-contained: the only modules it imports are Node's own.
    const specifiers = [...body.matchAll(/^import\s[^;]*?from\s*"([^"]+)"/gm)].map((m) => m[1]!);
    expect(specifiers.length).toBeGreaterThan(0);
    for (const s of specifiers) expect(s).toMatch(/^node:/);
    expect(body).not.toMatch(/\bimport\(\s*["'](?!node:)/);
    // Not the admin commands (they need the AWS SDK).
    expect(body).not.toContain("@aws-sdk");
    const again = await fetch(`${stack.url}/cli/isnad.mjs`, { headers: { "if-none-match": `"${sha256}"` } });
    expect(again.status).toBe(304);
    await writeFile(join(dir, "isnad.mjs"), body);
  }, 60_000);

  it("runs with a bare node in an empty folder: verifies a receipt, rejects a wrong file", async () => {
    expect(existsSync(join(dir, "node_modules"))).toBe(false);
    const id = stack.seeded[0]!.id;
    const receipt = await fetch(`${stack.url}/v1/statements/${id}/receipt`);
    expect(receipt.status).toBe(200);
    await writeFile(join(dir, "receipt.json"), await receipt.text());
    await copyFile(seedFile, join(dir, "statement.txt"));
    await writeFile(join(dir, "wrong.txt"), "not the archived statement\n");

    const keys = await node(["keys", "fetch", "--out", "keys.json", "--server", stack.url]);
    expect(keys.stderr).toBe("");
    expect(keys.code).toBe(0);

    const good = await node([
      "receipt",
      "verify",
      "--receipt",
      "receipt.json",
      "--original",
      "statement.txt",
      "--keys",
      "keys.json",
    ]);
    expect(good.stderr).not.toMatch(/error|cannot find/i);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(`VERIFIED:`);
    expect(good.stdout).toContain(id);

    const wrong = await node([
      "receipt",
      "verify",
      "--receipt",
      "receipt.json",
      "--original",
      "wrong.txt",
      "--keys",
      "keys.json",
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain("✗ sha256");
    expect(wrong.stdout).toContain("NOT VERIFIED");

    const verify = await node(["verify", "statement.txt", "--server", stack.url, "--json"]);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ confirmed: true });
  }, 60_000);

  it("says in its help that the admin commands are in the repository", async () => {
    const help = await node(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("receipt verify");
    expect(help.stdout).not.toContain("publisher create ");
    expect(help.stdout).toContain("npm run isnad -- --help");
    const admin = await node(["publisher", "create", "x", "y"]);
    expect(admin.code).toBe(2);
  });
});
