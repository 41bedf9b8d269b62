/**
 * Issue #14 over HTTP: named publishers (GET /v1/publishers[/{id}], the summary in statement
 * views, listings and verify results, statements by publication date), CORS for public reads
 * and /v1/verify only, 405 with Allow, and validation errors in plain words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHex, sha256 } from "@isnad/core";
import { startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack;
let ministryKey: string;
let tag: string;

beforeAll(async () => {
  stack = await startTestStack({ rateLimits: false });
  await stack.services.publishers.create("ministry", {
    names: { ar: "وزارة الخارجية", en: "Ministry of Foreign Affairs" },
    domain: "mofa.example",
    url: "https://mofa.example/press",
  });
  for (const id of ["office-a", "office-b", "office-c"])
    await stack.services.publishers.create(id, `Office ${id}`);
  ministryKey = (await stack.services.publishers.issueKey("ministry")).apiKey;
  tag = `${Date.now()}-${Math.random()}`;
});
afterAll(() => stack?.close());

async function upload(text: string, fields: Record<string, string> = {}, key = ministryKey) {
  const res = await fetch(`${stack.url}/v1/statements?${new URLSearchParams(fields)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "text/plain; charset=utf-8" },
    body: `${text} ${tag}`,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const get = async (path: string, init?: RequestInit) => {
  const res = await fetch(`${stack.url}${path}`, init);
  return { res, status: res.status, body: (await res.json()) as any };
};

const ministry = {
  id: "ministry",
  name: "Ministry of Foreign Affairs",
  names: { ar: "وزارة الخارجية", en: "Ministry of Foreign Affairs" },
  domain: "mofa.example",
  url: "https://mofa.example/press",
};

describe("publishers", () => {
  it("serves one publisher, and all of them in pages", async () => {
    const one = await get("/v1/publishers/ministry");
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      ...ministry,
      links: { page: "/p/ministry", feed: "/p/ministry/feed.atom" },
    });

    const ids: string[] = [];
    let path: string | null = "/v1/publishers?limit=2";
    while (path) {
      const page = await get(path);
      expect(page.body.publishers.length).toBeLessThanOrEqual(2);
      ids.push(...page.body.publishers.map((p: any) => p.id));
      path = page.body.next ?? null;
    }
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(
      expect.arrayContaining(["ministry", "office-a", "office-b", "office-c", stack.publisher]),
    );

    expect((await get("/v1/publishers/nobody")).status).toBe(404);
    expect((await get("/v1/publishers/Not%20An%20Id")).status).toBe(400);
  });

  it("names the publisher in statement views, listings and verify results (the id kept as publisherId)", async () => {
    const made = await upload("وزارة الخارجية تعلن موقفها من الاتفاق الجديد بين الطرفين", {
      title: "Position",
    });
    expect(made.status).toBe(201);
    expect(made.body.publisher).toEqual(ministry);
    expect((await get(`/v1/statements/${made.body.id}`)).body.publisher).toEqual(ministry);
    expect((await get(`/v1/statements/${made.body.id}/versions`)).body).toMatchObject({
      publisher: ministry,
      publisherId: "ministry",
    });
    const listed = await get("/v1/statements?publisher=ministry");
    expect(listed.body.statements[0].publisher).toEqual(ministry);

    const sha = made.body.record.original.sha256;
    const byHash = await get(`/v1/verify?sha256=${sha}`);
    expect(byHash.body.matches[0]).toMatchObject({ publisher: ministry, publisherId: "ministry" });
    const byText = await get(
      `/v1/verify?${new URLSearchParams({ text: "تعلن موقفها من الاتفاق الجديد بين الطرفين" })}`,
    );
    expect(byText.body.matches[0]).toMatchObject({ publisher: ministry, publisherId: "ministry" });
  });

  it("keeps profile changes as signed log entries and shows them at once", async () => {
    const before = (await get("/v1/log")).body.treeSize;
    const updated = await stack.services.publishers.update("office-a", {
      names: { ar: "المكتب أ", en: "Office A" },
      name: "Office A",
      domain: "a.example",
    });
    expect(updated).toMatchObject({ id: "office-a", name: "Office A", domain: "a.example" });
    expect((await get("/v1/publishers/office-a")).body).toMatchObject({
      name: "Office A",
      names: { ar: "المكتب أ" },
    });
    // An update that changes nothing logs nothing; one that does, logs one entry.
    await stack.services.publishers.update("office-a", { domain: "a.example" });
    expect((await get("/v1/log")).body.treeSize).toBe(before + 1);
    const removed = await stack.services.publishers.update("office-a", { domain: null });
    expect(removed.domain).toBeUndefined();
  });

  it("lists a publisher's statements by publication date, newest first, a correction moving one", async () => {
    await stack.services.publishers.create("dated-office", { names: { en: "Dated Office" } });
    const key = (await stack.services.publishers.issueKey("dated-office")).apiKey;
    const a = await upload("Dated A", { publishedAt: "2023-01-10" }, key);
    const b = await upload("Dated B", { publishedAt: "2024-03-01T09:00:00+03:00" }, key);
    const c = await upload("Dated C", { publishedAt: "2022-06-30" }, key);
    const order = async () => {
      const ids: string[] = [];
      let path: string | null = "/v1/publishers/dated-office/statements?limit=2";
      while (path) {
        const page = await get(path);
        ids.push(...page.body.statements.map((s: any) => s.id));
        path = page.body.next ?? null;
      }
      return ids;
    };
    expect(await order()).toEqual([b.body.id, a.body.id, c.body.id]);
    const moved = await fetch(`${stack.url}/v1/statements/${c.body.id}/corrections`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ publishedAt: "2025-01-01" }),
    });
    expect(moved.status).toBe(201);
    expect(await order()).toEqual([c.body.id, b.body.id, a.body.id]);
  });
});

describe("OpenAPI", () => {
  it("documents publishers, corrections and the publisher summary in statement views and verify results", async () => {
    const doc = (await get("/openapi.json")).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v1/publishers",
        "/v1/publishers/{id}",
        "/v1/publishers/{id}/statements",
        "/v1/statements/{id}/corrections",
        "/v1/statements/{id}/corrections/{seq}/receipt",
      ]),
    );
    const schemas = doc.components.schemas;
    expect(schemas.PublisherSummary.required).toEqual(["id", "name", "names"]);
    expect(schemas.StatementView.properties.publisher).toEqual({
      $ref: "#/components/schemas/PublisherSummary",
    });
    expect(schemas.VerifyMatch.properties.publisher).toEqual({
      $ref: "#/components/schemas/PublisherSummary",
    });
    const correction = doc.paths["/v1/statements/{id}/corrections"].post;
    expect(Object.keys(correction.requestBody.content["application/json"].schema.properties)).toEqual(
      expect.arrayContaining(["title", "publishedAt", "supersedes", "reason"]),
    );
    expect(correction.security).toEqual([{ publisherKey: [] }]);
  });
});

describe("CORS, methods and plain words", () => {
  const origin = { origin: "https://factcheck.example" };

  it("opens public reads and /v1/verify to any origin, never authenticated writes", async () => {
    for (const path of ["/v1/log", "/v1/keys", "/v1/publishers", "/v1/statements/" + "0".repeat(32)]) {
      const { res } = await get(path, { headers: origin });
      expect(res.headers.get("access-control-allow-origin"), path).toBe("*");
    }
    const verify = await get("/v1/verify", {
      method: "POST",
      headers: { ...origin, "content-type": "application/json" },
      body: JSON.stringify({ sha256: formatHex(sha256(new TextEncoder().encode(tag))) }),
    });
    expect(verify.res.headers.get("access-control-allow-origin")).toBe("*");

    const preflight = (path: string, method: string, headers: string) =>
      fetch(`${stack.url}${path}`, {
        method: "OPTIONS",
        headers: {
          ...origin,
          "access-control-request-method": method,
          "access-control-request-headers": headers,
        },
      });
    const ok = await preflight("/v1/verify", "POST", "content-type");
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("*");
    expect(ok.headers.get("access-control-allow-methods")).toContain("POST");
    expect(ok.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
    expect(ok.headers.get("access-control-allow-headers")?.toLowerCase()).not.toContain("authorization");

    for (const path of ["/v1/statements", "/v1/uploads", `/v1/statements/${"0".repeat(32)}/corrections`]) {
      const refused = await preflight(path, "POST", "authorization, content-type");
      expect(refused.headers.get("access-control-allow-origin"), path).toBeNull();
    }
    const write = await fetch(`${stack.url}/v1/statements`, {
      method: "POST",
      headers: { ...origin, authorization: `Bearer ${ministryKey}`, "content-type": "text/plain" },
      body: `cross-origin write ${tag}`,
    });
    expect(write.status).toBe(201);
    expect(write.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers a wrong method on a known path with 405 and Allow, an unknown path with 404", async () => {
    const cases: [string, string, string[]][] = [
      ["DELETE", `/v1/statements/${"0".repeat(32)}`, ["GET", "HEAD", "OPTIONS"]],
      ["PUT", "/v1/verify", ["GET", "HEAD", "POST", "OPTIONS"]],
      ["POST", "/checkpoint", ["GET", "HEAD", "OPTIONS"]],
      ["PATCH", "/v1/publishers/ministry", ["GET", "HEAD", "OPTIONS"]],
      ["GET", "/v1/uploads", ["POST", "OPTIONS"]],
    ];
    for (const [method, path, allow] of cases) {
      const { res, body } = await get(path, { method });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 405 });
      expect(res.headers.get("allow")).toBe(allow.join(", "));
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(body.type).toBe("urn:isnad:problem:method-not-allowed");
    }
    expect((await get("/v1/nothing-here", { method: "DELETE" })).status).toBe(404);
  });

  it("says what is wrong with a request in plain words, never zod's", async () => {
    const cases: [string, RequestInit | undefined, string][] = [
      ["/v1/statements?publisher=ministry&limit=abc", undefined, "limit: must be a number"],
      ["/v1/statements?publisher=ministry&limit=1000", undefined, "limit: at most 100"],
      ["/v1/publishers?limit=0", undefined, "limit: at least 1"],
      [
        "/v1/verify",
        { method: "POST", headers: { "content-type": "application/json" }, body: "{}" },
        "sha256: missing",
      ],
      [
        "/v1/verify",
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ sha256: 5 }),
        },
        "sha256: must be text",
      ],
      [
        "/v1/verify",
        { method: "POST", headers: { "content-type": "application/json" }, body: "[1]" },
        "body: must be a JSON object",
      ],
    ];
    for (const [path, init, detail] of cases) {
      const { status, body } = await get(path, init);
      expect({ path, status, detail: body.detail }).toEqual({ path, status: 400, detail });
    }
    const long = await upload("too long a title", { title: "x".repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.detail).toBe("title: at most 500 characters");
  });
});
