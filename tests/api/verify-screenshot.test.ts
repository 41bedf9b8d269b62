/**
 * Issue #18 over HTTP, with a fixed OCR reading (a fake ImageReader; the real tesseract reader is
 * tested end to end in verify-screenshot-ocr.test.ts): POST /v1/verify with an image reads it and
 * checks what was read against the archive; OCR's confusions are "uncertain" with reason "ocr",
 * a changed word is "altered", and each difference carries the image boxes of the words read.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArchiveError, type ImageReader, type OcrResult } from "@isnad/archive";
import { startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack;
let seedId: string;

beforeAll(async () => {
  stack = await startTestStack();
  seedId = stack.seeded[0]!.id;
});
afterAll(() => stack?.close());

/** What a reader would give for `text`: one word per 100 px on a single line. */
function ocrOf(text: string): OcrResult {
  const words = [...text.matchAll(/\S+/gu)].map((m, i) => ({
    text: m[0],
    confidence: 90,
    box: { x: 2000 - 100 * (i + 1), y: 40, width: 96, height: 30 },
    start: m.index,
    end: m.index + m[0].length,
  }));
  return { text, words, width: 2000, height: 120, engine: "fake 1.0 (ara)" };
}

function readerOf(text: string, calls: { n: number } = { n: 0 }): ImageReader {
  return {
    async read() {
      calls.n++;
      return ocrOf(text);
    },
  };
}

/** Bytes that start like a PNG (the fake reader decodes nothing); unique, so never archived. */
const png = (): Uint8Array<ArrayBuffer> =>
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...randomBytes(64)]);

async function postImage(bytes: Uint8Array<ArrayBuffer>, raw = false, query = "") {
  const body = raw ? bytes : new FormData();
  if (!raw) (body as FormData).append("file", new Blob([bytes], { type: "image/png" }), "shot.png");
  const res = await fetch(`${stack.url}/v1/verify${query}`, {
    method: "POST",
    body: body as BodyInit,
    ...(raw ? { headers: { "content-type": "image/png" } } : {}),
  });
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as any };
}

// The seed as rendered and read: ئ read as ث, the comma after درعا read as a ء glued to it.
const GENUINE =
  "أكد الاثتلاف الوطني لقوى الثورة والمعارضة السورية أن النظام وداعميه يخرقون اتفاق وقف إطلاق النار في درعاء مديناً هذه الخروقات";
const FABRICATED = GENUINE.replace("يخرقون", "يحترمون");

