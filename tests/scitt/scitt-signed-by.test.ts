/**
 * A Signed Statement registered through POST /entries is "signed by <domain>" (issue #17): its
 * record names the key as a "cose-sign1" publisher signature, so the statement view, the verify
 * answer and the page say who signed, and `isnad receipt verify` (a separate process, offline)
 * checks the COSE_Sign1 from the original's bytes — and fails for a key the domain never declared.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScittStack, type ScittStack } from "./scitt-stack";
import { runCli } from "../support/cli";
import { noNetworkEnv } from "../cli/no-network";

let stack: ScittStack;
let dir: string;

beforeAll(async () => {
  stack = await startScittStack();
  dir = await mkdtemp(join(tmpdir(), "isnad-scitt-signed-"));
});
afterAll(async () => {
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a registered Signed Statement names its signer", () => {
  it("view, verify answer and page say 'signed by press.example'; receipt verify checks the COSE_Sign1 offline", async () => {
    const { id, kid, statement } = await stack.registerSigned();

    const view = (await (await fetch(`${stack.url}/v1/statements/${id}`)).json()) as {
      signedBy: unknown;
      record: { original: { sha256: string } };
    };
    expect(view.signedBy).toEqual({ domain: "press.example", keyId: kid, format: "cose-sign1" });
    const verified = (await (
      await fetch(`${stack.url}/v1/verify?sha256=${view.record.original.sha256}`)
    ).json()) as { matches: { signedBy: unknown }[] };
    expect(verified.matches[0]?.signedBy).toEqual(view.signedBy);
    const page = await (await fetch(`${stack.url}/s/${id}`, { headers: { accept: "text/html" } })).text();
    expect(page).toContain(`data-signed-by="press.example" data-key-id="${kid}"`);

    const original = join(dir, "statement.cose");
    await writeFile(original, statement);
    const receipt = join(dir, "receipt.json");
    await writeFile(receipt, await (await fetch(`${stack.url}/v1/statements/${id}/receipt`)).text());
    const keys = join(dir, "keys.json");
    const env = { ISNAD_SERVER: stack.url, ISNAD_API_KEY: stack.apiKey };
    const fetched = await runCli(["keys", "fetch", "--publisher", stack.publisher, "--out", keys], env);
    expect(fetched.code, fetched.stderr).toBe(0);
    const offline = { ...noNetworkEnv(join(dir, "network.log")), ISNAD_SERVER: "http://127.0.0.1:9" };
    const verify = () =>
      runCli(["receipt", "verify", "--receipt", receipt, "--original", original, "--keys", keys], offline);
    const ok = await verify();
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /✓ publisher +signed by press\.example \(key ed25519:[0-9a-f]{16}, cose-sign1\), a key/,
    );

    // The same receipt against a key list where the domain declared another key: refused.
    const saved = JSON.parse(await readFile(keys, "utf8")) as {
      publisherKeys: { keys: { keyId: string }[] };
    };
    saved.publisherKeys.keys = saved.publisherKeys.keys.filter((k) => k.keyId !== kid);
    await writeFile(keys, JSON.stringify(saved));
    const refused = await verify();
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(new RegExp(`✗ publisher .*do not list ${kid}`));
  }, 180_000); // CLI processes, a few seconds each on 2 shared cores
});
