/**
 * Issue #8, security (who may do what): an authn/authz matrix, rate limits per key and per client
 * (429 + Retry-After), and security headers on every kind of answer. What must not leak (escaping,
 * sourceUrl, secrets) is in security-exposure.test.ts; both report as the "security" row.
 */
import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { archiveAs, bearer, notes, stack, traffic, useSecurityStack } from "./security-harness";
import { formatHex, sha256 } from "@isnad/core";
import { startTestStack } from "../support/local-stack";
import { completeUpload, putPresigned, requestUpload } from "../deploy/presigned-client";
import { makeDocument, uploadRequest } from "./documents";
import { Traffic } from "./traffic";

useSecurityStack();

describe("authentication and authorization", () => {
  it("lets each key write for its own publisher only", async () => {
    const publishers = stack.services.publishers;
    await publishers.create("other-office", "Another press office");
    const other = await publishers.issueKey("other-office");
    const revoked = await publishers.issueKey(stack.publisher);
    await publishers.revokeKey(revoked.keyId);
    const own = await archiveAs(stack.apiKey);
    expect(own.status).toBe(201);
    const mine = own.body.id!;
    const forged = `isnad_${revoked.keyId}_${"A".repeat(43)}`;

    const doc = () => makeDocument("text");
    const raw = async (headers: Record<string, string>, query = "") => {
      const d = await doc();
      const res = await traffic.fetch(`/v1/statements?${query}`, {
        method: "POST",
        headers: { "content-type": "text/plain", ...headers },
        body: d.bytes as Uint8Array<ArrayBuffer>,
      });
      return {
        status: res.status,
        auth: res.headers.get("www-authenticate"),
        body: (await res.json()) as { type: string },
      };
    };
    const matrix: [
      string,
      Promise<{ status: number; auth?: string | null; body: { type: string } }>,
      number,
    ][] = [
      ["no key", raw({}), 401],
      ["another scheme (Basic)", raw({ authorization: `Basic ${btoa(`x:${stack.apiKey}`)}` }), 401],
      ["a malformed key", raw(bearer("short")), 401],
      ["a wrong key", raw(bearer(`isnad_${"0".repeat(16)}_${"A".repeat(43)}`)), 401],
      ["a wrong secret for a real key id", raw(bearer(forged)), 401],
      ["a revoked key", raw(bearer(revoked.apiKey)), 401],
      ["its own key", raw(bearer(stack.apiKey)), 201],
      ["another publisher superseding it", raw(bearer(other.apiKey), `supersedes=${mine}`), 403],
      ["another publisher translating it", raw(bearer(other.apiKey), `translationOf=${mine}`), 403],
      ["its own publisher superseding it", raw(bearer(stack.apiKey), `supersedes=${mine}`), 201],
      [
        "a presigned upload without a key",
        traffic.json<{ type: string }>("/v1/uploads", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        }),
        401,
      ],
    ];
    const rows: string[] = [];
    for (const [name, pending, expected] of matrix) {
      const { status, body, auth } = await pending;
      expect({ name, status }).toEqual({ name, status: expected });
      if (status === 401) {
        expect(body.type).toBe("urn:isnad:problem:unauthorized");
        if (auth !== undefined) expect(auth).toMatch(/^Bearer/);
      }
      if (status === 403) expect(body.type).toBe("urn:isnad:problem:forbidden");
      rows.push(`${name} → ${status}`);
    }

    // Another publisher completing my presigned upload: as if it did not exist.
    const bytes = (await doc()).bytes;
    const ticket = await requestUpload(stack.url, stack.apiKey, {
      sha256: formatHex(sha256(bytes)),
      size: bytes.length,
      mediaType: "text/plain",
    });
    expect(ticket.status).toBe(201);
    expect((await putPresigned(ticket.body, bytes, bytes.length)).status).toBe(200);
    const stolen = await completeUpload(stack.url, other.apiKey, ticket.body.uploadId);
    expect(stolen.status).toBe(404);
    rows.push(`another publisher completing my presigned upload → ${stolen.status}`);
    const completed = await completeUpload(stack.url, stack.apiKey, ticket.body.uploadId);
    expect(completed.status).toBe(201);
    expect(completed.body.record.publisher).toBe(stack.publisher);
    rows.push(`its owner completing it → ${completed.status}`);
    notes.push(`authn/authz matrix, ${rows.length} cases as expected: ${rows.join("; ")}`);
  });
});

