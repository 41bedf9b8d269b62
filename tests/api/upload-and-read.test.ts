/**
 * Issue #3 end to end over HTTP: upload the seed statement, read it back byte-identical, check
 * its signature with nothing but /v1/keys and core, verify it by file and by hash.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canonicalizeToBytes,
  formatBase64,
  formatHex,
  parseBase64,
  sha256,
  verifyEd25519,
} from "@isnad/core";
import { seedFile, startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack;
let seed: Uint8Array;
let seedId: string;

beforeAll(async () => {
  stack = await startTestStack();
  seed = new Uint8Array(await readFile(seedFile));
  seedId = stack.seeded[0]!.id;
});
afterAll(() => stack?.close());

const auth = () => ({ authorization: `Bearer ${stack.apiKey}` });

function form(bytes: Uint8Array, name: string, fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  f.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "text/plain" }));
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

async function upload(
  bytes: Uint8Array,
  fields: Record<string, string> = {},
  headers: Record<string, string> = auth(),
) {
  const res = await fetch(`${stack.url}/v1/statements`, {
    method: "POST",
    headers,
    body: form(bytes, "statement.txt", fields),
  });
  return { res, body: (await res.json()) as Record<string, any> };
}

describe("upload", () => {
  it("archives a new document: 201, Location, a signed record that verifies under /v1/keys", async () => {
    const doc = new TextEncoder().encode(`بيان جديد ${Date.now()}\nنص البيان.`);
    const { res, body } = await upload(doc, { title: "بيان", language: "ar", publishedAt: "2024-05-01" });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(`/v1/statements/${body.id}`);
    const record = body.record;
    expect(record).toMatchObject({
      type: "isnad.statement/v1",
      publisher: stack.publisher,
      title: "بيان",
      language: "ar",
      publishedAt: "2024-05-01",
      original: { sha256: formatHex(sha256(doc)), size: doc.length, filename: "statement.txt" },
    });

    const keys = (await (await fetch(`${stack.url}/v1/keys`)).json()) as {
      keys: { keyId: string; publicKey: string }[];
    };
    const key = keys.keys.find((k) => k.keyId === record.signature.keyId)!;
    const { signature, ...unsigned } = record;
    const message = canonicalizeToBytes(unsigned);
    expect(verifyEd25519(parseBase64(key.publicKey), message, parseBase64(signature.value))).toBe(true);
    // …and a changed field breaks it.
    expect(
      verifyEd25519(
        parseBase64(key.publicKey),
        canonicalizeToBytes({ ...unsigned, title: "x" }),
        parseBase64(signature.value),
      ),
    ).toBe(false);
  });

  it("answers the same bytes again with 200 and the same statement; other metadata is a 409", async () => {
    const { res, body } = await upload(seed);
    expect(res.status).toBe(200);
    expect(body.id).toBe(seedId);
    // Other fields are never silently dropped: 409 with the correction to send (issue #14).
    const other = await upload(seed, { title: "another title" });
    expect(other.res.status).toBe(409);
    expect(other.body.differences[0]).toMatchObject({ field: "title", sent: "another title" });
    const stored = (await (await fetch(`${stack.url}/v1/statements/${seedId}`)).json()) as any;
    expect(stored.record.title).not.toBe("another title"); // the first record stands
  });

  it("accepts the raw document as the body, fields as query parameters", async () => {
    const doc = new TextEncoder().encode(`Raw statement ${Date.now()}.`);
    const res = await fetch(`${stack.url}/v1/statements?title=Raw&language=en&filename=raw.txt`, {
      method: "POST",
      headers: { ...auth(), "content-type": "text/plain; charset=utf-8" },
      body: doc as Uint8Array<ArrayBuffer>,
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, any>;
    expect(body.record).toMatchObject({
      title: "Raw",
      language: "en",
      original: { filename: "raw.txt", mediaType: "text/plain" },
    });
  });

  it("refuses uploads without a key, with a wrong key, or a malformed one: 401 problem+json", async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: "Bearer isnad_0000000000000000_" + "A".repeat(43) },
      { authorization: "Basic abc" },
    ]) {
      const { res, body } = await upload(seed, {}, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect(body).toMatchObject({ type: "urn:isnad:problem:unauthorized", status: 401 });
      expect(JSON.stringify(body)).not.toContain(stack.apiKey);
    }
  });

  it("honours Idempotency-Key: a replay is fine, reuse for other bytes is a 409", async () => {
    const key = `idem-${Date.now()}`;
    const a = new TextEncoder().encode(`A ${key}`);
    const first = await upload(a, {}, { ...auth(), "idempotency-key": key });
    const again = await upload(a, {}, { ...auth(), "idempotency-key": key });
    expect([first.res.status, again.res.status]).toEqual([201, 200]);
    const other = await upload(
      new TextEncoder().encode(`B ${key}`),
      {},
      { ...auth(), "idempotency-key": key },
    );
    expect(other.res.status).toBe(409);
    expect(other.body.type).toBe("urn:isnad:problem:conflict");
  });
});

describe("provenance", () => {
  it("serves the original byte-identical, as an attachment, with Repr-Digest, ETag and immutable caching", async () => {
    const res = await fetch(`${stack.url}/v1/statements/${seedId}/original`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(formatHex(sha256(bytes))).toBe(formatHex(sha256(seed)));
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("repr-digest")).toBe(`sha-256=:${formatBase64(sha256(seed))}:`);
    expect(res.headers.get("cache-control")).toContain("immutable");
    const etag = res.headers.get("etag")!;
    const cached = await fetch(`${stack.url}/v1/statements/${seedId}/original`, {
      headers: { "if-none-match": etag },
    });
    expect(cached.status).toBe(304);
  });

  it("serves the record as JSON, and as HTML for browsers and at /s/{id}", async () => {
    const json = (await (await fetch(`${stack.url}/v1/statements/${seedId}`)).json()) as Record<string, any>;
    expect(json.record.id).toBe(seedId);
    expect(json.links.original).toBe(`/v1/statements/${seedId}/original`);
    for (const res of [
      await fetch(`${stack.url}/v1/statements/${seedId}`, { headers: { accept: "text/html,*/*" } }),
      await fetch(`${stack.url}/s/${seedId}`),
    ]) {
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(await res.text()).toContain(json.record.original.sha256);
    }
  });

  it("serves the extracted text", async () => {
    const res = await fetch(`${stack.url}/v1/statements/${seedId}/text`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("الائتلاف الوطني");
  });

  it("answers unknown and malformed ids with 404 and 400 problems", async () => {
    const missing = await fetch(`${stack.url}/v1/statements/${"0".repeat(32)}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).type).toBe("urn:isnad:problem:not-found");
    const malformed = await fetch(`${stack.url}/v1/statements/..%2F..%2Fetc`);
    expect([400, 404]).toContain(malformed.status);
    expect(malformed.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("verify by content", () => {
  const expectAuthentic = (body: any) => {
    expect(body.verdict).toBe("authentic");
    expect(body.matches).toHaveLength(1);
    expect(body.matches[0]).toMatchObject({
      statement: seedId,
      publisherId: stack.publisher,
      publisher: { id: stack.publisher },
      superseded: false,
      signature: { valid: true },
    });
  };

  it("finds the seed by file (multipart and raw), by JSON sha256 and by GET ?sha256=", async () => {
    const f = new FormData();
    f.set("file", new File([seed as Uint8Array<ArrayBuffer>], "x.txt"));
    expectAuthentic(await (await fetch(`${stack.url}/v1/verify`, { method: "POST", body: f })).json());
    expectAuthentic(
      await (
        await fetch(`${stack.url}/v1/verify`, {
          method: "POST",
          headers: { "content-type": "application/pdf" },
          body: seed as Uint8Array<ArrayBuffer>,
        })
      ).json(),
    );
    const hex = formatHex(sha256(seed));
    expectAuthentic(
      await (
        await fetch(`${stack.url}/v1/verify`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ sha256: hex.toUpperCase() }),
        })
      ).json(),
    );
    expectAuthentic(await (await fetch(`${stack.url}/v1/verify?sha256=${hex}`)).json());
  });

  it("says not-found for bytes it never archived", async () => {
    const body = (await (await fetch(`${stack.url}/v1/verify?sha256=${"ab".repeat(32)}`)).json()) as any;
    expect(body).toMatchObject({ verdict: "not-found", matches: [] });
  });

  it("rejects a malformed hash and malformed JSON with 400", async () => {
    expect((await fetch(`${stack.url}/v1/verify?sha256=xyz`)).status).toBe(400);
    const res = await fetch(`${stack.url}/v1/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).detail).toMatch(/JSON/);
  });
});

describe("service documents", () => {
  it("publishes OpenAPI 3.1 generated from the request schemas", async () => {
    const doc = (await (await fetch(`${stack.url}/openapi.json`)).json()) as any;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v1/statements",
        "/v1/statements/{id}/original",
        "/v1/statements/{id}/receipt",
        "/v1/verify",
        "/v1/uploads",
        "/v1/log",
        "/v1/log/consistency",
        "/checkpoint",
        "/tile/{L}/{N}",
        "/v1/keys",
      ]),
    );
    const post = doc.paths["/v1/statements"].post;
    expect(post.parameters.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(["title", "language", "supersedes"]),
    );
    expect(post.requestBody.content["multipart/form-data"].schema.properties.file).toBeDefined();
  });

  it("answers an unknown route with a 404 problem", async () => {
    const res = await fetch(`${stack.url}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});
