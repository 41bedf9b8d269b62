/**
 * A Signed Statement under a key registered through the real domain-key registration (dnsmasq,
 * an openssl test CA, an HTTPS well-known file: tests/domain-keys/domain-fixture.ts): POST
 * /entries accepts it, and its COSE receipt verifies with @transmute/cose; once the domain
 * revokes the key, a new statement under it is refused, and a key the domain lists but never
 * registered is unknown.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBase64 } from "@isnad/core";
import { generateReceiptKeyPkcs8, importReceiptKey } from "@isnad/cose";
import { createApp, jsonLogger } from "@isnad/api";
import type { Hono } from "hono";
import {
  keyIdOf,
  keyText,
  proofBy,
  seed,
  startDomainWorld,
  type DomainWorld,
} from "../domain-keys/domain-fixture";
import { transmuteVerify } from "../cose/transmute-verifier";
import { decodeProblem, ed25519SignerFromSeed, signStatement } from "./signed-statements";

let world: DomainWorld;
let app: Hono;
const utf8 = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  world = await startDomainWorld();
  world.serveFile("press.example", world.fileFor("press.example", [1, 2], "press"));
  world.services.archive.extractor = {
    extract: async (bytes) => ({
      mediaType: "text/plain",
      status: "ok",
      text: new TextDecoder().decode(bytes),
    }),
  };
  // The fixture's app has no receipt key; SCITT answers with COSE receipts, so this one does.
  const receiptKey = await importReceiptKey(await generateReceiptKeyPkcs8());
  app = createApp({ ...world.services, logger: jsonLogger, rateLimits: false, receiptKey });
}, 60_000);
afterAll(() => world?.close());

function call(method: string, path: string, body?: BodyInit, type?: string): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${world.apiKeys.press}`, ...(type ? { "content-type": type } : {}) },
      ...(body !== undefined ? { body } : {}),
    }),
  );
}

async function registerKey(n: number): Promise<void> {
  const challenge = (await (await call("POST", "/v1/publishers/press/domain-keys/challenge")).json()) as {
    nonce: string;
  };
  const proof = proofBy(n, "press", "press.example", challenge.nonce);
  const body = JSON.stringify({
    publicKey: keyText(n),
    domain: "press.example",
    nonce: challenge.nonce,
    proof,
  });
  const res = await call("POST", "/v1/publishers/press/domain-keys", body, "application/json");
  expect(res.status, await res.clone().text()).toBe(201);
}

const statementBy = (n: number, text: string) =>
  signStatement(ed25519SignerFromSeed(seed(n)), utf8(text), {
    kid: keyIdOf(n),
    contentType: "text/plain",
    issuer: "press.example",
  });

describe("POST /entries with a domain-bound key", () => {
  it("registers a statement signed by a registered key, refuses it once revoked, and an unregistered one", async () => {
    await registerKey(1);
    const res = await call(
      "POST",
      "/entries",
      Uint8Array.from(await statementBy(1, "بيان موقع")),
      "application/cose",
    );
    expect(res.status).toBe(201);
    const id = res.headers.get("location")!.slice("/entries/".length);
    const receipt = new Uint8Array(await res.arrayBuffer());
    const entry = parseBase64(
      ((await (await app.request(`/v1/statements/${id}/receipt`)).json()) as { entry: string }).entry,
    );
    const keys = new Uint8Array(await (await app.request("/.well-known/scitt-keys")).arrayBuffer());
    await expect(transmuteVerify(entry, receipt, keys)).resolves.toBeDefined();

    const revoked = await call("POST", `/v1/publishers/press/domain-keys/${keyIdOf(1)}/revoke`);
    expect(revoked.status).toBe(200);
    const after = await call(
      "POST",
      "/entries",
      Uint8Array.from(await statementBy(1, "بعد الإلغاء")),
      "application/cose",
    );
    expect(after.status).toBe(400);
    expect(decodeProblem(await after.arrayBuffer()).get(-1)).toBe("Rejected");

    const unregistered = await call(
      "POST",
      "/entries",
      Uint8Array.from(await statementBy(2, "مفتاح ثان")),
      "application/cose",
    );
    expect(unregistered.status).toBe(400);
    expect(decodeProblem(await unregistered.arrayBuffer()).get(-1)).toBe("Unknown Key");
  });
});
