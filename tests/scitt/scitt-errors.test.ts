/**
 * Every way a SCITT registration or lookup fails answers RFC 9290 concise problem details
 * (application/concise-problem-details+cbor) that an independent CBOR decoder (@transmute/cose's)
 * reads: -1 title, -2 detail, -3 instance, -4 the response code in CoAP form, and isnad's stable
 * problem type as a custom entry. Nothing is archived for a refused statement.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHex, sha256 } from "@isnad/core";
import { publisherKeyId, statementId } from "@isnad/archive";
import { startScittStack, type ScittStack } from "./scitt-stack";
import {
  decodeProblem,
  detachPayload,
  ed25519Signer,
  signStatement,
  signStatementEs256,
  type Ed25519Signer,
} from "./signed-statements";

const MAX = 64 * 1024;
let stack: ScittStack;
let signer: Ed25519Signer;
let kid: string;
let revoked: Ed25519Signer;

const utf8 = (text: string) => new TextEncoder().encode(text);

interface Expected {
  status: number;
  title: string | RegExp;
  detail: RegExp;
  type: string;
}

/** Checks the concise problem; returns the decoded map for anything more. */
async function expectProblem(res: Response, expected: Expected): Promise<Map<number | string, unknown>> {
  expect(res.status).toBe(expected.status);
  expect(res.headers.get("content-type")).toBe("application/concise-problem-details+cbor");
  const problem = decodeProblem(await res.arrayBuffer());
  expect(problem.get(-1)).toMatch(expected.title);
  expect(problem.get(-2)).toMatch(expected.detail);
  expect(problem.get(-3)).toMatch(/^\/entries/);
  // RFC 7252 §3: class << 5 | detail, e.g. 4.00 = 128.
  expect(problem.get(-4)).toBe((Math.floor(expected.status / 100) << 5) | (expected.status % 100));
  // Its custom entry (RFC 9290 §3.2): a text-keyed map, which this decoder gives as an object.
  expect(problem.get(`urn:isnad:problem:${expected.type}`)).toMatchObject({ status: expected.status });
  return problem;
}

const post = (body: Uint8Array | string, headers: Record<string, string> = {}) =>
  stack.register(body, headers);

/** Nothing may be archived for a refused Signed Statement. */
async function expectNotArchived(bytes: Uint8Array): Promise<void> {
  const id = statementId(stack.publisher, formatHex(sha256(bytes)));
  expect((await fetch(`${stack.url}/v1/statements/${id}`)).status).toBe(404);
}

beforeAll(async () => {
  stack = await startScittStack({ maxUploadBytes: MAX });
  signer = ed25519Signer();
  revoked = ed25519Signer();
  kid = stack.trust(signer);
  stack.trust(revoked, { retiredAt: "2021-01-01T00:00:00.000Z", retiredBy: "revoked" });
});
afterAll(() => stack?.close());

