/**
 * The SCRAPI facade over HTTP on the real local stack: Signed Statements built by @transmute/cose
 * (signed-statements.ts) are registered with POST /entries, and the COSE receipts that come back
 * are checked by @transmute/cose alone against /.well-known/scitt-keys.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBase64 } from "@isnad/core";
import type { TransparencyLog } from "@isnad/archive";
import { startScittStack, type ScittStack } from "./scitt-stack";
import { transmuteVerify } from "../cose/transmute-verifier";
import { ed25519Signer, signStatement, type Ed25519Signer } from "./signed-statements";

let stack: ScittStack;
let signer: Ed25519Signer;
let kid: string;

const utf8 = (text: string) => new TextEncoder().encode(text);

const register = (body: Uint8Array) => stack.register(body);

async function keySet(): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(`${stack.url}/.well-known/scitt-keys`)).arrayBuffer());
}

/** The exact log entry of statement `id`, from its JSON receipt. */
async function logEntry(id: string): Promise<Uint8Array> {
  const res = await fetch(`${stack.url}/v1/statements/${id}/receipt`);
  return parseBase64(((await res.json()) as { entry: string }).entry);
}

function idOf(res: Response): string {
  const location = res.headers.get("location") ?? "";
  expect(location).toMatch(/^\/entries\/[0-9a-f]{32}$/);
  return location.slice("/entries/".length);
}

beforeAll(async () => {
  stack = await startScittStack();
  signer = ed25519Signer();
  kid = stack.trust(signer);
});
afterAll(() => stack?.close());

describe("POST /entries", () => {
  it("registers an EdDSA Signed Statement: 201, a COSE receipt @transmute/cose verifies, the statement archived", async () => {
    const text = `بيان صحفي موقع ${Date.now()}\nنص البيان الكامل.`;
    const statement = await signStatement(signer, utf8(text), {
      kid,
      contentType: "text/plain; charset=utf-8",
      issuer: "https://press.example",
    });
    const res = await stack.register(statement, {
      "content-type": 'application/cose; cose-type="cose-sign1"',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/cose\b/);
    const id = idOf(res);
    const receipt = new Uint8Array(await res.arrayBuffer());
    await expect(transmuteVerify(await logEntry(id), receipt, await keySet())).resolves.toBeDefined();

    // The archived original is the Signed Statement, byte for byte; its text is the payload's.
    const { record } = (await (await fetch(`${stack.url}/v1/statements/${id}`)).json()) as {
      record: { original: { mediaType: string; sha256: string }; text: { status: string } };
    };
    expect(record.original.mediaType).toBe("application/cose");
    expect(record.text.status).toBe("ok");
    const original = new Uint8Array(
      await (await fetch(`${stack.url}/v1/statements/${id}/original`)).arrayBuffer(),
    );
    expect(original).toEqual(statement);
    expect(await (await fetch(`${stack.url}/v1/statements/${id}/text`)).text()).toContain("نص البيان الكامل");

    // GET /entries/{id}: the receipt again, for the same entry.
    const again = await fetch(`${stack.url}/entries/${id}`);
    expect(again.status).toBe(200);
    expect(again.headers.get("location")).toBe(`/entries/${id}`);
    const fresh = new Uint8Array(await again.arrayBuffer());
    await expect(transmuteVerify(await logEntry(id), fresh, await keySet())).resolves.toBeDefined();
    // …and not for another entry (a wrong leaf).
    await expect(transmuteVerify(utf8("{}"), fresh, await keySet())).rejects.toThrow();
  });

  it("answers the same bytes again with 200 and the same entry, and accepts an untagged COSE_Sign1", async () => {
    const statement = await signStatement(signer, utf8(`again ${Date.now()}`), {
      kid,
      contentType: "text/plain",
    });
    const first = await register(statement);
    expect(first.status).toBe(201);
    const second = await register(statement);
    expect(second.status).toBe(200);
    expect(idOf(second)).toBe(idOf(first));

    expect(statement[0]).toBe(0xd2); // tag 18
    const untagged = await register(statement.subarray(1));
    expect(untagged.status).toBe(201); // other bytes, so another statement
    expect(idOf(untagged)).not.toBe(idOf(first));
  });

  it("answers 303 + Retry-After when the log is slow, 302 while it runs, then 200 with the receipt", async () => {
    const archive = stack.services.archive;
    const log = archive.log!;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: TransparencyLog = { append: async (entry) => (await gate, log.append(entry)) };
    archive.log = slow;
    try {
      const statement = await signStatement(signer, utf8(`slow ${Date.now()}`), {
        kid,
        contentType: "text/plain",
      });
      const res = await register(statement);
      expect(res.status).toBe(303);
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      const id = idOf(res);
      const pending = await fetch(`${stack.url}/entries/${id}`, { redirect: "manual" });
      expect(pending.status).toBe(302);
      expect(pending.headers.get("location")).toBe(`/entries/${id}`);
      expect(pending.headers.get("retry-after")).toMatch(/^\d+$/);
      release();
      let done: Response | undefined;
      for (let i = 0; i < 100 && done === undefined; i++) {
        const poll = await fetch(`${stack.url}/entries/${id}`, { redirect: "manual" });
        if (poll.status === 200) done = poll;
        else await new Promise((r) => setTimeout(r, 100));
      }
      expect(done?.status).toBe(200);
      const receipt = new Uint8Array(await done!.arrayBuffer());
      await expect(transmuteVerify(await logEntry(id), receipt, await keySet())).resolves.toBeDefined();
    } finally {
      release();
      archive.log = log;
    }
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${stack.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(doc.paths["/entries"]!.post!.responses)).toEqual(
      expect.arrayContaining(["201", "303", "400", "401", "413", "415"]),
    );
    expect(Object.keys(doc.paths["/entries/{id}"]!.get!.responses)).toEqual(
      expect.arrayContaining(["200", "302", "404"]),
    );
  });
});
