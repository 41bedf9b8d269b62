/**
 * Trusted time end to end: the local stack with a real TSA (`openssl ts -reply` over HTTP) in
 * ISNAD_TSA_URLS's place; an upload's receipt carries an RFC 3161 token over its checkpoint's
 * body that isnad's verifier and `openssl ts -verify` both accept, and the receipt still
 * verifies as before.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBase64, utf8, type ReceiptJson } from "@isnad/core";
import { checkpointBody, verifyStatementReceipt } from "@isnad/archive";
import { verifyTimestampToken } from "@isnad/timestamp";
import { openssl, startOpensslTsa, TEST_TSA_POLICY, type OpensslTsa } from "../support/openssl-tsa";
import { startTestStack, type TestStack } from "../support/local-stack";

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
});