describe("POST /entries refuses, in concise problem details", () => {
  it("no or a wrong API key (401, with WWW-Authenticate)", async () => {
    const body = await signStatement(signer, utf8("x"), { kid });
    for (const authorization of ["", "Bearer not-a-key"]) {
      const res = await fetch(`${stack.url}/entries`, {
        method: "POST",
        headers: { authorization, "content-type": "application/cose" },
        body: Uint8Array.from(body),
      });
      await expectProblem(res, { status: 401, title: "Unauthorized", detail: /key/i, type: "unauthorized" });
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it("another media type (415) and an empty body (400)", async () => {
    const body = await signStatement(signer, utf8("x"), { kid });
    await expectProblem(await post(body, { "content-type": "application/json" }), {
      status: 415,
      title: "Unsupported media type",
      detail: /application\/cose/,
      type: "unsupported-media-type",
    });
    await expectProblem(await post(new Uint8Array(0)), {
      status: 400,
      title: "Bad request",
      detail: /empty/,
      type: "bad-request",
    });
  });

  it("a body larger than the upload limit (413)", async () => {
    const body = await signStatement(signer, new Uint8Array(MAX + 1).fill(0x61), { kid });
    const problem = await expectProblem(await post(body), {
      status: 413,
      title: /too large/i,
      detail: new RegExp(`${MAX}`),
      type: "too-large",
    });
    expect(problem.get("urn:isnad:problem:too-large")).toMatchObject({ maxBytes: MAX });
  });

  it("bytes that are not CBOR, or not a COSE_Sign1 (400 Malformed request)", async () => {
    // Ten thousand one-byte items in an unprotected header: refused by count, not decoded into memory.
    const crowded = [
      0x84,
      0x40,
      0xa1,
      0x01,
      0x99,
      0x27,
      0x10,
      ...new Array<number>(10_000).fill(0),
      0xf6,
      0x40,
    ];
    for (const bytes of [
      utf8("not cbor at all"),
      Uint8Array.of(0x83, 0x40, 0xa0, 0xf6),
      Uint8Array.of(0xd3, 0x80),
      Uint8Array.from(crowded),
    ]) {
      await expectProblem(await post(bytes), {
        status: 400,
        title: "Malformed request",
        detail: /CBOR|COSE_Sign1/,
        type: "bad-request",
      });
    }
  });

  it("a detached payload (400 Payload Missing)", async () => {
    const body = detachPayload(await signStatement(signer, utf8("detached"), { kid }));
    await expectProblem(await post(body), {
      status: 400,
      title: "Payload Missing",
      detail: /detached/,
      type: "bad-request",
    });
  });

  it("ES256 and an unprotected alg (400 Bad Signature Algorithm)", async () => {
    const es256 = await signStatementEs256(utf8("es256"), kid);
    await expectProblem(await post(es256), {
      status: 400,
      title: "Bad Signature Algorithm",
      detail: /alg -7/,
      type: "bad-request",
    });
    const unprotected = await signStatement(signer, utf8("unprotected alg"), { kid, unprotectedAlg: true });
    await expectProblem(await post(unprotected), {
      status: 400,
      title: "Bad Signature Algorithm",
      detail: /protected/,
      type: "bad-request",
    });
    await expectNotArchived(es256);
  });

  it("no kid, or a kid that is not one of the publisher's keys (400 Unknown Key)", async () => {
    const stranger = ed25519Signer();
    const cases = [
      await signStatement(signer, utf8("no kid"), {}),
      await signStatement(stranger, utf8("stranger"), { kid: publisherKeyId(stranger.publicKey) }),
    ];
    for (const body of cases) {
      await expectProblem(await post(body), {
        status: 400,
        title: "Unknown Key",
        detail: /kid/,
        type: "bad-request",
      });
      await expectNotArchived(body);
    }
  });

  it("a signature that does not verify (400 Bad Signature)", async () => {
    const stranger = ed25519Signer();
    // Signed by another key under this publisher's kid.
    const forged = await signStatement(stranger, utf8("forged"), { kid, contentType: "text/plain" });
    await expectProblem(await post(forged), {
      status: 400,
      title: "Bad Signature",
      detail: /does not verify/,
      type: "bad-request",
    });
    // A genuine statement with one bit of its signature flipped.
    const tampered = await signStatement(signer, utf8("tampered"), { kid });
    tampered[tampered.length - 1]! ^= 1;
    await expectProblem(await post(tampered), {
      status: 400,
      title: "Bad Signature",
      detail: /verify/,
      type: "bad-request",
    });
    await expectNotArchived(forged);
    await expectNotArchived(tampered);
  });

  it("a revoked key, and a CWT issuer that is not the key's domain (400 Rejected)", async () => {
    const byRevoked = await signStatement(revoked, utf8("revoked"), {
      kid: publisherKeyId(revoked.publicKey),
    });
    await expectProblem(await post(byRevoked), {
      status: 400,
      title: "Rejected",
      detail: /revoked/,
      type: "bad-request",
    });
    const otherIssuer = await signStatement(signer, utf8("issuer"), { kid, issuer: "https://other.example" });
    await expectProblem(await post(otherIssuer), {
      status: 400,
      title: "Rejected",
      detail: /press\.example/,
      type: "bad-request",
    });
    await expectNotArchived(byRevoked);
    await expectNotArchived(otherIssuer);
  });
});

describe("GET /entries/{id} and other methods fail in concise problem details", () => {
  it("an id that is not a statement id (400 Invalid locator), an unknown one (404)", async () => {
    await expectProblem(await fetch(`${stack.url}/entries/not-an-id`), {
      status: 400,
      title: "Invalid locator",
      detail: /32/,
      type: "bad-request",
    });
    await expectProblem(await fetch(`${stack.url}/entries/${"0".repeat(32)}`), {
      status: 404,
      title: "Not found",
      detail: /no entry/,
      type: "not-found",
    });
  });

  it("a method the route does not serve (405, with Allow)", async () => {
    const res = await fetch(`${stack.url}/entries`, { method: "PUT", body: "x" });
    await expectProblem(res, {
      status: 405,
      title: "Method not allowed",
      detail: /PUT/,
      type: "method-not-allowed",
    });
    expect(res.headers.get("allow")).toContain("POST");
  });
});
