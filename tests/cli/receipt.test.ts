/**
 * Offline receipts end to end (issue #7): upload with --receipt-out, save the keys, then verify
 * the receipt with the network forbidden, and see each kind of tampering rejected with the
 * failing step named.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBase64, generateNoteKey, parseBase64, type ReceiptJson } from "@isnad/core";
import { startTestStack, type TestStack } from "../support/local-stack";
import { runCli } from "../support/cli";
import { noNetworkEnv } from "./no-network";

let stack: TestStack;
let dir: string;
let env: Record<string, string>;
let offline: Record<string, string>;
let networkLog: string;
let original: string;
let receiptFile: string;
let keysFile: string;
let receipt: ReceiptJson;
let id: string;

beforeAll(async () => {
  stack = await startTestStack();
  dir = await mkdtemp(join(tmpdir(), "isnad-receipt-"));
  env = { ISNAD_SERVER: stack.url, ISNAD_API_KEY: stack.apiKey };
  original = join(dir, "statement.txt");
  receiptFile = join(dir, "receipt.json");
  keysFile = join(dir, "keys.json");
  await writeFile(original, `Statement for the receipt test, ${Date.now()} ${Math.random()}.\n`);
  const upload = await runCli(["upload", original, "--receipt-out", receiptFile, "--json"], env);
  expect(upload.code).toBe(0);
  id = (JSON.parse(upload.stdout) as { id: string }).id;
  receipt = JSON.parse(await readFile(receiptFile, "utf8")) as ReceiptJson;
  const keys = await runCli(["keys", "fetch", "--out", keysFile], env);
  expect(keys.code).toBe(0);
  networkLog = join(dir, "network.log");
  // Offline runs point at a server that is not there and may not touch the network at all.
  offline = { ...noNetworkEnv(networkLog), ISNAD_SERVER: "http://127.0.0.1:9" };
});
afterAll(async () => {
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const verifyOffline = (args: string[]) =>
  runCli(["receipt", "verify", "--receipt", receiptFile, "--original", original, ...args], offline);

async function tampered(name: string, change: (r: ReceiptJson) => ReceiptJson): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(change(structuredClone(receipt))));
  return path;
}

describe("isnad receipt verify (offline)", () => {
  it("the no-network trap catches a command that does use the network", async () => {
    const online = await runCli(["verify", "--sha256", "a".repeat(64)], {
      ...offline,
      ISNAD_SERVER: stack.url,
    });
    expect(online.code).toBe(3);
    expect(await readFile(networkLog, "utf8")).toContain(`fetch ${stack.url}/v1/verify`);
    await rm(networkLog);
  });

  it("verifies a good receipt with every check passed, making no network request", async () => {
    const result = await verifyOffline(["--keys", keysFile]);
    expect(result.code).toBe(0);
    for (const step of ["receipt", "record", "sha256", "signature", "inclusion", "checkpoint"]) {
      expect(result.stdout).toMatch(new RegExp(`✓ ${step}`));
    }
    expect(result.stdout).toContain(`VERIFIED: statement ${id}`);
    expect(existsSync(networkLog)).toBe(false);
  });

  it("takes the keys as strings too, and says when the record signature was not checked", async () => {
    const keys = JSON.parse(await readFile(keysFile, "utf8")) as {
      keys: { publicKey: string }[];
      log: { verifierKey: string };
    };
    const both = await verifyOffline([
      "--log-key",
      keys.log.verifierKey,
      "--record-key",
      keys.keys[0]!.publicKey,
    ]);
    expect(both.code).toBe(0);
    expect(both.stdout).toContain("✓ signature");
    const logOnly = await verifyOffline(["--log-key", keys.log.verifierKey]);
    expect(logOnly.code).toBe(0);
    expect(logOnly.stdout).toContain("– signature  not checked");
    expect(existsSync(networkLog)).toBe(false);
  });

  it("rejects a tampered original (exit 1): the sha256 check fails", async () => {
    const changed = join(dir, "changed.txt");
    await writeFile(changed, (await readFile(original, "utf8")).replace("Statement", "statement"));
    const result = await runCli(
      ["receipt", "verify", "--receipt", receiptFile, "--original", changed, "--keys", keysFile],
      offline,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✗ sha256");
    expect(result.stdout).toContain("✓ inclusion");
    expect(result.stdout).toContain("NOT VERIFIED: the sha256 check failed.");
  });

  it("rejects a changed entry byte (exit 1): the signature and inclusion checks fail", async () => {
    const path = await tampered("entry.json", (r) => {
      const entry = parseBase64(r.entry);
      const at = new TextDecoder().decode(entry).indexOf(`"publisher":"`) + `"publisher":"`.length;
      entry[at] = entry[at]! ^ 0x20; // etilaf → Etilaf: still valid JSON, another record
      return { ...r, entry: formatBase64(entry) };
    });
    const result = await runCli(
      ["receipt", "verify", "--receipt", path, "--original", original, "--keys", keysFile],
      offline,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✓ sha256");
    expect(result.stdout).toContain("✗ signature");
    expect(result.stdout).toContain("✗ inclusion");
  });

  it("rejects a changed proof hash (exit 1): the inclusion check fails", async () => {
    expect(receipt.inclusionProof.hashes.length).toBeGreaterThan(0);
    const path = await tampered("proof.json", (r) => {
      const hash = parseBase64(r.inclusionProof.hashes[0]!);
      hash[31] = hash[31]! ^ 1;
      r.inclusionProof.hashes[0] = formatBase64(hash);
      return r;
    });
    const result = await runCli(
      ["receipt", "verify", "--receipt", path, "--original", original, "--keys", keysFile, "--json"],
      offline,
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      verified: boolean;
      checks: { step: string; status: string }[];
    };
    expect(report.verified).toBe(false);
    expect(report.checks.filter((c) => c.status === "fail").map((c) => c.step)).toEqual(["inclusion"]);
  });

  it("rejects a changed checkpoint text or another log's key (exit 1): the checkpoint check fails", async () => {
    const path = await tampered("checkpoint.json", (r) => ({
      ...r,
      checkpoint: r.checkpoint.replace(/\n(\d+)\n/, (_, n: string) => `\n${Number(n) + 1}\n`),
    }));
    const result = await runCli(
      ["receipt", "verify", "--receipt", path, "--original", original, "--keys", keysFile],
      offline,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✓ inclusion");
    expect(result.stdout).toContain("✗ checkpoint");
    // The keys file carries the log's witness policy (keys fetch), whose checkpoint fails it too.
    expect(result.stdout).toContain("NOT VERIFIED: the checkpoint, witnesses checks failed.");

    const otherKey = generateNoteKey("isnad.local/log").verifierKey;
    const other = await verifyOffline(["--log-key", otherKey]);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain("✗ checkpoint");
    expect(existsSync(networkLog)).toBe(false);
  });

  it("exits 2 without a log key, 3 for a receipt file that is not there", async () => {
    const noKey = await verifyOffline([]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain("the log's verifier key is needed");
    const missing = await runCli(
      ["receipt", "verify", "--receipt", join(dir, "none.json"), "--original", original, "--keys", keysFile],
      offline,
    );
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("none.json: file not found");
  });
});

describe("isnad receipt fetch and keys fetch", () => {
  it("fetches a receipt that verifies offline like the upload's", async () => {
    const fetched = join(dir, "fetched.json");
    const result = await runCli(["receipt", "fetch", id, "--out", fetched], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`saved the receipt of ${id} to ${fetched}`);
    const check = await runCli(
      ["receipt", "verify", "--receipt", fetched, "--original", original, "--keys", keysFile],
      offline,
    );
    expect(check.code).toBe(0);
  });

  it("exits 1 for an unknown statement, 2 for a malformed id; keys fetch --json parses", async () => {
    const unknown = await runCli(["receipt", "fetch", "0".repeat(32)], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("404");
    const malformed = await runCli(["receipt", "fetch", "nope"], env);
    expect(malformed.code).toBe(2);
    const keys = await runCli(["keys", "fetch", "--json"], env);
    expect(keys.code).toBe(0);
    const doc = JSON.parse(keys.stdout) as { log: { origin: string; verifierKey: string }; keys: unknown[] };
    expect(doc.log.verifierKey).toMatch(/^isnad\.local\/log\+[0-9a-f]{8}\+/);
    expect(doc.keys.length).toBeGreaterThan(0);
  });
});
