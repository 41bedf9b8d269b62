/**
 * Registering domain-bound publisher keys through the API (issue #17), against real DNS
 * (dnsmasq), real TLS (an openssl test CA) and a real HTTPS server: the happy path logs an entry
 * that records the file's SHA-256 and the certificate's fingerprint; every refusal is a 4xx
 * problem naming what failed — a key the file does not list, a TXT record naming other keys, a
 * file declaring another domain, a certificate for another name, a wrong proof, a replayed
 * nonce, a rotated-away or revoked key introduced again, a redirect.
 */
import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalize, sha256Hex, utf8 } from "@isnad/core";
import { DomainKeys, keyTrustedAt, type DomainFetchOptions } from "@isnad/archive";
import { keyIdOf, keyText, proofBy, startDomainWorld, type DomainWorld } from "./domain-fixture";

let world: DomainWorld;
beforeAll(async () => {
  world = await startDomainWorld();
  world.serveFile("press.example", world.fileFor("press.example", [1, 2, 3], "press"));
  world.serveFile("plain.example", world.fileFor("plain.example", [5]));
  world.serveFile("mirror.example", world.fileFor("press.example", [6]));
  world.serveFile("other.example", world.fileFor("other.example", [7]));
}, 60_000);
afterAll(() => world?.close());

async function call(method: string, path: string, publisher: string, body?: unknown) {
  const res = await world.app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${world.apiKeys[publisher]}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: (await res.json()) as any };
}

async function nonceFor(publisher: string): Promise<string> {
  const res = await call("POST", `/v1/publishers/${publisher}/domain-keys/challenge`, publisher);
  expect(res.status).toBe(201);
  return res.body.nonce as string;
}

/** Challenge, proof by key `signer` (default: the key itself), registration. */
async function register(
  publisher: string,
  domain: string,
  key: number,
  options: { signer?: number; nonce?: string } = {},
) {
  const nonce = options.nonce ?? (await nonceFor(publisher));
  const proof = proofBy(options.signer ?? key, publisher, domain, nonce, key);
  const res = await call("POST", `/v1/publishers/${publisher}/domain-keys`, publisher, {
    publicKey: keyText(key),
    domain,
    nonce,
    proof,
  });
  return { ...res, nonce };
}

/** Registers key 8 for plain.example with DomainKeys itself, fetching with these options changed. */
async function registerDirectly(fetch: Partial<DomainFetchOptions>) {
  const keys = new DomainKeys({
    ...world.services.archive,
    publishers: world.services.publishers,
    fetch: { ...world.fetchOptions, ...fetch },
  });
  const { nonce } = await keys.challenge("plain");
  return keys.register("plain", {
    publicKey: keyText(8),
    domain: "plain.example",
    nonce,
    proof: proofBy(8, "plain", "plain.example", nonce),
  });
}

