/** Supersession, translations, per-publisher authorization and listing, over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack;
let otherKey: string;
let tag: string;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.services.publishers.create("other-press", "Another press office");
  otherKey = (await stack.services.publishers.issueKey("other-press")).apiKey;
  tag = String(Date.now());
});
afterAll(() => stack?.close());

async function upload(text: string, fields: Record<string, string> = {}, key = stack.apiKey) {
  const res = await fetch(`${stack.url}/v1/statements?${new URLSearchParams(fields)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "text/plain; charset=utf-8" },
    body: `${text} ${tag}`,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const get = async (path: string) => (await (await fetch(`${stack.url}${path}`)).json()) as any;

describe("supersession and translation", () => {
  it("links a correction to what it supersedes, both ways, and flags the old one in verify", async () => {
    const v1 = await upload("Version one", { title: "v1" });
    const v2 = await upload("Version two", { title: "v2", supersedes: v1.body.id });
    const v3 = await upload("Version three", { title: "v3", supersedes: v2.body.id });
    expect([v1.status, v2.status, v3.status]).toEqual([201, 201, 201]);

    const old = await get(`/v1/statements/${v1.body.id}`);
    expect(old.supersededBy).toEqual([v2.body.id]);
    const chain = await get(`/v1/statements/${v2.body.id}/versions`);
    expect(chain.versions.map((v: any) => v.title)).toEqual(["v1", "v2", "v3"]);
    expect(chain.latest).toBe(v3.body.id);

    const verdict = await get(`/v1/verify?sha256=${v1.body.record.original.sha256}`);
    expect(verdict.matches[0]).toMatchObject({ superseded: true, supersededBy: [v2.body.id] });
    const page = await (await fetch(`${stack.url}/s/${v1.body.id}`)).text();
    expect(page).toContain("superseded");
  });

  it("records translations", async () => {
    const ar = await upload("بيان", { language: "ar" });
    const en = await upload("Statement", { language: "en", translationOf: ar.body.id });
    expect(en.status).toBe(201);
    expect((await get(`/v1/statements/${ar.body.id}`)).translations).toEqual([en.body.id]);
    expect((await get(`/v1/statements/${en.body.id}/versions`)).translationOf).toBe(ar.body.id);
  });

  it("forbids linking to another publisher's statement (403) and to unknown ones (400)", async () => {
    const mine = await upload("Mine");
    const theirs = await upload("Correction by someone else", { supersedes: mine.body.id }, otherKey);
    expect(theirs.status).toBe(403);
    expect(theirs.body.type).toBe("urn:isnad:problem:forbidden");
    const translation = await upload(
      "Translation by someone else",
      { translationOf: mine.body.id },
      otherKey,
    );
    expect(translation.status).toBe(403);
    const unknown = await upload("Orphan", { supersedes: "f".repeat(32) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain("no such statement");
    // Nothing of the refused uploads became visible.
    expect((await get(`/v1/statements/${mine.body.id}`)).supersededBy).toEqual([]);
  });
});

describe("listing", () => {
  it("lists a publisher's statements newest first, in pages joined by cursors", async () => {
    for (let i = 0; i < 5; i++) await upload(`Listed ${i}`, {}, otherKey);
    const seen: string[] = [];
    let path: string | null = `/v1/statements?publisher=other-press&limit=2`;
    let pages = 0;
    while (path) {
      const page = await get(path);
      seen.push(...page.statements.map((s: any) => s.record.receivedAt));
      path = page.next ?? null;
      pages++;
    }
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it("rejects a forged cursor and a bad limit with 400", async () => {
    expect((await fetch(`${stack.url}/v1/statements?publisher=other-press&cursor=garbage`)).status).toBe(400);
    expect((await fetch(`${stack.url}/v1/statements?publisher=other-press&limit=0`)).status).toBe(400);
    expect((await fetch(`${stack.url}/v1/statements`)).status).toBe(400);
  });
});
