/**
 * Every field of an upload checked (issue #13, "Every field checked"), through HTTP on the real
 * local stack: the Idempotency-Key survives a rejected upload; one media-type grammar on the raw,
 * multipart and presigned paths, with application/octet-stream for bytes the sniffer cannot
 * confirm; invalid UTF-8 in any field, a second `file` part and a repeated query parameter are
 * each a 400 problem that names the field, on upload and on every other route.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHex, sha256 } from "@isnad/core";
import { startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const auth = () => ({ authorization: `Bearer ${stack.apiKey}` });
const enc = (s: string) => new TextEncoder().encode(s);
let counter = 0;
/** A text document no other test uploads. */
const uniqueText = (tag: string) => enc(`upload-fields ${tag} ${Date.now()} ${counter++}\nبيان صحفي.\n`);

async function call(path: string, init: RequestInit = {}) {
  const res = await fetch(`${stack.url}${path}`, init);
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? ((await res.json()) as any) : await res.text();
  return { status: res.status, type, body, headers: res.headers };
}

const upload = (body: BodyInit, headers: Record<string, string> = {}, query = "") =>
  call(`/v1/statements${query}`, { method: "POST", headers: { ...auth(), ...headers }, body });

/** A 400 problem+json whose detail starts with, and whose details name, `field`. */
function expectFieldProblem(res: { status: number; type: string; body: any }, field: string): void {
  expect({ status: res.status, type: res.type }).toEqual({ status: 400, type: "application/problem+json" });
  expect(res.body.field ?? res.body.details?.field, JSON.stringify(res.body)).toBe(field);
  expect(res.body.detail.startsWith(`${field}:`), res.body.detail).toBe(true);
}

async function listedCount(): Promise<number> {
  const res = await call(`/v1/statements?publisher=${stack.publisher}&limit=100`);
  return res.body.statements.length;
}

