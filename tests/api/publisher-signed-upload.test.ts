/**
 * Publisher-signed uploads (issue #17) through HTTP on the real local stack: a signature over the
 * isnad-statement/v1 message, as a multipart field or file, a query parameter or the
 * Isnad-Signature header, in SSHSIG or raw Ed25519 form, is checked against the publisher's
 * domain keys and kept in the signed record; a wrong key, a wrong message, a revoked or unknown
 * key is a 400 naming why, and nothing is stored.
 * The key directory is InMemoryPublisherKeyDirectory, put into the running archive's deps.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ed25519KeyPair, formatBase64, formatHex, sha256, signEd25519 } from "@isnad/core";
import { signSshsig, statementSignatureMessage } from "@isnad/cose";
import { InMemoryPublisherKeyDirectory, publisherKeyId, type PublisherKey } from "@isnad/archive";
import { startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack;
const seed = (n: number) => new Uint8Array(32).fill(n);
const key = (n: number, extra: Partial<PublisherKey> = {}): PublisherKey => {
  const publicKey = ed25519KeyPair(seed(n)).publicKey;
  return {
    keyId: publisherKeyId(publicKey),
    publicKey,
    domain: "press.example",
    introducedAt: "2020-01-01T00:00:00.000Z",
    ...extra,
  };
};

beforeAll(async () => {
  stack = await startTestStack();
  const directory = new InMemoryPublisherKeyDirectory();
  directory.add(stack.publisher, key(1));
  directory.add(stack.publisher, key(2, { retiredAt: "2021-01-01T00:00:00.000Z", retiredBy: "revoked" }));
  stack.services.archive.publisherKeys = directory;
});
afterAll(() => stack?.close());

const enc = (s: string) => new TextEncoder().encode(s);
let counter = 0;
const uniqueText = (tag: string) => enc(`signed ${tag} ${Date.now()} ${counter++}\nبيان صحفي موقع.\n`);
const message = (doc: Uint8Array, fields: Record<string, string> = {}, domain = "press.example") =>
  statementSignatureMessage({ sha256: formatHex(sha256(doc)), publisher: stack.publisher, domain, fields });
const rawSignature = (n: number, msg: Uint8Array) => formatBase64(signEd25519(seed(n), msg));

async function call(path: string, init: RequestInit = {}) {
  const res = await fetch(`${stack.url}${path}`, init);
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: (await res.json()) as any };
}
const post = (body: BodyInit, headers: Record<string, string> = {}, query = "") =>
  call(`/v1/statements${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.apiKey}`, ...headers },
    body,
  });
const form = (doc: Uint8Array, fields: Record<string, string | Blob>) => {
  const data = new FormData();
  data.set("file", new Blob([Uint8Array.from(doc)], { type: "text/plain" }), "statement.txt");
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const archived = async (doc: Uint8Array) =>
  (await call(`/v1/verify?sha256=${formatHex(sha256(doc))}`)).body.matches.length;

async function expectRefused(res: Awaited<ReturnType<typeof post>>, doc: Uint8Array, reason: string) {
  expect({ status: res.status, type: res.type }).toEqual({ status: 400, type: "application/problem+json" });
  expect(res.body.reason, JSON.stringify(res.body)).toBe(reason);
  expect(res.body.detail).toMatch(/^signature: .*nothing was archived$/);
  expect(await archived(doc)).toBe(0);
}

describe("signed uploads accepted", () => {
  it("multipart: a raw Ed25519 signature field, kept in the signed record and the log entry", async () => {
    const doc = uniqueText("multipart");
    const fields = { title: "بيان", language: "ar", publishedAt: "2026-12-01" };
    const signature = rawSignature(1, message(doc, fields));
    const res = await post(form(doc, { ...fields, signature }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.record.publisherSignature).toEqual({
      format: "ed25519",
      keyId: key(1).keyId,
      domain: "press.example",
      publicKey: formatBase64(key(1).publicKey),
      signature,
    });
    const receipt = (await call(`${res.body.links.self}/receipt`)).body;
    const entry = JSON.parse(new TextDecoder().decode(Buffer.from(receipt.entry, "base64")));
    expect(entry.publisherSignature.keyId).toBe(key(1).keyId);
  });

  it("multipart: an SSHSIG sent as the .sig file", async () => {
    const doc = uniqueText("sig-file");
    const armored = await signSshsig(seed(1), message(doc));
    const res = await post(form(doc, { signature: new Blob([armored]) }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.record.publisherSignature.format).toBe("sshsig");
  });

  it("raw body: ?signature= (SSHSIG) or the Isnad-Signature header (Ed25519)", async () => {
    const doc = uniqueText("query");
    const armored = await signSshsig(seed(1), message(doc, { title: "t" }));
    const viaQuery = await post(
      doc,
      { "content-type": "text/plain" },
      `?title=t&signature=${encodeURIComponent(armored)}`,
    );
    expect(viaQuery.status, JSON.stringify(viaQuery.body)).toBe(201);
    expect(viaQuery.body.record.publisherSignature.signature).toBe(armored.trim());

    const other = uniqueText("header");
    const viaHeader = await post(other, {
      "content-type": "text/plain",
      "isnad-signature": rawSignature(1, message(other)),
    });
    expect(viaHeader.status, JSON.stringify(viaHeader.body)).toBe(201);
    expect(viaHeader.body.record.publisherSignature.format).toBe("ed25519");
  });
});

describe("signed uploads refused, nothing stored", () => {
  it("a key the publisher never registered (raw: does not verify; SSHSIG: names the key)", async () => {
    const doc = uniqueText("unknown");
    await expectRefused(
      await post(form(doc, { signature: rawSignature(3, message(doc)) })),
      doc,
      "does-not-verify",
    );
    const ssh = await signSshsig(seed(3), message(doc));
    const res = await post(form(doc, { signature: ssh }));
    await expectRefused(res, doc, "unknown-key");
    expect(res.body.keyId).toBe(key(3).keyId);
  });

  it("a signature over other fields, other bytes or another domain", async () => {
    const doc = uniqueText("wrong-message");
    const signedTitle = rawSignature(1, message(doc, { title: "signed title" }));
    await expectRefused(
      await post(form(doc, { title: "sent title", signature: signedTitle })),
      doc,
      "does-not-verify",
    );
    const otherBytes = rawSignature(1, message(uniqueText("other")));
    await expectRefused(await post(form(doc, { signature: otherBytes })), doc, "does-not-verify");
    const otherDomain = rawSignature(1, message(doc, {}, "evil.example"));
    await expectRefused(await post(form(doc, { signature: otherDomain })), doc, "does-not-verify");
  });

  it("a revoked key, garbage, and a signature sent twice", async () => {
    const doc = uniqueText("revoked");
    await expectRefused(
      await post(form(doc, { signature: rawSignature(2, message(doc)) })),
      doc,
      "key-not-trusted",
    );
    await expectRefused(await post(form(doc, { signature: "not a signature" })), doc, "malformed");
    const notUtf8 = await post(form(doc, { signature: new Blob([Uint8Array.of(0xff, 0xfe)]) }));
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.body.detail).toBe("signature: not valid UTF-8");
    const twice = await post(
      doc,
      { "content-type": "text/plain", "isnad-signature": rawSignature(1, message(doc)) },
      `?signature=${encodeURIComponent(rawSignature(1, message(doc)))}`,
    );
    expect(twice.status).toBe(400);
    expect(twice.body.detail).toMatch(/^signature: sent twice/);
    expect(await archived(doc)).toBe(0);
  });

  it("bytes archived unsigned cannot be signed afterwards (409); signed ones re-upload as 200", async () => {
    const doc = uniqueText("late");
    expect((await post(doc, { "content-type": "text/plain" })).status).toBe(201);
    const late = await post(doc, {
      "content-type": "text/plain",
      "isnad-signature": rawSignature(1, message(doc)),
    });
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/without a publisher signature/);

    const signedDoc = uniqueText("again");
    const signature = rawSignature(1, message(signedDoc));
    const headers = { "content-type": "text/plain", "isnad-signature": signature };
    expect((await post(signedDoc, headers)).status).toBe(201);
    expect((await post(signedDoc, headers)).status).toBe(200);
    expect((await post(signedDoc, { "content-type": "text/plain" })).status).toBe(200);
  });
});

describe("signed by <domain>, apart from archived by isnad", () => {
  it("the statement view and verify by hash, by file and by quote name the signer; unsigned ones say null", async () => {
    const line = `signed view ${Date.now()} ${counter++} نص البيان الموقع من المكتب الصحفي`;
    const doc = enc(`${line}\n`);
    const signature = rawSignature(1, message(doc));
    const res = await post(doc, { "content-type": "text/plain", "isnad-signature": signature });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const signedBy = { domain: "press.example", keyId: key(1).keyId, format: "ed25519" };
    expect(res.body.signedBy).toEqual(signedBy);
    expect((await call(res.body.links.self)).body.signedBy).toEqual(signedBy);
    const page = await (await fetch(`${stack.url}/s/${res.body.id}?lang=en`)).text();
    expect(page).toContain(`data-signed-by="press.example" data-key-id="${key(1).keyId}"`);
    expect(page).toMatch(/Signed by <bdi dir="ltr">press\.example<\/bdi> with key/);

    const byHash = await call(`/v1/verify?sha256=${formatHex(sha256(doc))}`);
    expect(byHash.body.matches[0].signedBy).toEqual(signedBy);
    expect(byHash.body.matches[0].signature.valid).toBe(true);
    const file = new FormData();
    file.set("file", new Blob([Uint8Array.from(doc)]), "doc.txt");
    const byFile = await call("/v1/verify", { method: "POST", body: file });
    expect(byFile.body.matches[0].signedBy).toEqual(signedBy);
    const byQuote = await call(`/v1/verify?text=${encodeURIComponent(line)}`);
    const match = byQuote.body.matches.find((m: any) => m.statement === res.body.id);
    expect(match?.signedBy, JSON.stringify(byQuote.body)).toEqual(signedBy);

    const unsigned = uniqueText("unsigned");
    const plain = await post(unsigned, { "content-type": "text/plain" });
    expect(plain.body.signedBy).toBeNull();
    const plainPage = await (await fetch(`${stack.url}/s/${plain.body.id}?lang=en`)).text();
    expect(plainPage).toContain("Not signed by the publisher");
    expect(
      (await call(`/v1/verify?sha256=${formatHex(sha256(unsigned))}`)).body.matches[0].signedBy,
    ).toBeNull();
  });
});

describe("presigned uploads (POST /v1/uploads)", () => {
  const start = (doc: Uint8Array, extra: Record<string, unknown>) =>
    call("/v1/uploads", {
      method: "POST",
      headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        sha256: formatHex(sha256(doc)),
        size: doc.length,
        mediaType: "text/plain",
        ...extra,
      }),
    });

  it("carry the signature to the record; a bad one is refused before any PUT", async () => {
    const doc = uniqueText("presigned");
    const refused = await start(doc, { signature: rawSignature(3, message(doc)) });
    expect(refused.status).toBe(400);
    expect(refused.body.reason).toBe("does-not-verify");

    const started = await start(doc, {
      title: "كبير",
      signature: rawSignature(1, message(doc, { title: "كبير" })),
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const put = await fetch(started.body.url, {
      method: "PUT",
      headers: started.body.headers,
      body: Uint8Array.from(doc),
    });
    expect(put.status).toBe(200);
    const done = await call(started.body.links.complete, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.apiKey}` },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.signedBy).toEqual({ domain: "press.example", keyId: key(1).keyId, format: "ed25519" });
  });
});