describe("rate limits", () => {
  it("answers 429 + Retry-After per API key for writes and per client address for reads", async () => {
    const limited = await startTestStack({
      // Buckets that do not refill within the test (one token per 20 s), so the counts are exact
      // however slow the machine; refilling is unit-tested with a fake clock (rate-limit.test.ts).
      rateLimits: { writes: { rate: 0.05, burst: 3 }, reads: { rate: 0.05, burst: 6 } },
    });
    try {
      const t = new Traffic(limited.url);
      const services = limited.services.publishers;
      await services.create("second-office", "Second office");
      const second = await services.issueKey("second-office");
      const upload = async (key: string) => {
        const { path, init } = uploadRequest(await makeDocument("text"), key, 0);
        const res = await t.fetch(path, init);
        return {
          status: res.status,
          retryAfter: res.headers.get("retry-after"),
          body: (await res.json()) as { type: string },
        };
      };
      const writes = [];
      for (let i = 0; i < 5; i++) writes.push(await upload(limited.apiKey));
      expect(writes.map((w) => w.status)).toEqual([201, 201, 201, 429, 429]);
      expect(Number(writes[3]!.retryAfter)).toBeGreaterThanOrEqual(1); // about 20 s: one token per 20 s
      expect(Number(writes[3]!.retryAfter)).toBeLessThanOrEqual(20);
      expect(writes[3]!.body.type).toBe("urn:isnad:problem:rate-limited");
      expect((await upload(second.apiKey)).status).toBe(201); // another key has its own bucket

      // Reads: per address. 127.0.0.1 runs dry; 127.0.0.2 (another client) does not; a forged
      // X-Forwarded-For does not buy a new bucket (locally the socket's address counts).
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push(await rawGet(limited.url, "/v1/log", "127.0.0.1"));
      expect(statuses.slice(0, 6).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(6)).toEqual([429, 429]);
      expect(await rawGet(limited.url, "/v1/log", "127.0.0.1", { "x-forwarded-for": "203.0.113.9" })).toBe(
        429,
      );
      expect(await rawGet(limited.url, "/v1/log", "127.0.0.2")).toBe(200);
      traffic.requests += t.requests + rawRequests;
      notes.push(
        "rate limits: writes burst 3 per key → 3×201 then 429 + Retry-After, another key 201; reads burst 6 per address → 6×200 then 429, a forged X-Forwarded-For still 429, another address (127.0.0.2) 200",
      );
    } finally {
      await limited.close();
    }
  });
});

let rawRequests = 0;

/** A GET from a chosen local address (loopback has all of 127/8), as another client would. */
function rawGet(
  base: string,
  path: string,
  localAddress: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const url = new URL(path, base);
  rawRequests++;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, localAddress, headers },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("security headers", () => {
  it("come with every kind of answer", async () => {
    const page = await archiveAs(stack.apiKey, {}, "page.html");
    const html = await makeDocument("html");
    const { path, init } = uploadRequest(html, stack.apiKey, 1);
    const htmlId = ((await (await traffic.fetch(path, init)).json()) as { id: string }).id;
    const id = page.body.id!;
    const checkpointSize = Number((await (await traffic.fetch("/checkpoint")).text()).split("\n")[1]);
    const kinds: [string, string, RequestInit?][] = [
      ["verify page", "/"],
      ["provenance page", `/s/${id}`],
      ["provenance page by Accept", `/v1/statements/${id}`, { headers: { accept: "text/html" } }],
      ["record (JSON)", `/v1/statements/${id}`],
      ["original (text)", `/v1/statements/${id}/original`],
      ["original (an archived HTML document)", `/v1/statements/${htmlId}/original`],
      ["extracted text", `/v1/statements/${id}/text`],
      ["receipt", `/v1/statements/${id}/receipt`],
      ["receipt as tlog-proof", `/v1/statements/${id}/receipt`, { headers: { accept: "text/x.tlog-proof" } }],
      ["checkpoint", "/checkpoint"],
      ["tile", `/tile/0/000.p/${checkpointSize}`],
      ["entry bundle", `/tile/entries/000.p/${checkpointSize}`],
      ["log", "/v1/log"],
      ["keys", "/v1/keys"],
      ["OpenAPI", "/openapi.json"],
      ["verify result", `/v1/verify?sha256=${"0".repeat(64)}`],
      ["page script", "/assets/verify.js"],
      ["404 problem", "/nowhere"],
      ["400 problem", "/v1/verify?sha256=xyz"],
      ["401 problem", "/v1/statements", { method: "POST", body: "x" }],
    ];
    const seen: string[] = [];
    for (const [name, url, options] of kinds) {
      const res = await traffic.fetch(url, options);
      await res.arrayBuffer();
      const type = res.headers.get("content-type") ?? "";
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(res.headers.get("x-content-type-options"), name).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), name).toBe("DENY");
      expect(res.headers.get("referrer-policy"), name).toBe("no-referrer");
      if (url.endsWith("/original")) {
        expect(csp, name).toBe("sandbox"); // never runs in isnad's origin, whatever it holds
        expect(res.headers.get("content-disposition"), name).toMatch(/^attachment/);
      } else if (type.startsWith("text/html")) {
        expect(csp, name).toMatch(/frame-ancestors 'none'/);
        expect(csp, name).toMatch(/script-src 'self'(;|$)/);
        expect(csp, name).not.toMatch(/unsafe-inline'[^;]*script|script-src[^;]*unsafe/);
      } else {
        expect(csp, name).toBe("default-src 'none'; frame-ancestors 'none'");
      }
      seen.push(`${name} ${res.status}`);
    }
    notes.push(`security headers (nosniff, X-Frame-Options DENY, CSP) on ${seen.length} kinds of answer`);
  });
});
