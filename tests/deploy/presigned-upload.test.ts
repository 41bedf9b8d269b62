/**
 * Issue #6, presigned uploads on the local stack (s3rver + dynalite + the app over HTTP): the
 * client describes a document, PUTs it straight to storage, and isnad archives it only after
 * re-hashing what arrived. s3rver checks no signature and no checksum, so a tampered upload gets
 * all the way to `complete` here, which is exactly the case isnad must refuse on its own.
 * Memory use of a large upload is measured in presigned-upload-memory.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { originalKey, statementId } from "@isnad/archive";
import { formatBase64, formatHex, parseHex, sha256, utf8 } from "@isnad/core";
import { startTestStack, type TestStack } from "../support/local-stack";
import { generatedChunks, generatedSha256, generatedStream } from "./generated-document";
import { completeUpload, putPresigned, requestUpload } from "./presigned-client";

const MiB = 1024 * 1024;
/** Small limits, so that a 10 MiB document takes the streamed path in two multipart parts. */
const MAX_EXTRACT = 256 * 1024;
const MAX_DIRECT_DOWNLOAD = 64 * 1024;

let stack: TestStack;
let otherKey: string;

beforeAll(async () => {
  stack = await startTestStack({
    limits: { maxExtractBytes: MAX_EXTRACT, maxDirectDownloadBytes: MAX_DIRECT_DOWNLOAD },
  });
  await stack.services.publishers.create("other-office", "Another press office");
  otherKey = (await stack.services.publishers.issueKey("other-office")).apiKey;
});
afterAll(() => stack?.close());

const statementText = (tag: string) =>
  utf8(`بيان صحفي ${tag}\nيدين الائتلاف الوطني خروقات وقف إطلاق النار في درعا ويدعو إلى حماية المدنيين.\n`);

async function uploadBytes(bytes: Uint8Array, extra: Record<string, unknown> = {}) {
  const ticket = await requestUpload(stack.url, stack.apiKey, {
    sha256: formatHex(sha256(bytes)),
    size: bytes.length,
    mediaType: "text/plain; charset=utf-8",
    ...extra,
  });
  expect(ticket.status).toBe(201);
  return ticket.body;
}

async function isArchived(hex: string): Promise<boolean> {
  const res = await fetch(`${stack.url}/v1/verify?sha256=${hex}`);
  const body = (await res.json()) as { matches: unknown[] };
  const stored = await stack.services.archive.objects.head(originalKey(hex));
  return body.matches.length > 0 || stored !== undefined;
}

