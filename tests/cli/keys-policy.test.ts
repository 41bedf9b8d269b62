/**
 * Issue #16: `isnad keys fetch` saves the log's witness policy (GET /v1/policy) beside the keys,
 * and `isnad receipt verify --keys` enforces its quorum with no --policy: a receipt whose witness
 * cosignature was stripped fails offline, naming the witnesses step; --policy still overrides.
 * The local stack runs isnad's own witness beside the log with a 1-of-1 policy.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFile, startTestStack, type TestStack } from "../support/local-stack";
import { runCli } from "../support/cli";
import { noNetworkEnv } from "./no-network";

let stack: TestStack;
let dir: string;
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  stack = await startTestStack();
  dir = await mkdtemp(join(tmpdir(), "isnad-keys-policy-"));
});
afterAll(async () => {
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("keys fetch saves the witness policy; receipt verify --keys enforces it", () => {
  it("a stripped witness cosignature fails with the keys file alone; the saved policy is the server's", async () => {
    const fetched = await runCli(["keys", "fetch", "--out", path("keys.json")], { ISNAD_SERVER: stack.url });
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(fetched.stdout).toMatch(/policy +witnesses \S+; quorum /);
    const saved = JSON.parse(await readFile(path("keys.json"), "utf8")) as { policy: string };
    expect(saved.policy).toBe(await (await fetch(`${stack.url}/v1/policy`)).text());

    const id = stack.seeded[0]!.id;
    const receiptText = await (await fetch(`${stack.url}/v1/statements/${id}/receipt`)).text();
    await writeFile(path("receipt.json"), receiptText);
    const { witnesses: _, ...parsed } = JSON.parse(receiptText) as { checkpoint: string; witnesses: unknown };
    const lines = parsed.checkpoint.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(/^\u2014 witness\.isnad\.local /);
    // Both the cosignature line and the unsigned `witnesses` claim go, as a forger would strip them.
    await writeFile(
      path("stripped.json"),
      JSON.stringify({ ...parsed, checkpoint: `${lines.slice(0, -1).join("\n")}\n` }),
    );
    const offline = { ...noNetworkEnv(path("network.log")), ISNAD_SERVER: "http://127.0.0.1:9" };
    const verify = (receipt: string, ...extra: string[]) =>
      runCli(
        [
          "receipt",
          "verify",
          "--receipt",
          path(receipt),
          "--original",
          seedFile,
          "--keys",
          path("keys.json"),
        ].concat(extra),
        offline,
      );
    const [ok, stripped] = await Promise.all([verify("receipt.json"), verify("stripped.json")]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/✓ witnesses +witnessed by \S+ \(1 of 1; the policy requires 1\)/);
    expect(stripped.code, stripped.stdout).toBe(1);
    expect(stripped.stdout).toMatch(/✗ witnesses /);
    expect(stripped.stdout).toContain("NOT VERIFIED: the witnesses check failed.");

    // --policy still overrides the saved one: a policy requiring no witness lets it pass.
    const log = (await (await fetch(`${stack.url}/v1/log`)).json()) as { verifierKey: string };
    await writeFile(path("none.txt"), `log ${log.verifierKey}\nquorum none\n`);
    const overridden = await verify("stripped.json", "--policy", path("none.txt"));
    expect(overridden.code, overridden.stdout).toBe(0);
  }, 180_000); // CLI processes, a few seconds each on 2 shared cores
});
