/**
 * Issue #16 end to end on the local stack (isnad's own witness beside the log, a real TSA from
 * `openssl ts -reply`): a receipt carries the witness count hint, `isnad receipt verify --policy`
 * prints who witnessed it, and the provenance page says "witnessed by …" and "existed no later
 * than …, according to …" — the server verified both before saying them.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { utf8, type ReceiptJson } from "@isnad/core";
import { startOpensslTsa, type OpensslTsa } from "../support/openssl-tsa";
import { startTestStack, type TestStack } from "../support/local-stack";
import { runCli } from "../support/cli";
import { noNetworkEnv } from "../cli/no-network";

let tsa: OpensslTsa;
let stack: TestStack;
let work: string;
let id: string;
let receipt: ReceiptJson;
const text = `Witnessed and timestamped, ${Date.now()}.\n`;

beforeAll(async () => {
  tsa = await startOpensslTsa();
  stack = await startTestStack({ tsaUrls: [tsa.url], tsaRoots: [tsa.rootPem] });
  work = await mkdtemp(join(tmpdir(), "isnad-witnessed-page-"));
  const res = await fetch(`${stack.url}/v1/statements?title=witnessed`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "text/plain" },
    body: utf8(text) as Uint8Array<ArrayBuffer>,
  });
  expect(res.status).toBe(201);
  ({ id } = (await res.json()) as { id: string });
  receipt = (await (await fetch(`${stack.url}/v1/statements/${id}/receipt`)).json()) as ReceiptJson;
});
afterAll(async () => {
  await stack?.close();
  await tsa?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("witnessed, timestamped receipts", () => {
  it("the receipt says how many of the policy's witnesses cosigned", () => {
    expect(receipt.witnesses).toEqual({ configured: 1, required: 1, cosigned: 1, names: ["isnad"] });
    expect(receipt.timestamps).toHaveLength(1);
  });

  it("receipt verify --policy names the witnesses; a stripped cosignature fails the quorum", async () => {
    const original = join(work, "statement.txt");
    const keys = join(work, "keys.json");
    const policy = join(work, "policy.txt");
    const good = join(work, "receipt.json");
    const stripped = join(work, "stripped.json");
    await writeFile(original, text);
    await writeFile(good, JSON.stringify(receipt));
    // The log's own signature line stays; the witness's line (the last) goes, the hint stays.
    const lines = receipt.checkpoint.trimEnd().split("\n");
    await writeFile(
      stripped,
      JSON.stringify({ ...receipt, checkpoint: `${lines.slice(0, -1).join("\n")}\n` }),
    );
    await writeFile(keys, await (await fetch(`${stack.url}/v1/keys`)).text());
    await writeFile(policy, await (await fetch(`${stack.url}/v1/policy`)).text());
    const offline = { ...noNetworkEnv(join(work, "network.log")), ISNAD_SERVER: "http://127.0.0.1:9" };
    const verify = (file: string) =>
      runCli(
        ["receipt", "verify", "--receipt", file, "--original", original, "--keys", keys, "--policy", policy],
        offline,
      );
    const ok = await verify(good);
    expect(ok.stdout).toMatch(
      /✓ witnesses +witnessed by isnad \(1 of 1; the policy requires 1\): quorum "isnad" met/,
    );
    expect(ok.code).toBe(0);
    const bad = await verify(stripped);
    expect(bad.stdout).toMatch(/✗ witnesses +witnessed by none \(0 of 1; the policy requires 1\)/);
    expect(bad.stdout).toMatch(/claims cosignatures by isnad that do not verify/);
    expect(bad.code).toBe(1);
  });

  it("the provenance page says who witnessed it and when it existed, in English and Arabic", async () => {
    const en = (await (await fetch(`${stack.url}/s/${id}?lang=en`)).text()).replace(/\s+/g, " ");
    expect(en).toMatch(
      /Witnessed by <bdi dir="ltr" data-witness="isnad">isnad<\/bdi>: <bdi>1<\/bdi> of the <bdi>1<\/bdi>/,
    );
    expect(en).toContain('data-anchor="witnesses" data-ok="true"');
    expect(en).toMatch(
      /Existed no later than <bdi><time datetime="[0-9T:.-]+Z">[^<]+<\/time><\/bdi>, according to <bdi dir="ltr" data-tsa="isnad test TSA">/,
    );
    const ar = (await (await fetch(`${stack.url}/s/${id}?lang=ar`)).text()).replace(/\s+/g, " ");
    expect(ar).toMatch(/شهد عليه <bdi dir="ltr" data-witness="isnad">isnad<\/bdi>/);
    expect(ar).toMatch(/كان موجوداً في موعد أقصاه .*بحسب <bdi dir="ltr" data-tsa="isnad test TSA">/);
  });
});