describe("a small document through a presigned PUT", () => {
  const doc = statementText(`presigned ${Date.now()}`);
  let id: string;

  it("hands out a PUT whose signed headers carry the document's SHA-256", async () => {
    const ticket = await uploadBytes(doc, { filename: "بيان.txt", title: "بيان", language: "ar" });
    expect(ticket).toMatchObject({
      method: "PUT",
      links: { complete: `/v1/uploads/${ticket.uploadId}/complete` },
    });
    expect(ticket.uploadId).toMatch(/^[0-9a-f]{32}$/);
    expect(ticket.headers).toEqual({
      "content-type": "text/plain", // the declared type's essence: parameters are dropped
      "x-amz-checksum-sha256": formatBase64(sha256(doc)),
      "x-amz-sdk-checksum-algorithm": "SHA256",
    });
    const url = new URL(ticket.url);
    expect(url.pathname).toBe(`/isnad-local/uploads/${ticket.uploadId}`);
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toContain("x-amz-checksum-sha256");
    expect(Date.parse(ticket.expiresAt) - Date.now()).toBeGreaterThan(10 * 60 * 1000);

    expect((await putPresigned(ticket, doc, doc.length)).status).toBe(200);
    const done = await completeUpload(stack.url, stack.apiKey, ticket.uploadId);
    expect(done.status).toBe(201);
    id = done.body.id;
    expect(id).toBe(statementId(stack.publisher, formatHex(sha256(doc))));
    expect(done.headers.get("location")).toBe(`/v1/statements/${id}`);
    expect(done.body.record).toMatchObject({
      publisher: stack.publisher,
      title: "بيان",
      language: "ar",
      original: { sha256: formatHex(sha256(doc)), size: doc.length, filename: "بيان.txt" },
      text: { status: "ok" },
    });
    expect(done.body.upload).toEqual({ id: ticket.uploadId, state: "completed" });
    expect(done.body.receipt).toMatchObject({ leafIndex: expect.any(Number) });
    expect(done.body.notice).toBeUndefined();

    // Completing again changes nothing: the same statement, 200.
    const again = await completeUpload(stack.url, stack.apiKey, ticket.uploadId);
    expect(again.status).toBe(200);
    expect(again.body.record).toEqual(done.body.record);
  });

  it("is then a statement like any other: original, quote, direct re-upload", async () => {
    const original = await fetch(`${stack.url}/v1/statements/${id}/original`);
    expect(original.status).toBe(200);
    expect(original.headers.get("repr-digest")).toBe(`sha-256=:${formatBase64(sha256(doc))}:`);
    expect(new Uint8Array(await original.arrayBuffer())).toEqual(doc);

    const quote = "يدين الائتلاف الوطني خروقات وقف إطلاق النار في درعا";
    const verified = await fetch(`${stack.url}/v1/verify?text=${encodeURIComponent(quote)}`);
    const body = (await verified.json()) as { matches: { statement: string; verdict: string }[] };
    expect(body.matches).toContainEqual(expect.objectContaining({ statement: id, verdict: "verbatim" }));

    const form = new FormData();
    form.set("file", new File([doc as Uint8Array<ArrayBuffer>], "again.txt", { type: "text/plain" }));
    const direct = await fetch(`${stack.url}/v1/statements`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.apiKey}` },
      body: form,
    });
    expect(direct.status).toBe(200);
    expect(((await direct.json()) as { id: string }).id).toBe(id);
  });
});

describe("tampered uploads", () => {
  it("refuses bytes that do not hash to the declared SHA-256, and archives nothing", async () => {
    const declared = statementText(`declared ${Date.now()}`);
    const sent = declared.slice();
    sent[sent.length - 2]! ^= 0x20;
    const ticket = await uploadBytes(declared);
    // s3rver takes them (real S3 would refuse: the checksum header is signed); isnad must not.
    expect((await putPresigned(ticket, sent, sent.length)).status).toBe(200);
    const done = await completeUpload(stack.url, stack.apiKey, ticket.uploadId);
    expect(done.status).toBe(400);
    expect(done.headers.get("content-type")).toBe("application/problem+json");
    expect(done.body).toMatchObject({
      type: "urn:isnad:problem:bad-request",
      uploadId: ticket.uploadId,
      declaredSha256: formatHex(sha256(declared)),
    });
    expect(done.body.detail).toContain("the uploaded bytes do not match the declared sha256");
    expect(await isArchived(formatHex(sha256(declared)))).toBe(false);
    expect(await isArchived(formatHex(sha256(sent)))).toBe(false);
    const id = statementId(stack.publisher, formatHex(sha256(declared)));
    expect((await fetch(`${stack.url}/v1/statements/${id}`)).status).toBe(404);
  });

  it("refuses a body of another length", async () => {
    const declared = statementText(`length ${Date.now()}`);
    const ticket = await uploadBytes(declared);
    const longer = new Uint8Array([...declared, 0x0a]);
    await putPresigned(ticket, longer, longer.length);
    const done = await completeUpload(stack.url, stack.apiKey, ticket.uploadId);
    expect(done.status).toBe(400);
    expect(done.body.detail).toContain(`${longer.length} bytes arrived`);
    expect(await isArchived(formatHex(sha256(declared)))).toBe(false);
  });

  it("refuses a large streamed upload with one flipped byte near its end", async () => {
    const size = 10 * MiB;
    const declared = await generatedSha256({ size });
    const ticket = await requestUpload(stack.url, stack.apiKey, {
      sha256: declared,
      size,
      mediaType: "text/plain",
    });
    const tampered = { size, flipAt: size - 1000 };
    expect((await putPresigned(ticket.body, generatedStream(tampered), size)).status).toBe(200);
    const done = await completeUpload(stack.url, stack.apiKey, ticket.body.uploadId);
    expect(done.status).toBe(400);
    expect(done.body.detail).toContain(`they hash to ${await generatedSha256(tampered)}`);
    expect(await isArchived(declared)).toBe(false);
  });
});

describe("a document too large to extract", () => {
  const size = 10 * MiB;
  let sha: string;
  let id: string;

  it("is streamed into the archive without text, and said so", async () => {
    sha = await generatedSha256({ size });
    const ticket = await requestUpload(stack.url, stack.apiKey, {
      sha256: sha,
      size,
      mediaType: "text/plain",
      filename: "long.txt",
      title: "A very long statement",
    });
    expect((await putPresigned(ticket.body, generatedStream({ size }), size)).status).toBe(200);
    const done = await completeUpload(stack.url, stack.apiKey, ticket.body.uploadId);
    expect(done.status).toBe(201);
    id = done.body.id;
    expect(done.body.record).toMatchObject({
      title: "A very long statement",
      // The generator's chunk numbers cut a character in two, so the sniffed prefix is not UTF-8:
      // a type the sniffer cannot confirm is application/octet-stream, whatever was declared.
      original: { sha256: sha, size, mediaType: "application/octet-stream", filename: "long.txt" },
      text: { status: "unsupported", sha256: null, length: 0, fingerprint: null },
    });
    expect(done.body.notice).toContain(`larger than ${MAX_EXTRACT} bytes`);
    expect((await completeUpload(stack.url, stack.apiKey, ticket.body.uploadId)).status).toBe(200);
    const head = await stack.services.archive.objects.head(originalKey(sha));
    expect(head).toMatchObject({ size, sha256Hex: sha });
  });

  it("is served by a redirect to a presigned GET that yields the exact bytes", async () => {
    const res = await fetch(`${stack.url}/v1/statements/${id}/original`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const location = new URL(res.headers.get("location")!);
    expect(location.pathname).toBe(`/isnad-local/originals/${sha}`);
    expect(location.searchParams.get("X-Amz-Expires")).toBe("300");

    const bytes = await fetch(location);
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get("content-disposition")).toBe(
      `attachment; filename="long.txt"; filename*=UTF-8''long.txt`,
    );
    expect(bytes.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const hash = sha256(new Uint8Array(await bytes.arrayBuffer()));
    expect(formatHex(hash)).toBe(sha);

    // Revalidation still answers 304 from the record, without a redirect.
    const cached = await fetch(`${stack.url}/v1/statements/${id}/original`, {
      headers: { "if-none-match": `"${sha}"` },
      redirect: "manual",
    });
    expect(cached.status).toBe(304);
  });

  it("keeps serving originals under the threshold directly", async () => {
    const small = stack.seeded[0]!.id;
    const res = await fetch(`${stack.url}/v1/statements/${small}/original`, { redirect: "manual" });
    expect(res.status).toBe(200);
    expect(res.headers.get("repr-digest")).toMatch(/^sha-256=:/);
  });

  it("verifies by SHA-256", async () => {
    const res = await fetch(`${stack.url}/v1/verify?sha256=${sha}`);
    const body = (await res.json()) as { verdict: string; matches: { statement: string }[] };
    expect(body.verdict).toBe("authentic");
    expect(body.matches.map((m) => m.statement)).toEqual([id]);
  });
});

describe("an extracted text above the direct-download threshold", () => {
  it("is served by a redirect too, while small texts are served directly", async () => {
    const doc = utf8(`${"يدين الائتلاف الوطني خروقات وقف إطلاق النار.\n".repeat(2000)}${Date.now()}\n`);
    expect(doc.length).toBeGreaterThan(MAX_DIRECT_DOWNLOAD);
    expect(doc.length).toBeLessThan(MAX_EXTRACT);
    const ticket = await uploadBytes(doc);
    await putPresigned(ticket, doc, doc.length);
    const done = await completeUpload(stack.url, stack.apiKey, ticket.uploadId);
    expect(done.body.record.text.status).toBe("ok");

    const res = await fetch(`${stack.url}/v1/statements/${done.body.id}/text`, { redirect: "manual" });
    expect(res.status).toBe(302);
    const text = await fetch(res.headers.get("location")!);
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(formatHex(sha256(new Uint8Array(await text.arrayBuffer())))).toBe(done.body.record.text.sha256);

    const small = await fetch(`${stack.url}/v1/statements/${stack.seeded[0]!.id}/text`, {
      redirect: "manual",
    });
    expect(small.status).toBe(200);
  });
});

describe("who may upload what", () => {
  it("needs a publisher key, and completes only the publisher's own uploads", async () => {
    const doc = statementText(`auth ${Date.now()}`);
    const description = { sha256: formatHex(sha256(doc)), size: doc.length };
    const anonymous = await fetch(`${stack.url}/v1/uploads`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(description),
    });
    expect(anonymous.status).toBe(401);

    const ticket = await uploadBytes(doc);
    await putPresigned(ticket, doc, doc.length);
    const foreign = await completeUpload(stack.url, otherKey, ticket.uploadId);
    expect(foreign.status).toBe(404);
    expect((await completeUpload(stack.url, stack.apiKey, ticket.uploadId)).status).toBe(201);
  });

  it("says when nothing was uploaded yet", async () => {
    const ticket = await uploadBytes(statementText(`empty ${Date.now()}`));
    const done = await completeUpload(stack.url, stack.apiKey, ticket.uploadId);
    expect(done.status).toBe(409);
    expect(done.body.detail).toContain("PUT the document to its presigned URL first");
  });

  it("validates the description with the statement fields' schema", async () => {
    const sha = formatHex(sha256(utf8("x")));
    const cases: [Record<string, unknown>, number, string][] = [
      [{ sha256: sha, size: 1, colour: "red" }, 400, "unknown field(s): colour"],
      [{ sha256: sha, size: 1, language: "not a language!" }, 400, "language"],
      [{ sha256: sha, size: 1, supersedes: "nope" }, 400, "supersedes"],
      [{ sha256: "abc", size: 1 }, 400, "sha256"],
      [{ sha256: sha, size: 0 }, 400, "size"],
      [{ sha256: sha, size: 6 * 1024 ** 3 }, 413, "larger than"],
      [{ sha256: sha, size: 1, supersedes: "0".repeat(32) }, 400, "no such statement"],
    ];
    for (const [description, status, detail] of cases) {
      const res = await requestUpload(stack.url, stack.apiKey, description);
      expect({ description, status: res.status }).toEqual({ description, status });
      expect(res.body.detail).toContain(detail);
    }
    const notJson = await fetch(`${stack.url}/v1/uploads`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "text/plain" },
      body: "sha256=…",
    });
    expect(notJson.status).toBe(415);
  });

  it("points direct uploads that are too large at presigned uploads", async () => {
    const big = new Uint8Array(26 * MiB).fill(0x61);
    const res = await fetch(`${stack.url}/v1/statements`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "text/plain" },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { detail: string }).detail).toContain("POST /v1/uploads");
  });
});

// generatedChunks is the source of every large body above; make sure it is what it claims.
describe("the generated document", () => {
  it("has the requested size, differs per chunk, and flips exactly one byte", async () => {
    let size = 0;
    const firsts = new Set<string>();
    for await (const chunk of generatedChunks({ size: 3 * MiB + 5 })) {
      size += chunk.length;
      firsts.add(new TextDecoder().decode(chunk.subarray(0, 10)));
    }
    expect(size).toBe(3 * MiB + 5);
    expect(firsts.size).toBe(4);
    expect(await generatedSha256({ size: 1000, flipAt: 10 })).not.toBe(await generatedSha256({ size: 1000 }));
    expect(parseHex(await generatedSha256({ size: 1000 }), 32)).toHaveLength(32);
  });
});
