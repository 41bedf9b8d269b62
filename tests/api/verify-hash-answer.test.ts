/**
 * Verify by hash answers a file verified again and again from the JSON it built a moment ago
 * (packages/api hash-answer.ts, issue #15). These check what must not change with it: the answer
 * and its headers on every path, a statement archived with the same bytes found at once, a
 * supersession shown at once, and a log state changed in storage failing the very next verify
 * once the service has read it — never the kept answer served instead.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHex, sha256, utf8 } from "@isnad/core";
import { logKeys } from "@isnad/archive";
import { startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack;
let otherKey: string;

beforeAll(async () => {
  stack = await startTestStack({ rateLimits: false });
  await stack.services.publishers.create("press-b", "Press B");
  otherKey = (await stack.services.publishers.issueKey("press-b")).apiKey;
});
afterAll(() => stack?.close());

async function upload(text: string, fields: Record<string, string> = {}, key = stack.apiKey) {
  const res = await fetch(`${stack.url}/v1/statements?${new URLSearchParams(fields)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "text/plain; charset=utf-8" },
    body: text,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

interface Answer {
  verdict: string;
  matches: { statement: string; superseded: boolean; supersededBy: string[] }[];
}

async function byHash(hex: string): Promise<{ res: Response; body: Answer }> {
  const res = await fetch(`${stack.url}/v1/verify?sha256=${hex}`);
  expect(res.status).toBe(200);
  return { res, body: (await res.json()) as Answer };
}

const hexOf = (text: string) => formatHex(sha256(utf8(text)));

describe("verify by hash, answered again", () => {
  it("gives the same answer and headers by GET, by a JSON body and by the file", async () => {
    const text = `a statement verified again and again ${Date.now()}`;
    const id = await upload(text);
    const first = await byHash(hexOf(text));
    expect(first.body).toMatchObject({ verdict: "authentic", matches: [{ statement: id }] });
    const again = await byHash(hexOf(text));
    expect(again.body).toEqual(first.body);
    const byJson = await fetch(`${stack.url}/v1/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sha256: hexOf(text) }),
    });
    const byFile = await fetch(`${stack.url}/v1/verify`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: text,
    });
    expect(await byJson.json()).toEqual(first.body);
    expect(await byFile.json()).toEqual(first.body);
    for (const res of [first.res, again.res, byJson, byFile]) {
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it("carries the very headers the middleware gives any other public JSON answer (public-json.ts)", async () => {
    const text = `headers of a hot answer ${Date.now()}`;
    await upload(text);
    // Skipped by the middleware, made with its headers complete: they must be what it would add.
    const hot = [
      (await byHash(hexOf(text))).res,
      (await byHash(hexOf("not archived " + text))).res,
      await fetch(`${stack.url}/v1/verify`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sha256: hexOf(text) }),
      }),
    ];
    // Made by c.json() and passed through the security and CORS middleware.
    const viaMiddleware = await fetch(`${stack.url}/v1/verify?text=${encodeURIComponent(text)}`);
    expect(viaMiddleware.status).toBe(200);
    const fixed = (res: Response) =>
      [...res.headers].filter(
        ([name]) => !["content-length", "date", "connection", "keep-alive"].includes(name),
      );
    for (const res of hot) {
      expect(res.status).toBe(200);
      expect(fixed(res)).toEqual(fixed(viaMiddleware));
    }
    // A query beside sha256 is still refused by the schema, naming it.
    const extra = await fetch(`${stack.url}/v1/verify?sha256=${hexOf(text)}&x=1`);
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { detail: string }).detail).toMatch(/unknown field\(s\): x/);
    const short = await fetch(`${stack.url}/v1/verify?sha256=${hexOf(text).slice(1)}`);
    expect(short.status).toBe(400);
  });

  it("finds the same bytes from another publisher at once, and a supersession at once", async () => {
    const text = `archived twice ${Date.now()}`;
    const first = await upload(text);
    expect((await byHash(hexOf(text))).body.matches.map((m) => m.statement)).toEqual([first]);
    await byHash(hexOf(text));
    const second = await upload(text, {}, otherKey);
    expect((await byHash(hexOf(text))).body.matches.map((m) => m.statement)).toEqual([first, second]);
    const newer = await upload(`${text}, corrected`, { supersedes: first });
    const after = (await byHash(hexOf(text))).body.matches.find((m) => m.statement === first)!;
    expect(after).toMatchObject({ superseded: true, supersededBy: [newer] });
  });

  it("fails the next verify once a changed log state was read, then recovers when it is put back", async () => {
    const text = `proven against the log ${Date.now()}`;
    await upload(text);
    expect((await byHash(hexOf(text))).body.verdict).toBe("authentic");
    expect((await byHash(hexOf(text))).body.verdict).toBe("authentic");
    const { items } = stack.services.archive;
    const saved = (await items.get(logKeys.state.pk, logKeys.state.sk))!;
    await items.put({ ...saved, rootHash: sha256(utf8("another tree")), version: Number(saved.version) + 1 });
    // The service reads the state (any head read does; here /checkpoint) and finds it fails.
    expect((await fetch(`${stack.url}/checkpoint`)).status).toBe(500);
    expect((await byHash(hexOf(text))).body.verdict).toBe("unverified");
    await items.put({ ...saved, version: Number(saved.version) + 2 });
    expect((await fetch(`${stack.url}/checkpoint`)).status).toBe(200);
    expect((await byHash(hexOf(text))).body.verdict).toBe("authentic");
  });
});
