/**
 * Issue #14 over HTTP: a history that cannot fork (409 naming the latest version, also under
 * concurrency), corrections instead of silently dropped metadata (409 that says what differs and
 * how to correct; a signed, logged correction with a receipt), and the same bytes from two
 * publishers (who archived them first, who else did).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReceipt, verifyReceipt } from "@isnad/core";
import { startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack;
let otherKey: string;
let tag: string;

beforeAll(async () => {
  stack = await startTestStack({ rateLimits: false });
  await stack.services.publishers.create("second-office", {
    names: { ar: "المكتب الثاني", en: "Second Office" },
    domain: "second.example",
  });
  otherKey = (await stack.services.publishers.issueKey("second-office")).apiKey;
  tag = `${Date.now()}-${Math.random()}`;
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

async function correct(id: string, body: unknown, key = stack.apiKey) {
  const res = await fetch(`${stack.url}/v1/statements/${id}/corrections`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, location: res.headers.get("location"), body: (await res.json()) as any };
}

const get = async (path: string) => {
  const res = await fetch(`${stack.url}${path}`);
  return { status: res.status, body: (await res.json()) as any };
};

describe("a history that cannot fork", () => {
  it("refuses to supersede a superseded statement, naming the latest version (chain followed)", async () => {
    const v1 = await upload("Fork v1");
    const v2 = await upload("Fork v2", { supersedes: v1.body.id });
    const v3 = await upload("Fork v3", { supersedes: v2.body.id });
    expect([v1.status, v2.status, v3.status]).toEqual([201, 201, 201]);

    const fork = await upload("Fork v2 bis", { supersedes: v1.body.id });
    expect(fork.status).toBe(409);
    expect(fork.body).toMatchObject({
      type: "urn:isnad:problem:conflict",
      supersedes: v1.body.id,
      supersededBy: v2.body.id,
      latest: v3.body.id,
      links: { latest: `/v1/statements/${v3.body.id}` },
    });
    expect(fork.body.detail).toContain(`the latest version is ${v3.body.id}`);
    // Nothing of the refused upload is visible, and the chain is still a line.
    expect((await get(`/v1/statements/${v1.body.id}`)).body.supersededBy).toEqual([v2.body.id]);
    const chain = (await get(`/v1/statements/${v1.body.id}/versions`)).body;
    expect(chain.versions.map((v: any) => v.id)).toEqual([v1.body.id, v2.body.id, v3.body.id]);
    // Following the advice works.
    expect((await upload("Fork v2 bis", { supersedes: v3.body.id })).status).toBe(201);
  });

  it("lets exactly one of many concurrent uploads supersede the same statement", async () => {
    const base = await upload("Race base");
    const racers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => upload(`Race contender ${i}`, { supersedes: base.body.id })),
    );
    const statuses = racers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    const winner = racers.find((r) => r.status === 201)!.body.id;
    expect((await get(`/v1/statements/${base.body.id}`)).body.supersededBy).toEqual([winner]);
  });
});

describe("corrections", () => {
  it("answers a re-upload with other metadata with 409 naming the differences, and 200 when identical", async () => {
    const first = await upload("Needs a date", { title: "Statement", language: "en" });
    expect(first.status).toBe(201);
    expect((await upload("Needs a date", { title: "Statement", language: "en" })).status).toBe(200);
    expect((await upload("Needs a date")).status).toBe(200); // no fields sent: no claim about them

    const again = await upload("Needs a date", { title: "Statement", publishedAt: "2024-05-01" });
    expect(again.status).toBe(409);
    expect(again.body.differences).toEqual([{ field: "publishedAt", archived: null, sent: "2024-05-01" }]);
    expect(again.body.correction).toEqual({
      method: "POST",
      href: `/v1/statements/${first.body.id}/corrections`,
      body: { publishedAt: "2024-05-01" },
    });
    expect(again.body.detail).toContain("publishedAt");
    expect(again.body.detail).toContain(`POST /v1/statements/${first.body.id}/corrections`);

    // A supersedes that would be refused is not silently kept either.
    const other = await upload("Some other statement");
    const linked = await upload("Needs a date", { supersedes: other.body.id });
    expect(linked.status).toBe(409);
    expect(linked.body.differences[0]).toMatchObject({ field: "supersedes", archived: null });
  });

  it("records a signed, logged correction with a receipt; the view shows current fields and the dated history", async () => {
    const statement = await upload("Corrected later", { title: "Old title" });
    const id = statement.body.id;
    const made = await correct(id, {
      publishedAt: "2024-05-01",
      title: "New title",
      reason: "the date was missing",
    });
    expect(made.status).toBe(201);
    expect(made.location).toBe(`/v1/statements/${id}/corrections/1`);
    expect(made.body.correction).toMatchObject({
      seq: 1,
      changes: { publishedAt: "2024-05-01", title: "New title" },
      previous: { publishedAt: null, title: "Old title" },
      reason: "the date was missing",
      record: { type: "isnad.correction/v1", statement: id, publisher: stack.publisher },
    });
    expect(made.body.current).toMatchObject({ title: "New title", publishedAt: "2024-05-01" });

    // The receipt proves the correction's own entry is in the log.
    const keys = (await get("/v1/keys")).body;
    const verified = verifyReceipt(parseReceipt(made.body.receipt), { logVerifierKey: keys.log.verifierKey });
    expect(verified.record).toMatchObject({ type: "isnad.correction/v1", seq: 1, statement: id });
    expect((await get(`/v1/statements/${id}/corrections/1/receipt`)).status).toBe(200);

    // The same correction again is not a second one.
    const twice = await correct(id, { publishedAt: "2024-05-01", title: "New title" });
    expect(twice.status).toBe(200);
    expect(twice.body.correction.seq).toBe(1);

    const view = (await get(`/v1/statements/${id}`)).body;
    expect(view.record.title).toBe("Old title"); // the signed record never changes
    expect(view.current).toMatchObject({ title: "New title", publishedAt: "2024-05-01" });
    expect(view.corrections).toHaveLength(1);
    expect(view.corrections[0].receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Re-uploading with the corrected fields is now identical: 200.
    expect((await upload("Corrected later", { title: "New title", publishedAt: "2024-05-01" })).status).toBe(
      200,
    );
  });

  it("refuses corrections by another publisher, empty ones, and changing a history link", async () => {
    const v1 = await upload("Links v1");
    const v2 = await upload("Links v2", { supersedes: v1.body.id });
    expect((await correct(v2.body.id, { title: "x" }, otherKey)).status).toBe(403);
    expect((await correct(v2.body.id, {})).status).toBe(400);
    const moved = await correct(v2.body.id, { supersedes: "a".repeat(32) });
    expect(moved.status).toBe(409);
    expect(moved.body.detail).toContain("not changed or removed");
    const unknownField = await correct(v2.body.id, { colour: "red" });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.detail).toBe("body: unknown field(s): colour");
  });

  it("adds a missing supersedes link by correction, under the same no-fork rule", async () => {
    const old = await upload("Forgot link, old");
    const fresh = await upload("Forgot link, new");
    const linked = await correct(fresh.body.id, { supersedes: old.body.id });
    expect(linked.status).toBe(201);
    expect((await get(`/v1/statements/${old.body.id}`)).body.supersededBy).toEqual([fresh.body.id]);
    const chain = (await get(`/v1/statements/${fresh.body.id}/versions`)).body;
    expect(chain.versions.map((v: any) => v.id)).toEqual([old.body.id, fresh.body.id]);
    const third = await upload("Forgot link, third");
    const fork = await correct(third.body.id, { supersedes: old.body.id });
    expect(fork.status).toBe(409);
    expect(fork.body.latest).toBe(fresh.body.id);
    // A loop is refused too: the old one cannot supersede its own successor.
    expect((await correct(old.body.id, { supersedes: fresh.body.id })).status).toBe(409);
  });
});

describe("presigned uploads", () => {
  it("refuse other metadata for archived bytes, and an already superseded target, before any upload", async () => {
    const start = (body: object) =>
      fetch(`${stack.url}/v1/uploads`, {
        method: "POST",
        headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));
    const archived = await upload("Presigned twin", { title: "First title" });
    const { sha256, size } = archived.body.record.original;
    const retitled = await start({ sha256, size, title: "Second title" });
    expect(retitled.status).toBe(409);
    expect(retitled.body.differences).toEqual([
      { field: "title", archived: "First title", sent: "Second title" },
    ]);
    expect((await start({ sha256, size, title: "First title" })).status).toBe(201);

    const v1 = await upload("Presigned v1");
    const v2 = await upload("Presigned v2", { supersedes: v1.body.id });
    const fork = await start({ sha256: "ab".repeat(32), size: 10, supersedes: v1.body.id });
    expect(fork.status).toBe(409);
    expect(fork.body.latest).toBe(v2.body.id);
  });
});

describe("the same bytes from two publishers", () => {
  it("says who archived them first and who else did, in the upload answer and the view", async () => {
    const mine = await upload("Shared press release");
    const theirs = await upload("Shared press release", {}, otherKey);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.sameContent).toMatchObject({
      first: false,
      firstArchived: { statement: mine.body.id, publisher: { id: stack.publisher } },
      alsoArchivedBy: [
        { statement: theirs.body.id, publisher: { id: "second-office", names: { en: "Second Office" } } },
      ],
    });
    const view = (await get(`/v1/statements/${mine.body.id}`)).body;
    expect(view.sameContent.first).toBe(true);
    expect(view.sameContent.alsoArchivedBy.map((h: any) => h.statement)).toEqual([theirs.body.id]);
    expect(view.publisher).toMatchObject({ id: stack.publisher });
    // Verify by hash lists both, oldest first, and says which archived the bytes first.
    const verdict = (await get(`/v1/verify?sha256=${mine.body.record.original.sha256}`)).body;
    expect(
      verdict.matches.map((m: any) => ({
        statement: m.statement,
        first: m.archivedFirst,
        by: m.publisher.id,
      })),
    ).toEqual([
      { statement: mine.body.id, first: true, by: stack.publisher },
      { statement: theirs.body.id, first: false, by: "second-office" },
    ]);
    // A statement nobody else archived says it was first, alone.
    const alone = (await get(`/v1/statements/${(await upload("Only mine")).body.id}`)).body;
    expect(alone.sameContent).toMatchObject({ first: true, alsoArchivedBy: [] });
  });
});
