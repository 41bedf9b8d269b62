/** Bad input gets a precise 4xx problem and changes nothing (issue #3, "Errors"). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack;
const MAX = 64 * 1024;

beforeAll(async () => {
  stack = await startTestStack({ maxUploadBytes: MAX });
});
afterAll(() => stack?.close());

async function post(body: BodyInit, headers: Record<string, string> = {}, query = "") {
  const res = await fetch(`${stack.url}/v1/statements${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.apiKey}`, ...headers },
    body,
  });
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return { status: res.status, body: (await res.json()) as any };
}

async function listed(): Promise<number> {
  const res = await fetch(`${stack.url}/v1/statements?publisher=${stack.publisher}&limit=100`);
  return ((await res.json()) as any).statements.length;
}

describe("bad uploads", () => {
  it("answers each with a precise 4xx problem and archives nothing", async () => {
    const before = await listed();
    const cases: [string, Promise<{ status: number; body: any }>, number, RegExp][] = [
      ["empty", post(new Uint8Array(), { "content-type": "text/plain" }), 400, /empty/],
      [
        "oversized raw",
        post(new Uint8Array(MAX + 1).fill(65), { "content-type": "text/plain" }),
        413,
        /\/v1\/uploads/,
      ],
      ["oversized multipart", post(formWith(new Uint8Array(MAX + 1).fill(65))), 413, /larger than/],
      ["multipart without file", post(formWith(null, { title: "x" })), 400, /file/],
      [
        "malformed multipart",
        post("--x\r\nbroken", { "content-type": "multipart/form-data; boundary=zzz" }),
        400,
        /multipart/,
      ],
      [
        "bad language",
        post("doc", { "content-type": "text/plain" }, "?language=not%20a%20tag"),
        400,
        /language/,
      ],
      [
        "javascript: source",
        post("doc", { "content-type": "text/plain" }, "?sourceUrl=javascript:alert(1)"),
        400,
        /sourceUrl/,
      ],
      [
        "bad date",
        post("doc", { "content-type": "text/plain" }, "?publishedAt=yesterday"),
        400,
        /publishedAt/,
      ],
      [
        "bad supersedes",
        post("doc", { "content-type": "text/plain" }, "?supersedes=../../x"),
        400,
        /supersedes/,
      ],
      ["unknown field", post("doc", { "content-type": "text/plain" }, "?colour=red"), 400, /unknown field/],
      [
        "bidi override in title",
        post("doc", { "content-type": "text/plain" }, `?title=${encodeURIComponent("a\u202eb")}`),
        400,
        /title/,
      ],
      [
        "huge title",
        post("doc", { "content-type": "text/plain" }, `?title=${"x".repeat(501)}`),
        400,
        /title/,
      ],
    ];
    for (const [name, pending, status, detail] of cases) {
      const { status: got, body } = await pending;
      expect({ name, status: got }).toEqual({ name, status });
      expect(body.detail, name).toMatch(detail);
      expect(body.type, name).toMatch(/^urn:isnad:problem:/);
      expect(JSON.stringify(body), name).not.toMatch(/at .*\.ts:\d+/); // no stack traces
    }
    expect(await listed()).toBe(before);
  });

  it("escapes script in titles and file names on the provenance page", async () => {
    const f = formWith(
      new TextEncoder().encode(`doc ${Date.now()}`),
      { title: "<script>alert(1)</script>" },
      '"><img src=x onerror=alert(1)>.txt',
    );
    const res = await fetch(`${stack.url}/v1/statements`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.apiKey}` },
      body: f,
    });
    expect(res.status).toBe(201);
    const { id, record } = (await res.json()) as any;
    expect(record.original.filename).not.toContain("/");
    const page = await (await fetch(`${stack.url}/s/${id}`)).text();
    expect(page).not.toContain("<script>alert(1)");
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("strips directories from file names", async () => {
    const f = formWith(new TextEncoder().encode(`path ${Date.now()}`), {}, "../../etc/passwd");
    const res = await fetch(`${stack.url}/v1/statements`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.apiKey}` },
      body: f,
    });
    expect(((await res.json()) as any).record.original.filename).toBe("passwd");
  });
});

function formWith(bytes: Uint8Array | null, fields: Record<string, string> = {}, name = "doc.txt"): FormData {
  const f = new FormData();
  if (bytes) f.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "text/plain" }));
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}
