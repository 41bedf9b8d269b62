/**
 * Issue #5 over HTTP: quotes pasted by a journalist are found in the seed statement with the right
 * offsets, however they were copied; meaning changes are never reported authentic.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFile, startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack;
let seedId: string;
let seedText: string;

beforeAll(async () => {
  stack = await startTestStack();
  seedId = stack.seeded[0]!.id;
  seedText = await (await fetch(`${stack.url}/v1/statements/${seedId}/text`)).text();
  expect(seedText).toBe(await readFile(seedFile, "utf8"));
});
afterAll(() => stack?.close());

async function verify(text: string, method: "GET" | "POST" = "POST") {
  const res =
    method === "GET"
      ? await fetch(`${stack.url}/v1/verify?${new URLSearchParams({ text })}`)
      : await fetch(`${stack.url}/v1/verify`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text }),
        });
  expect(res.status).toBe(200);
  return (await res.json()) as any;
}

const SENTENCE = "ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار، خلال الأيام الثلاثة الماضية فقط";

describe("quote verification", () => {
  it("finds a verbatim sentence, with offsets into the original text", async () => {
    for (const method of ["POST", "GET"] as const) {
      const body = await verify(SENTENCE, method);
      expect(body.verdict).toBe("verbatim");
      const match = body.matches[0];
      expect(match).toMatchObject({
        statement: seedId,
        publisherId: "etilaf",
        publisher: { id: "etilaf" },
        superseded: false,
        signature: { valid: true },
      });
      const [passage] = match.passages;
      expect(seedText.slice(passage.start, passage.end)).toBe(SENTENCE);
      expect(passage.start).toBe(seedText.indexOf(SENTENCE));
    }
  });

  it("forgives tashkeel, letter variants, Arabic-Indic digits, punctuation and line breaks", async () => {
    const copied = "ارتَكَبَت نحو ٨٠ خرقا لإتفاق وقف اطلاق النار,\n خلال   الايام الثلاثه الماضيه فقط";
    const body = await verify(copied);
    expect(body.verdict).toBe("same-words");
    const match = body.matches[0];
    expect(seedText.slice(match.passages[0].start, match.passages[0].end)).toBe(SENTENCE);
    expect(match.folded).toEqual(expect.arrayContaining(["diacritics", "digits"]));
  });

  it("matches an abridged quote (ellipsis) fragment by fragment, in order", async () => {
    const body = await verify("ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار … أسفرت عن وقوع مجازر راح ضحيتها");
    expect(body.verdict).toBe("abridged");
    expect(body.matches[0].passages).toHaveLength(2);
  });

  it("reports a changed number as altered, naming the original", async () => {
    const body = await verify(SENTENCE.replace("80", "90"));
    expect(body.verdict).toBe("altered");
    const diff = body.matches[0].differences.find((d: any) => d.kind === "number");
    expect(diff).toMatchObject({ quote: "90", original: "80" });
  });

  it("reports an added or removed negation as altered", async () => {
    const original = "والتي لا يمكن أن يكتب لها النجاح";
    expect((await verify(original)).verdict).toBe("verbatim");
    const removed = await verify("والتي يمكن أن يكتب لها النجاح");
    expect(removed.verdict).toBe("altered");
    expect(removed.matches[0].differences.map((d: any) => d.kind)).toContain("negation");
  });

  it("never reports a sentence spliced from two places as authentic", async () => {
    const spliced =
      "ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار، ضد مناطق مدنية وعدم ترددها في استخدام أسلحة محرمة";
    const body = await verify(spliced);
    expect(["verbatim", "same-words", "abridged"]).not.toContain(body.verdict);
    expect(body.matches[0].differences.map((d: any) => d.kind)).toContain("splice");
  });

  it("says not-found for words the archive never held, and 400 for a quote too short to look up", async () => {
    expect((await verify("the quick brown fox jumps over the lazy dog")).verdict).toBe("not-found");
    const res = await fetch(`${stack.url}/v1/verify?text=${encodeURIComponent("درعا")}`);
    expect(res.status).toBe(400);
  });

  it("matches a whole pasted statement by its fingerprint", async () => {
    const body = await verify(seedText.replace(/\n+/g, " "));
    expect(["verbatim", "same-words"]).toContain(body.verdict);
    expect(body.matches[0]).toMatchObject({ statement: seedId, wholeStatement: true });
  });
});
