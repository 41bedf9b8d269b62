/**
 * Trusted time end to end: the local stack with a real TSA (`openssl ts -reply` over HTTP) in
 * ISNAD_TSA_URLS's place; an upload's receipt carries an RFC 3161 token over its checkpoint's
 * body that isnad's verifier and `openssl ts -verify` both accept, and the receipt still
 * verifies as before.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBase64, parseBase64, sha256, utf8, type ReceiptJson } from "@isnad/core";
import { checkpointBody, verifyStatementReceipt } from "@isnad/archive";
import { buildTimeStampRequest, tokenFromResponse, verifyTimestampToken } from "@isnad/timestamp";
import { openssl, startOpensslTsa, TEST_TSA_POLICY, type OpensslTsa } from "../support/openssl-tsa";
import { startTestStack, type TestStack } from "../support/local-stack";
import { runCli } from "../support/cli";
import { noNetworkEnv } from "../cli/no-network";

let tsa: OpensslTsa;
let stack: TestStack;
let work: string;

beforeAll(async () => {
  tsa = await startOpensslTsa();
  stack = await startTestStack({ tsaUrls: [tsa.url] });
  work = await mkdtemp(join(tmpdir(), "isnad-tst-stack-"));
});
afterAll(async () => {
  await stack?.close();
  await tsa?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("receipts with trusted time", () => {
  it("an upload's receipt carries a token over its checkpoint body that verifies", async () => {
    const res = await fetch(`${stack.url}/v1/statements?title=t`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "text/plain" },
      body: utf8(`trusted time ${Date.now()}`) as Uint8Array<ArrayBuffer>,
    });
    expect(res.status).toBe(201);
    const upload = (await res.json()) as { id: string; receipt: ReceiptJson };
    for (const receipt of [
      upload.receipt,
      (await (await fetch(`${stack.url}/v1/statements/${upload.id}/receipt`)).json()) as ReceiptJson,
    ]) {
      expect(receipt.timestamps?.length).toBe(1);
      const stamp = receipt.timestamps![0]!;
      expect(stamp.tsa).toBe(tsa.url);
      const token = parseBase64(stamp.token);
      const body = utf8(checkpointBody(receipt.checkpoint));
      const v = await verifyTimestampToken(token, body, {
        roots: [tsa.rootPem],
        policies: [TEST_TSA_POLICY],
      });
      expect(v.tsa).toBe("isnad test TSA");
      const tokenPath = join(work, "token.tsr");
      const dataPath = join(work, "body");
      await writeFile(tokenPath, token);
      await writeFile(dataPath, body);
      const out = await openssl([
        "ts",
        "-verify",
        "-in",
        tokenPath,
        "-token_in",
        "-data",
        dataPath,
        "-CAfile",
        tsa.rootPath,
      ]);
      expect(out).toMatch(/Verification: OK/);
      // The rest of the receipt is untouched by the new field: it verifies as it always did.
      const keys = (await (await fetch(`${stack.url}/v1/keys`)).json()) as {
        keys: { keyId: string; publicKey: string }[];
      };
      const log = (await (await fetch(`${stack.url}/v1/log`)).json()) as { verifierKey: string };
      const verified = verifyStatementReceipt(receipt, {
        logVerifierKey: log.verifierKey,
        recordKeys: new Map(keys.keys.map((k) => [k.keyId, parseBase64(k.publicKey)])),
      });
      expect(verified.checkpoint.size).toBe(receipt.inclusionProof.treeSize);
    }
  });

  it("isnad receipt verify --tsa-root checks the token offline and names the time and the TSA", async () => {
    const env = { ISNAD_SERVER: stack.url, ISNAD_API_KEY: stack.apiKey };
    const original = join(work, "statement.txt");
    const receiptFile = join(work, "receipt.json");
    const keysFile = join(work, "keys.json");
    await writeFile(original, `Trusted time through the CLI, ${Date.now()}.\n`);
    expect((await runCli(["upload", original, "--receipt-out", receiptFile, "--json"], env)).code).toBe(0);
    expect((await runCli(["keys", "fetch", "--out", keysFile], env)).code).toBe(0);
    const offline = { ...noNetworkEnv(join(work, "network.log")), ISNAD_SERVER: "http://127.0.0.1:9" };
    const verify = (receipt: string, ...args: string[]) =>
      runCli(
        ["receipt", "verify", "--receipt", receipt, "--original", original, "--keys", keysFile, ...args],
        offline,
      );

    const ok = await verify(receiptFile, "--tsa-root", tsa.rootPath, "--tsa-policy", TEST_TSA_POLICY);
    expect(ok.stdout).toMatch(
      /✓ timestamp +the checkpoint existed no later than \S+Z, according to isnad test TSA/,
    );
    expect(ok.code).toBe(0);

    const unchecked = await verify(receiptFile);
    expect(unchecked.stdout).toMatch(/– timestamp +not checked: 1 RFC 3161 timestamp/);
    expect(unchecked.code).toBe(0);

    const wrongRoot = await verify(receiptFile, "--tsa-root", tsa.otherRootPath);
    expect(wrongRoot.stdout).toMatch(/✗ timestamp +the timestamp from \S+ does not verify: no chain/);
    expect(wrongRoot.code).toBe(1);

    // A genuine token of the same TSA, but over other bytes: the imprint gives it away.
    const receipt = JSON.parse(await readFile(receiptFile, "utf8")) as ReceiptJson;
    const req = buildTimeStampRequest(sha256(utf8("another checkpoint\n")));
    const answer = await fetch(tsa.url, {
      method: "POST",
      headers: { "content-type": "application/timestamp-query" },
      body: req.der,
    });
    const foreign = tokenFromResponse(new Uint8Array(await answer.arrayBuffer()));
    const moved = join(work, "moved.json");
    await writeFile(
      moved,
      JSON.stringify({ ...receipt, timestamps: [{ tsa: tsa.url, token: formatBase64(foreign) }] }),
    );
    const movedRun = await verify(moved, "--tsa-root", tsa.rootPath);
    expect(movedRun.stdout).toMatch(
      /✗ timestamp +the timestamp from \S+ does not verify: .*message imprint differs/,
    );
    expect(movedRun.code).toBe(1);
  });
});