/** A multipart/form-data body written byte by byte, so that it can carry what FormData cannot. */
function multipart(parts: { headers: (string | Uint8Array)[]; body: Uint8Array }[]) {
  const boundary = "isnad-test-boundary-5a1c";
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    chunks.push(enc(`--${boundary}\r\n`));
    for (const header of part.headers)
      chunks.push(typeof header === "string" ? enc(header) : header, enc("\r\n"));
    chunks.push(enc("\r\n"), part.body, enc("\r\n"));
  }
  chunks.push(enc(`--${boundary}--\r\n`));
  const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) body.set(c, (at += c.length) - c.length);
  return { body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
const concat = (...parts: (string | Uint8Array)[]) => {
  const bytes = parts.map((p) => (typeof p === "string" ? enc(p) : p));
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  bytes.reduce((at, b) => (out.set(b, at), at + b.length), 0);
  return out;
};
const filePart = (body: Uint8Array, filename: string | Uint8Array = "doc.txt", type = "text/plain") => ({
  headers: [
    concat('Content-Disposition: form-data; name="file"; filename="', filename, '"'),
    `Content-Type: ${type}`,
  ],
  body,
});
const textPart = (name: string | Uint8Array, value: string | Uint8Array) => ({
  headers: [concat('Content-Disposition: form-data; name="', name, '"')],
  body: typeof value === "string" ? enc(value) : value,
});
const INVALID_UTF8 = new Uint8Array([0x62, 0xff, 0xfe, 0x61]); // "b", two bytes UTF-8 never has, "a"

describe("Idempotency-Key", () => {
  it("is not burned by a rejected upload: the corrected upload with the same key is archived", async () => {
    const key = `fields-${Date.now()}-a`;
    const missing = "0".repeat(32); // a statement id that does not exist: refused after the checks of syntax
    const rejected = await upload(
      uniqueText("rejected"),
      { "content-type": "text/plain", "idempotency-key": key },
      `?supersedes=${missing}`,
    );
    expect(rejected.status).toBe(400);
    expect(rejected.body.detail).toMatch(/no such statement/);
    const malformed = await upload(
      uniqueText("malformed"),
      { "content-type": "text/plain", "idempotency-key": key },
      "?language=not%20a%20tag",
    );
    expect(malformed.status).toBe(400);

    const doc = uniqueText("accepted");
    const accepted = await upload(doc, { "content-type": "text/plain", "idempotency-key": key });
    expect(accepted.status).toBe(201);
    const replay = await upload(doc, { "content-type": "text/plain", "idempotency-key": key });
    expect(replay.status).toBe(200);
    // Once an upload was accepted under it, the key is taken: other bytes are a conflict.
    const other = await upload(uniqueText("other"), { "content-type": "text/plain", "idempotency-key": key });
    expect(other.status).toBe(409);
    expect(other.body.detail).toMatch(/Idempotency-Key/);
  });

  it("is not burned by a metadata conflict on bytes archived before", async () => {
    const doc = uniqueText("conflict");
    expect((await upload(doc, { "content-type": "text/plain" }, "?title=first")).status).toBe(201);
    const key = `fields-${Date.now()}-b`;
    const conflict = await upload(
      doc,
      { "content-type": "text/plain", "idempotency-key": key },
      "?title=second",
    );
    expect(conflict.status).toBe(409);
    const fresh = await upload(uniqueText("after-conflict"), {
      "content-type": "text/plain",
      "idempotency-key": key,
    });
    expect(fresh.status).toBe(201);
  });

  it("is itself a field: a key outside its syntax is a 400 naming it", async () => {
    const res = await upload(uniqueText("bad-key"), {
      "content-type": "text/plain",
      "idempotency-key": "a b",
    });
    expectFieldProblem(res, "Idempotency-Key");
  });
});

describe("media types", () => {
  it("refuses a Content-Type outside the grammar on the raw-body path, naming the header", async () => {
    const before = await listedCount();
    for (const type of ["<script>alert(1)</script>", "pdf", "text/plain; charset", "text/ plain"]) {
      expectFieldProblem(await upload(uniqueText("raw-type"), { "content-type": type }), "Content-Type");
    }
    expect(await listedCount()).toBe(before);
  });

  it("refuses a file part's Content-Type outside the grammar, naming the part", async () => {
    const form = multipart([filePart(uniqueText("part-type"), "doc.txt", "<script>alert(1)</script>")]);
    expectFieldProblem(await upload(form.body, form.headers), "file");
  });

  it("records bytes it cannot confirm as application/octet-stream, and serves them so", async () => {
    const binary = concat(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]),
      `${Date.now()}`,
    );
    const raw = await upload(binary, { "content-type": 'image/x-made-up; q="1"' });
    expect(raw.status).toBe(201);
    expect(raw.body.record.original.mediaType).toBe("application/octet-stream");
    const original = await fetch(`${stack.url}/v1/statements/${raw.body.id}/original`);
    expect(original.headers.get("content-type")).toBe("application/octet-stream");

    const form = multipart([filePart(concat(binary, "multipart"), "x.html", "text/html; charset=utf-8")]);
    const viaForm = await upload(form.body, form.headers);
    expect(viaForm.status).toBe(201);
    expect(viaForm.body.record.original.mediaType).toBe("application/octet-stream");
  });

  it("keeps a confirmed type and drops the parameters", async () => {
    const res = await upload(uniqueText("params"), {
      "content-type": "Text/Plain; charset=UTF-8; format=flowed",
    });
    expect(res.status).toBe(201);
    expect(res.body.record.original.mediaType).toBe("text/plain");
  });

  it("uses the same grammar for presigned uploads", async () => {
    const doc = uniqueText("presigned");
    const describe = (mediaType: string) =>
      call("/v1/uploads", {
        method: "POST",
        headers: { ...auth(), "content-type": "application/json" },
        body: JSON.stringify({ sha256: formatHex(sha256(doc)), size: doc.length, mediaType }),
      });
    expectFieldProblem(await describe("<script>alert(1)</script>"), "mediaType");
    const ok = await describe("text/plain; charset=utf-8");
    expect(ok.status).toBe(201);
    expect(ok.body.headers["content-type"]).toBe("text/plain");
  });
});