describe("POST /v1/verify with a screenshot", () => {
  it("calls OCR's confusions uncertain (OCR), with the words read, their boxes and the original's words", async () => {
    stack.services.archive.imageReader = readerOf(GENUINE);
    const { status, body } = await postImage(png());
    expect(status).toBe(200);
    expect(body.read).toMatchObject({ text: GENUINE, engine: "fake 1.0 (ara)" });
    expect(body.read.words).toHaveLength(GENUINE.split(" ").length);
    expect(body.query.image).toMatchObject({ mediaType: "image/png", bytes: 72, width: 2000, height: 120 });
    expect(body.verdict).toBe("uncertain");
    const [match] = body.matches;
    expect(match).toMatchObject({
      statement: seedId,
      signature: { valid: true },
      inclusion: { checked: true },
    });
    expect(match.differences).toEqual([
      expect.objectContaining({ quote: "الاثتلاف", original: "الائتلاف", ocr: true, reason: "ocr" }),
      expect.objectContaining({ quote: "درعاء", original: "درعا", ocr: true, reason: "ocr" }),
    ]);
    // The boxes are those of the words read: the second word, and درعاء.
    expect(match.differences[0].boxes).toEqual([{ x: 1800, y: 40, width: 96, height: 30 }]);
    const k = GENUINE.split(" ").indexOf("درعاء");
    expect(match.differences[1].boxes).toEqual([{ x: 2000 - 100 * (k + 1), y: 40, width: 96, height: 30 }]);
  });

  it("calls a one-word fabrication altered, naming the word and where it was read", async () => {
    stack.services.archive.imageReader = readerOf(FABRICATED);
    const { status, body } = await postImage(png(), true);
    expect(status).toBe(200);
    expect(body.verdict).toBe("altered");
    const real = body.matches[0].differences.filter((d: any) => !d.ocr);
    expect(real).toEqual([expect.objectContaining({ kind: "word", quote: "يحترمون", original: "يخرقون" })]);
    expect(real[0].reason).toBeUndefined();
    const k = FABRICATED.split(" ").indexOf("يحترمون");
    expect(real[0].boxes).toEqual([{ x: 2000 - 100 * (k + 1), y: 40, width: 96, height: 30 }]);
  });

  it("reads an altered screenshot again at ×2 and keeps only the alterations both readings show", async () => {
    // Amiri's stacked lam–mim loses its letters at one size ("المجتمع" read "اجتمع"), not at ×2.
    const misread = `${GENUINE} وداعياً اجتمع الدولي لتحمل المسؤولية`;
    const right = misread.replace("اجتمع", "المجتمع");
    const scales: (number | undefined)[] = [];
    const twoSizes = (one: string, two: string): ImageReader => ({
      async read(_image, options) {
        scales.push(options?.scale);
        return ocrOf(options?.scale === 2 ? two : one);
      },
    });
    stack.services.archive.imageReader = twoSizes(misread, right);
    const { body } = await postImage(png());
    expect(scales).toEqual([undefined, 2]);
    expect(body.verdict).toBe("uncertain");
    expect(body.matches[0].differences).toContainEqual(
      expect.objectContaining({
        quote: "اجتمع",
        original: "المجتمع",
        ocr: true,
        reason: "ocr",
        ocrReason: "readings-disagree",
      }),
    );
    // A fabricated word is in the image at every size: both readings show it, it stays altered.
    stack.services.archive.imageReader = twoSizes(
      misread.replace("يخرقون", "يحترمون"),
      right.replace("يخرقون", "يحترمون"),
    );
    const fabricated = (await postImage(png())).body;
    expect(fabricated.verdict).toBe("altered");
    expect(fabricated.matches[0].differences.filter((d: any) => !d.ocr)).toEqual([
      expect.objectContaining({ quote: "يحترمون", original: "يخرقون" }),
    ]);
    // A screenshot that reads as the original costs one reading.
    scales.length = 0;
    stack.services.archive.imageReader = twoSizes(right, right);
    expect((await postImage(png())).body.verdict).toBe("uncertain");
    expect(scales).toEqual([undefined]);
  });

  it("answers not-found with what was read when too few words were read", async () => {
    stack.services.archive.imageReader = readerOf("");
    const { status, body } = await postImage(png());
    expect(status).toBe(200);
    expect(body).toMatchObject({ verdict: "not-found", matches: [], read: { text: "", words: [] } });
  });

  it("refuses an image that holds more text than a quote may", async () => {
    stack.services.archive.imageReader = readerOf(`${GENUINE} `.repeat(1_000));
    const { status, body } = await postImage(png());
    expect(status).toBe(413);
    expect(body.detail).toMatch(/crop it to the passage/);
  });

  it("passes the reader's refusals on as problems", async () => {
    stack.services.archive.imageReader = {
      read: () => Promise.reject(new ArchiveError("TOO_LARGE", "the image has too many pixels")),
    };
    const { status, type, body } = await postImage(png());
    expect(status).toBe(413);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.detail).toMatch(/too many pixels/);
  });

  it("refuses an image with 415 when no OCR is configured, and still answers other files by hash", async () => {
    delete stack.services.archive.imageReader;
    const { status, type, body } = await postImage(png());
    expect(status).toBe(415);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.detail).toMatch(/OCR is not available here/);
    const text = await postImage(new TextEncoder().encode("not an image"), true);
    expect(text).toMatchObject({
      status: 200,
      body: { verdict: "not-found", query: { sha256: expect.any(String) } },
    });
  });

  it("answers an archived image by its hash without reading it", async () => {
    const calls = { n: 0 };
    stack.services.archive.imageReader = readerOf(GENUINE, calls);
    const bytes = png();
    const up = await fetch(`${stack.url}/v1/statements?title=scan`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "image/png" },
      body: bytes,
    });
    expect([200, 201]).toContain(up.status);
    calls.n = 0;
    const { body } = await postImage(bytes, true);
    expect(body.verdict).toBe("authentic");
    expect(calls.n).toBe(0);
  });

  it("documents the screenshot in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${stack.url}/openapi.json`)).json()) as any;
    const post = doc.paths["/v1/verify"].post;
    expect(Object.keys(post.requestBody.content)).toEqual(
      expect.arrayContaining(["image/png", "image/jpeg", "image/webp", "multipart/form-data"]),
    );
    expect(post.responses["415"]).toBeDefined();
    expect(doc.components.schemas.OcrReading.required).toEqual(["text", "engine", "words"]);
    expect(Object.keys(doc.components.schemas.QuoteDifference.properties)).toEqual(
      expect.arrayContaining(["ocr", "reason", "boxes"]),
    );
  });
});

describe("POST /v1/verify with a screenshot and the rate limiter", () => {
  let limited: TestStack;
  beforeAll(async () => {
    limited = await startTestStack({
      rateLimits: { reads: { rate: 1, burst: 60 } },
      imageReader: readerOf(GENUINE),
    });
  });
  afterAll(() => limited?.close());

  it("weighs a read as some fifty requests: the third in a row from one address is refused", async () => {
    const post = () =>
      fetch(`${limited.url}/v1/verify`, {
        method: "POST",
        headers: { "content-type": "image/png" },
        body: png(),
      });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    const third = await post();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(1);
  });
});
