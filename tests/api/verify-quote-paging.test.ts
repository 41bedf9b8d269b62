/**
 * Issue #12, points 1 and 5, over HTTP: short misquotes with a change anywhere reach their
 * statement and are reported altered (never "not found"); a sentence archived in many statements
 * is answered with `total`, pages of `limit` and a `cursor`, earliest archived first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack;
let seedId: string;
let seedText: string;

beforeAll(async () => {
  stack = await startTestStack();
  seedId = stack.seeded[0]!.id;
  seedText = await (await fetch(`${stack.url}/v1/statements/${seedId}/text`)).text();
});
afterAll(() => stack?.close());

async function verify(body: Record<string, unknown>, expected = 200) {
  const res = await fetch(`${stack.url}/v1/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(expected);
  return (await res.json()) as any;
}

describe("retrieval that survives edits", () => {
  // [quote, the original's words it was made from]: one change each, at the start, the middle
  // or the end of a 3–5-word fragment, or two in a longer one.
  const misquotes: [string, string][] = [
    ["الأيام الأربعة الماضية فقط", "الأيام الثلاثة الماضية فقط"],
    ["ارتكبت نحو 90 خرقاً", "ارتكبت نحو 80 خرقاً"],
    ["ما يقل عن 47 شهيداً", "ما لا يقل عن 47 شهيداً"],
    ["نحو 80 خرقاً لاتفاقية وقف", "نحو 80 خرقاً لاتفاق وقف"],
    ["أسفرت عن وقوع مجازر كبيرة راح ضحيتها", "أسفرت عن وقوع مجازر راح ضحيتها"],
    [
      "كان بينها أكثر من 40 خرقاً في مدينة درعا وريفها، أسفرت عن وقوع مجزرة راح ضحيتها",
      "كان بينها أكثر من 30 خرقاً في مدينة درعا وريفها، أسفرت عن وقوع مجازر راح ضحيتها",
    ],
  ];

  it.each(misquotes)("reports %s altered, pointing at the original's words", async (quote, original) => {
    expect(seedText).toContain(original);
    const body = await verify({ text: quote });
    expect(body.verdict).toBe("altered");
    const match = body.matches.find((m: any) => m.statement === seedId);
    expect(match.differences.length).toBeGreaterThan(0);
    const at = seedText.indexOf(original);
    for (const p of match.passages) {
      expect(p.start).toBeGreaterThanOrEqual(at);
      expect(p.end).toBeLessThanOrEqual(at + original.length);
    }
  });

  it("finds an exact 3-word fragment", async () => {
    const body = await verify({ text: "مدعومة بطائرات حربية" });
    expect(body.verdict).toBe("verbatim");
    expect(body.matches[0].statement).toBe(seedId);
  });
});

describe("paging", () => {
  const tag = `p${Date.now()}`;
  const sentence = `the mayor said the bridge on Elm Street will reopen on the first of June ${tag}`;
  const ids: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 23; i++) {
      const res = await fetch(`${stack.url}/v1/statements`, {
        method: "POST",
        headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "text/plain; charset=utf-8" },
        body: `Statement ${i} of the city. ${sentence}. Other business, item ${i * 7919}.`,
      });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
  }, 120_000);

  it("counts every statement, pages through them earliest first, and says when it is done", async () => {
    const first = await verify({ text: sentence });
    expect(first).toMatchObject({ verdict: "verbatim", total: 23, limit: 20, complete: true });
    expect(first.matches.map((m: any) => m.statement)).toEqual(ids.slice(0, 20));
    expect(typeof first.cursor).toBe("string");
    expect(first.next).toMatch(/^\/v1\/verify\?/);

    const second = await verify({ text: sentence, cursor: first.cursor });
    expect(second.matches.map((m: any) => m.statement)).toEqual(ids.slice(20));
    expect(second).toMatchObject({ total: 23, cursor: null });
    expect(second.next).toBeUndefined();

    // The shareable link of the next page answers the same.
    const linked = (await (await fetch(`${stack.url}${first.next}`)).json()) as any;
    expect(linked.matches.map((m: any) => m.statement)).toEqual(ids.slice(20));
  });

  it("takes a limit from 1 to 100, in the query too", async () => {
    const small = await verify({ text: sentence, limit: 7 });
    expect(small.matches).toHaveLength(7);
    const got = (await (
      await fetch(`${stack.url}/v1/verify?${new URLSearchParams({ text: sentence, limit: "100" })}`)
    ).json()) as any;
    expect(got.matches.map((m: any) => m.statement)).toEqual(ids);
    for (const limit of [0, 101, 2.5]) {
      const problem = await verify({ text: sentence, limit }, 400);
      expect(problem.detail).toMatch(/limit/);
    }
  });

  it("refuses a cursor that is not one, or belongs to another quote", async () => {
    const first = await verify({ text: sentence, limit: 5 });
    for (const cursor of ["nonsense!", "AAAA", first.cursor]) {
      const problem = await verify({ text: `${sentence} again`, cursor }, 400);
      expect(problem.detail).toMatch(/cursor/);
    }
  });
});