describe("UTF-8 in every field", () => {
  it("refuses invalid UTF-8 in query parameters of an upload, naming the parameter", async () => {
    const before = await listedCount();
    expectFieldProblem(
      await upload(uniqueText("q-title"), { "content-type": "text/plain" }, "?title=b%FF%FEa"),
      "title",
    );
    expectFieldProblem(
      await upload(uniqueText("q-filename"), { "content-type": "text/plain" }, "?filename=%C3%28.txt"),
      "filename",
    );
    const badName = await upload(uniqueText("q-name"), { "content-type": "text/plain" }, "?ti%FFtle=x");
    expect(badName.status).toBe(400);
    expect(badName.body.detail).toMatch(/^query parameter ti%FFtle: .*UTF-8/);
    expect(await listedCount()).toBe(before);
  });

  it("refuses invalid UTF-8 in multipart values, file names and part names, naming each", async () => {
    const before = await listedCount();
    const title = multipart([filePart(uniqueText("m-title")), textPart("title", INVALID_UTF8)]);
    expectFieldProblem(await upload(title.body, title.headers), "title");
    const filename = multipart([filePart(uniqueText("m-filename"), INVALID_UTF8)]);
    expectFieldProblem(await upload(filename.body, filename.headers), "filename");
    const name = multipart([filePart(uniqueText("m-name")), textPart(INVALID_UTF8, "x")]);
    const res = await upload(name.body, name.headers);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/^multipart part name "b.*a": not valid UTF-8/);
    expect(await listedCount()).toBe(before);
  });

  it("keeps valid UTF-8 (Arabic) in multipart file names and titles exactly", async () => {
    const form = multipart([filePart(uniqueText("m-arabic"), "بيان.txt"), textPart("title", "بيان صحفي")]);
    const res = await upload(form.body, form.headers);
    expect(res.status).toBe(201);
    expect(res.body.record.original.filename).toBe("بيان.txt");
    expect(res.body.record.title).toBe("بيان صحفي");
  });
});

describe("fields given twice", () => {
  it("refuses a second file part, and a repeated text field, naming it", async () => {
    const before = await listedCount();
    const two = multipart([filePart(uniqueText("first")), filePart(uniqueText("second"))]);
    expectFieldProblem(await upload(two.body, two.headers), "file");
    const titles = multipart([
      filePart(uniqueText("titles")),
      textPart("title", "a"),
      textPart("title", "b"),
    ]);
    expectFieldProblem(await upload(titles.body, titles.headers), "title");
    expect(await listedCount()).toBe(before);
  });

  it("refuses a second file part when verifying a file too", async () => {
    const two = multipart([filePart(uniqueText("v1")), filePart(uniqueText("v2"))]);
    expectFieldProblem(
      await call("/v1/verify", { method: "POST", headers: two.headers, body: two.body }),
      "file",
    );
    const one = multipart([filePart(uniqueText("v3"))]);
    const res = await call("/v1/verify", { method: "POST", headers: one.headers, body: one.body });
    expect(res.status).toBe(200);
    expect(res.body.matches).toEqual([]);
  });

  it("refuses a repeated query parameter on upload and on every other route", async () => {
    const before = await listedCount();
    expectFieldProblem(
      await upload(uniqueText("q-twice"), { "content-type": "text/plain" }, "?title=a&title=b"),
      "title",
    );
    expect(await listedCount()).toBe(before);
    const hex = "a".repeat(64);
    expectFieldProblem(await call(`/v1/verify?sha256=${hex}&sha256=${"b".repeat(64)}`), "sha256");
    expectFieldProblem(await call("/v1/verify?text=a%20b%20c%20d&text=e"), "text");
    expectFieldProblem(await call(`/v1/statements?publisher=${stack.publisher}&publisher=x`), "publisher");
    expectFieldProblem(await call("/v1/log/consistency?from=1&from=2&to=3"), "from");
    // A page fails as a page (issue #14): the same refusal, in HTML.
    const page = await call("/?lang=ar&lang=en");
    expect({ status: page.status, type: page.type }).toEqual({
      status: 400,
      type: "text/html; charset=UTF-8",
    });
    // The same parameters once each are fine.
    expect((await call(`/v1/verify?sha256=${hex}`)).status).toBe(200);
    expect((await call(`/v1/statements?publisher=${stack.publisher}`)).status).toBe(200);
  });

  it("refuses invalid UTF-8 in other routes' query parameters too", async () => {
    expectFieldProblem(await call("/v1/verify?text=%D8%A8%FF%20x%20y%20z"), "text");
    expectFieldProblem(await call(`/v1/statements?publisher=${stack.publisher}&cursor=%80`), "cursor");
  });
});