describe("domain-key registration", () => {
  it("logs a key the domain lists over HTTPS and names in its TXT record, with what isnad saw", async () => {
    const res = await register("press", "press.example", 1);
    expect(res.status).toBe(201);
    expect(res.body.key).toMatchObject({ keyId: keyIdOf(1), domain: "press.example", status: "active" });
    const entry = res.body.entry;
    expect(entry).toMatchObject({ type: "isnad.publisher-key/v1", action: "introduced", publisher: "press" });
    expect(entry.evidence.url).toBe("https://press.example/.well-known/isnad-publisher");
    expect(entry.evidence.sha256).toBe(sha256Hex(utf8(world.fileFor("press.example", [1, 2, 3], "press"))));
    expect(entry.evidence.certificateSha256).toBe(world.pki.certSha256);
    expect(entry.evidence.txt).toContain(keyIdOf(1));
    expect(entry.signature.alg).toBe("Ed25519");
    // The entry is in the log, byte for byte what the response shows: its receipt checks out.
    const receipt = await world.services.log.reader.receipt(res.body.leafIndex, utf8(canonicalize(entry)));
    expect(receipt.leafIndex).toBe(res.body.leafIndex);
    const list = await world.app.request("/v1/publishers/press/keys");
    expect(((await list.json()) as any).keys.map((k: any) => k.keyId)).toEqual([keyIdOf(1)]);
  });

  it("registers without a TXT record when the domain has none", async () => {
    const res = await register("plain", "plain.example", 5);
    expect(res.status).toBe(201);
    expect(res.body.entry.evidence.txt).toBeNull();
  });

  it("refuses a key the file does not list", async () => {
    const res = await register("press", "press.example", 4);
    expect(res.status).toBe(400);
    expect(res.type).toBe("application/problem+json");
    expect(res.body.detail).toBe(
      `the file at https://press.example/.well-known/isnad-publisher does not list this key (${keyIdOf(4)})`,
    );
    expect(res.body.check).toBe("well-known");
  });

  it("refuses a key the TXT record does not name", async () => {
    const res = await register("press", "press.example", 3);
    expect(res.status).toBe(400);
    expect(res.body.check).toBe("txt");
    expect(res.body.detail).toMatch(/^TXT record mismatch: _isnad.press.example names .* not ed25519:/);
  });

  it("refuses a file that declares another domain, and a certificate for another name", async () => {
    const mirror = await register("mirror", "mirror.example", 6);
    expect(mirror.status).toBe(400);
    expect(mirror.body.detail).toMatch(/declares the domain press.example, not mirror.example/);
    const other = await register("other", "other.example", 7);
    expect(other.status).toBe(400);
    expect(other.body.detail).toMatch(/TLS certificate .* is not valid for other.example/);
  });

  it("refuses a certificate from a CA it was not given", async () => {
    const attempt = registerDirectly({ ca: world.pki.otherRootPem });
    await expect(attempt).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(
        /TLS certificate served at https:\/\/plain.example\/.* is not trusted \(/,
      ),
    });
  });

  it("bounds what it reads: a file over 16 KiB, a server that never answers", async () => {
    world.serveFile("plain.example", JSON.stringify({ pad: "x".repeat(20_000) }));
    const big = await register("plain", "plain.example", 8);
    expect(big.status).toBe(400);
    expect(big.body.detail).toMatch(/is larger than 16384 bytes/);
    const silent = createServer(() => undefined); // accepts, never says a word
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const attempt = registerDirectly({ port, timeoutMs: 500 });
      await expect(attempt).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/took longer than 500 ms/),
      });
    } finally {
      silent.close();
    }
  });

  it("refuses a domain other than the publisher's own", async () => {
    const res = await register("press", "plain.example", 5);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/declares the domain press.example, not plain.example/);
  });

  it("refuses a wrong proof of possession, and then still accepts the nonce with the right one", async () => {
    const nonce = await nonceFor("press");
    const wrong = await register("press", "press.example", 2, { signer: 9, nonce });
    expect(wrong.status).toBe(400);
    expect(wrong.body.check).toBe("possession");
    const right = await register("press", "press.example", 2, { nonce });
    expect(right.status).toBe(201);
  });

  it("refuses a replayed nonce, and one issued to another publisher", async () => {
    const first = await register("plain", "plain.example", 5);
    expect(first.status).toBe(200); // known already: nothing new logged
    const replay = await register("plain", "plain.example", 5, { nonce: first.nonce });
    expect(replay.status).toBe(400);
    expect(replay.body.detail).toMatch(/already used/);
    const foreign = await register("plain", "plain.example", 5, { nonce: await nonceFor("press") });
    expect(foreign.body.detail).toMatch(/unknown nonce/);
  });

  it("rotates away a key only once the domain no longer lists it, and never introduces it again", async () => {
    const still = await call("POST", `/v1/publishers/press/domain-keys/${keyIdOf(1)}/rotate`, "press");
    expect(still.status).toBe(409);
    expect(still.body.detail).toMatch(/still lists/);
    world.serveFile("press.example", world.fileFor("press.example", [2, 3], "press"));
    const rotated = await call("POST", `/v1/publishers/press/domain-keys/${keyIdOf(1)}/rotate`, "press");
    expect(rotated.status).toBe(200);
    expect(rotated.body.entry).toMatchObject({ action: "rotated", keyId: keyIdOf(1) });
    expect(rotated.body.key.status).toBe("rotated");
    world.serveFile("press.example", world.fileFor("press.example", [1, 2, 3], "press"));
    const again = await register("press", "press.example", 1);
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/was rotated on .*never introduced again/);
    const [key] = await world.services.archive.publisherKeys!.keysOf("press");
    expect(key!.retiredBy).toBe("rotated");
    expect(keyTrustedAt(key!, key!.introducedAt)).toBe(true);
    expect(keyTrustedAt(key!, key!.retiredAt!)).toBe(false);
  });

  it("revokes a key for all time", async () => {
    const res = await call("POST", `/v1/publishers/press/domain-keys/${keyIdOf(2)}/revoke`, "press", {
      reason: "key file leaked",
    });
    expect(res.status).toBe(200);
    expect(res.body.entry).toMatchObject({ action: "revoked", reason: "key file leaked" });
    const keys = await world.services.archive.publisherKeys!.keysOf("press");
    const revoked = keys.find((k) => k.keyId === keyIdOf(2))!;
    expect(keyTrustedAt(revoked, revoked.introducedAt)).toBe(false);
    expect((await register("press", "press.example", 2)).status).toBe(409);
    const list = (await (await world.app.request("/v1/publishers/press/keys")).json()) as any;
    expect(list.keys.map((k: any) => [k.keyId, k.status])).toEqual([
      [keyIdOf(1), "rotated"],
      [keyIdOf(2), "revoked"],
    ]);
  });

  it("follows no redirect, and acts only with the publisher's own API key", async () => {
    world.serveFile("plain.example", "", 302, { location: "https://elsewhere.example/key" });
    const res = await register("plain", "plain.example", 8);
    expect(res.body.detail).toMatch(
      /answered 302 to https:\/\/elsewhere.example\/key; isnad follows no redirects/,
    );
    const forbidden = await call("POST", "/v1/publishers/press/domain-keys/challenge", "plain");
    expect(forbidden.status).toBe(403);
    const anonymous = await world.app.request("/v1/publishers/press/domain-keys/challenge", {
      method: "POST",
    });
    expect(anonymous.status).toBe(401);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await (await world.app.request("/openapi.json")).json()) as any;
    for (const path of [
      "/v1/publishers/{id}/domain-keys/challenge",
      "/v1/publishers/{id}/domain-keys",
      "/v1/publishers/{id}/domain-keys/{keyId}/rotate",
      "/v1/publishers/{id}/domain-keys/{keyId}/revoke",
      "/v1/publishers/{id}/keys",
    ]) {
      expect(Object.keys(doc.paths[path] ?? {}), path).not.toHaveLength(0);
    }
    expect(doc.components.schemas.DomainKey.required).toContain("keyId");
  });
});
