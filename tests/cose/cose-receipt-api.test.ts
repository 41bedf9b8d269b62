/**
 * COSE receipts over HTTP from the real local stack: statements uploaded through the API,
 * their receipts fetched with Accept: application/cose, the keys from /.well-known/scitt-keys,
 * and everything checked by @transmute/cose alone (no isnad verification code).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBase64 } from "@isnad/core";
import { coseKeySet, generateReceiptKeyPkcs8, importReceiptKey } from "@isnad/cose";
import { startTestStack, type TestStack } from "../support/local-stack";
import { transmuteVerify } from "./transmute-verifier";

let stack: TestStack;
const ids: string[] = [];

async function upload(text: string): Promise<string> {
  const form = new FormData();
  form.set("file", new File([text], "statement.txt", { type: "text/plain" }));
  const res = await fetch(`${stack.url}/v1/statements`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.apiKey}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function coseReceipt(id: string): Promise<Uint8Array> {
  const res = await fetch(`${stack.url}/v1/statements/${id}/receipt`, {
    headers: { accept: "application/cose" },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/cose\b/);
  return new Uint8Array(await res.arrayBuffer());
}

/** The exact log entry (base64 in the JSON receipt): what the reader holds and hashes as the leaf. */
async function logEntry(id: string): Promise<Uint8Array> {
  const res = await fetch(`${stack.url}/v1/statements/${id}/receipt`);
  return parseBase64(((await res.json()) as { entry: string }).entry);
}

async function keySet(): Promise<Uint8Array> {
  const res = await fetch(`${stack.url}/.well-known/scitt-keys`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/cbor");
  return new Uint8Array(await res.arrayBuffer());
}

beforeAll(async () => {
  stack = await startTestStack({ rateLimits: false });
  ids.push(stack.seeded[0]!.id);
  for (let i = 0; i < 4; i++) ids.push(await upload(`بيان رقم ${i} — ${Date.now()}\nنص البيان.`));
});
afterAll(() => stack?.close());

describe("COSE receipts from the local stack", () => {
  it("verify with @transmute/cose against /.well-known/scitt-keys for every statement", async () => {
    const keys = await keySet();
    for (const id of ids) {
      const root = new Uint8Array(await transmuteVerify(await logEntry(id), await coseReceipt(id), keys));
      // The root the COSE receipt commits to is the one in the JSON receipt's inclusion proof.
      const json = (await (await fetch(`${stack.url}/v1/statements/${id}/receipt`)).json()) as {
        inclusionProof: { rootHash: string };
      };
      expect(Buffer.from(root).toString("base64")).toBe(json.inclusionProof.rootHash);
    }
  });

  it("are rejected for another statement's entry (a wrong leaf)", async () => {
    const keys = await keySet();
    await expect(
      transmuteVerify(await logEntry(ids[1]!), await coseReceipt(ids[2]!), keys),
    ).rejects.toThrow();
    const entry = await logEntry(ids[2]!);
    const last = entry.length - 2;
    entry[last] = entry[last]! ^ 1;
    await expect(transmuteVerify(entry, await coseReceipt(ids[2]!), keys)).rejects.toThrow();
  });

  it("are rejected under a wrong key, even one published under the same kid", async () => {
    const cose = await coseReceipt(ids[1]!);
    const ours = await importReceiptKey(await generateReceiptKeyPkcs8());
    const [served] = (await import("@transmute/cose")).cbor.decode(await keySet()) as Map<
      number,
      Uint8Array
    >[];
    const forged = coseKeySet([{ ...ours, kid: new Uint8Array(served!.get(2)!) }]);
    await expect(transmuteVerify(await logEntry(ids[1]!), cose, forged)).rejects.toThrow();
  });

  it("keep the receipt key across a restart of the same data dir", async () => {
    const before = await keySet();
    await stack.stop();
    stack = { ...stack, ...(await startTestStack({ dataDir: stack.dataDir, rateLimits: false })) };
    expect(await keySet()).toEqual(before);
    await expect(
      transmuteVerify(await logEntry(ids[0]!), await coseReceipt(ids[0]!), before),
    ).resolves.toBeDefined();
  });

  it("exist for corrections too, and verify with @transmute/cose", async () => {
    const res = await fetch(`${stack.url}/v1/statements/${ids[3]}/corrections`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "عنوان مصحح", reason: "a missing title" }),
    });
    expect(res.status).toBe(201);
    const path = `${stack.url}/v1/statements/${ids[3]}/corrections/1/receipt`;
    const entry = parseBase64(((await (await fetch(path)).json()) as { entry: string }).entry);
    const cose = await fetch(path, { headers: { accept: "application/cose" } });
    expect(cose.headers.get("content-type")).toMatch(/^application\/cose\b/);
    const receipt = new Uint8Array(await cose.arrayBuffer());
    await expect(transmuteVerify(entry, receipt, await keySet())).resolves.toBeDefined();
    await expect(transmuteVerify(await logEntry(ids[3]!), receipt, await keySet())).rejects.toThrow();
  });

  it("answer a statement that does not exist with a 404 problem, not a receipt", async () => {
    const res = await fetch(`${stack.url}/v1/statements/${"0".repeat(32)}/receipt`, {
      headers: { accept: "application/cose" },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
  });

  it("are described in the OpenAPI document, with the key set", async () => {
    const doc = (await (await fetch(`${stack.url}/openapi.json`)).json()) as {
      paths: Record<string, { get: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    expect(Object.keys(doc.paths["/v1/statements/{id}/receipt"]!.get.responses["200"]!.content!)).toContain(
      "application/cose",
    );
    expect(Object.keys(doc.paths["/.well-known/scitt-keys"]!.get.responses["200"]!.content!)).toEqual([
      "application/cbor",
    ]);
  });
});
