/**
 * "I own press.example" → "signed by press.example", end to end (issue #17): a key registered
 * through the real domain-key registration (dnsmasq, an openssl test CA, an HTTPS well-known
 * file) signs an upload; the record, the verify answer and `isnad receipt verify
 * --publisher-keys` (offline, a separate process) say who signed. After the domain revokes the
 * key, new uploads signed with it are refused, and the offline check of the old receipt fails
 * against the new key list (a revoked key is distrusted for all time).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBase64, formatHex, sha256, signEd25519 } from "@isnad/core";
import { statementSignatureMessage } from "@isnad/cose";
import { runCli } from "../support/cli";
import { keyIdOf, keyText, proofBy, seed, startDomainWorld, type DomainWorld } from "./domain-fixture";

let world: DomainWorld;
let dir: string;
beforeAll(async () => {
  world = await startDomainWorld();
  world.serveFile("press.example", world.fileFor("press.example", [1, 2], "press"));
  // The fixture's extractor refuses every document; these statements are archived without text.
  world.services.archive.extractor = {
    extract: async () => ({ mediaType: "text/plain", status: "unsupported", text: "" }),
  };
  dir = await mkdtemp(join(tmpdir(), "isnad-signed-"));
}, 60_000);
afterAll(async () => {
  await world?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function call(
  method: string,
  path: string,
  init: { body?: BodyInit; headers?: Record<string, string> } = {},
) {
  const res = await world.app.request(path, {
    method,
    headers: { authorization: `Bearer ${world.apiKeys.press}`, ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function registerKey(n: number) {
  const { body: challenge } = await call("POST", "/v1/publishers/press/domain-keys/challenge");
  const proof = proofBy(n, "press", "press.example", challenge.nonce);
  const res = await call("POST", "/v1/publishers/press/domain-keys", {
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ publicKey: keyText(n), domain: "press.example", nonce: challenge.nonce, proof }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const signedUpload = (doc: Uint8Array, n: number) => {
  const message = statementSignatureMessage({
    sha256: formatHex(sha256(doc)),
    publisher: "press",
    domain: "press.example",
    fields: { title: "بيان" },
  });
  return call("POST", "/v1/statements?title=%D8%A8%D9%8A%D8%A7%D9%86", {
    headers: { "content-type": "text/plain", "isnad-signature": formatBase64(signEd25519(seed(n), message)) },
    body: Uint8Array.from(doc),
  });
};

async function saveJson(name: string, path: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify((await call("GET", path)).body));
  return file;
}

describe("signed by press.example, through the real key registration", () => {
  it("an upload signed with a registered key says so in the record, the verify answer and receipt verify", async () => {
    await registerKey(1);
    const doc = new TextEncoder().encode(`press release ${Date.now()}\n`);
    const res = await signedUpload(doc, 1);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.signedBy).toEqual({ domain: "press.example", keyId: keyIdOf(1), format: "ed25519" });
    const verified = await call("GET", `/v1/verify?sha256=${formatHex(sha256(doc))}`);
    expect(verified.body.matches[0].signedBy.domain).toBe("press.example");

    const original = join(dir, "release.txt");
    await writeFile(original, doc);
    const receipt = await saveJson("receipt.json", `/v1/statements/${res.body.id}/receipt`);
    const keys = await saveJson("keys.json", "/v1/keys");
    const publisherKeys = await saveJson("press-keys.json", "/v1/publishers/press/keys");
    const verify = (extra: string[]) =>
      runCli(["receipt", "verify", "--receipt", receipt, "--original", original, "--keys", keys, ...extra]);

    const ok = await verify(["--publisher-keys", publisherKeys]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/✓ publisher +signed by press\.example \(key ed25519:[0-9a-f]{16}, ed25519\)/);
    const unchecked = await verify([]);
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toMatch(/– publisher +signed by press\.example .*not checked/);

    // The domain revokes the key: new signatures by it are refused, nothing stored …
    const revoked = await call("POST", `/v1/publishers/press/domain-keys/${keyIdOf(1)}/revoke`);
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    const later = new TextEncoder().encode(`press release after revocation ${Date.now()}\n`);
    const refused = await signedUpload(later, 1);
    expect(refused.status).toBe(400);
    expect(refused.body.reason).toBe("key-not-trusted");
    expect((await call("GET", `/v1/verify?sha256=${formatHex(sha256(later))}`)).body.matches).toEqual([]);
    // … and the old receipt no longer checks against the domain's current key list.
    const afterRevocation = await saveJson("press-keys-now.json", "/v1/publishers/press/keys");
    const distrusted = await verify(["--publisher-keys", afterRevocation]);
    expect(distrusted.code).toBe(1);
    expect(distrusted.stdout).toMatch(/✗ publisher .*revoked/);
  }, 180_000); // three CLI processes, each a few seconds on 2 shared cores

  it("a key the domain lists but never registered with isnad is refused, naming it", async () => {
    const doc = new TextEncoder().encode(`unregistered key ${Date.now()}\n`);
    const res = await signedUpload(doc, 2);
    expect(res.status).toBe(400);
    expect(res.body.reason).toBe("does-not-verify");
  });
});
