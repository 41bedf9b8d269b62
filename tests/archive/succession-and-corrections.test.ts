/**
 * The no-fork rule and corrections at the use-case level, on the real emulators, with a clock
 * the test moves: an abandoned claim blocks only for its lease and can then be taken over (and
 * its holder then never commits); a correction left pending by a crash is finished by the next
 * one; concurrent corrections get one number each and both apply.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprintText, generateEd25519Seed } from "@isnad/core";
import {
  SUCCESSION_LEASE_MS,
  claimSuccession,
  correctStatement,
  createSigner,
  getStatement,
  ingest,
  isArchiveError,
  keys,
  listStatementsByDate,
  Publishers,
  readCorrections,
  statementId,
  type ArchiveDeps,
  type ItemStore,
} from "@isnad/archive";
import { documentExtractor } from "@isnad/extract";
import { startTestStorage, type TestStorage } from "../support/storage";

let storage: TestStorage;
let now = Date.parse("2026-01-01T00:00:00Z");
const clock = { now: () => new Date(now) };
const signer = createSigner(generateEd25519Seed());

beforeAll(async () => {
  storage = await startTestStorage();
});
afterAll(() => storage?.close());

function deps(items: ItemStore = storage.items): ArchiveDeps {
  return {
    objects: storage.objects,
    items,
    signer,
    clock,
    extractor: documentExtractor,
    fingerprint: fingerprintText,
    limits: { maxUploadBytes: 1024 * 1024 },
  };
}

const archive = (text: string, fields: Record<string, string> = {}, d = deps()) =>
  ingest(d, {
    publisher: "press",
    body: new TextEncoder().encode(text),
    declaredMediaType: "text/plain",
    filename: null,
    fields,
  });

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return isArchiveError(e) ? e.code : String(e);
  }
}

describe("succession claims", () => {
  it("block while an abandoned claim's lease runs, then yield to a compare-and-swap takeover", async () => {
    const old = await archive(`lease old ${now}`);
    // An upload that claimed the succession and then died before its record was written.
    const abandoned = statementId("press", "a".repeat(64));
    await claimSuccession(deps(), old.statement.record.id, abandoned);

    const early = archive(`lease new ${now}`, { supersedes: old.statement.record.id });
    expect(await codeOf(early)).toBe("CONFLICT");
    now += SUCCESSION_LEASE_MS + 1;
    const late = await archive(`lease new ${now}`, { supersedes: old.statement.record.id });
    expect(late.created).toBe(true);
    expect((await getStatement(storage.items, old.statement.record.id)).supersededBy).toEqual([
      late.statement.record.id,
    ]);
    // The abandoned upload, retried now, cannot take the succession back.
    expect(await codeOf(claimSuccession(deps(), old.statement.record.id, abandoned))).toBe("CONFLICT");
  });
});

describe("corrections", () => {
  it("finish a correction a crash left pending before the next one", async () => {
    const { statement } = await archive(`crash correction ${now}`, { title: "Original" });
    const id = statement.record.id;
    // Items whose commit of a correction fails: the correction stays "pending".
    const crashing = new Proxy(storage.items, {
      get(target, name, receiver) {
        if (name === "putIfVersion") {
          return async (item: { sk: string }, expected: number | undefined) => {
            if (item.sk.startsWith("correction#")) throw new Error("crash before the commit");
            return target.putIfVersion(item as never, expected);
          };
        }
        const value = Reflect.get(target, name, receiver) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    expect(
      await codeOf(
        correctStatement(deps(crashing), {
          publisher: "press",
          statement: id,
          changes: { title: "Crashed" },
        }),
      ),
    ).toBe("Error: crash before the commit");
    expect((await readCorrections(deps(), id)).map((c) => c.state)).toEqual(["pending"]);
    expect((await getStatement(storage.items, id)).current.title).toBe("Original"); // pending is not shown

    const next = await correctStatement(deps(), {
      publisher: "press",
      statement: id,
      changes: { language: "en" },
    });
    expect(next.correction.record.seq).toBe(2);
    const view = await getStatement(storage.items, id);
    expect(view.corrections.map((c) => c.record.seq)).toEqual([1, 2]);
    expect(view.current).toMatchObject({ title: "Crashed", language: "en" });
  });

  it("number concurrent corrections one each, and apply them all", async () => {
    const { statement } = await archive(`concurrent correction ${now}`);
    const id = statement.record.id;
    const results = await Promise.all([
      correctStatement(deps(), { publisher: "press", statement: id, changes: { title: "T" } }),
      correctStatement(deps(), { publisher: "press", statement: id, changes: { publishedAt: "2024-01-02" } }),
      correctStatement(deps(), {
        publisher: "press",
        statement: id,
        changes: { sourceUrl: "https://x.example/s" },
      }),
    ]);
    expect(results.map((r) => r.correction.record.seq).sort()).toEqual([1, 2, 3]);
    expect((await getStatement(storage.items, id)).current).toMatchObject({
      title: "T",
      publishedAt: "2024-01-02",
      sourceUrl: "https://x.example/s",
    });
  });
});

describe("items written before issue #14", () => {
  it("get their dated listing item back when their bytes are archived again", async () => {
    const { statement } = await archive(`legacy dated ${now}`, { publishedAt: "2020-02-02" });
    const { id } = statement.record;
    await storage.items.delete(keys.dated(id).pk, keys.dated(id).sk); // as before the listing existed
    const listed = async () =>
      (await listStatementsByDate(storage.items, "press", { limit: 100 })).statements;
    expect((await listed()).map((v) => v.record.id)).not.toContain(id);
    expect((await archive(`legacy dated ${now}`)).created).toBe(false);
    expect((await listed()).map((v) => v.record.id)).toContain(id);
  });

  it("join the directory of publishers on `publisher update`, even with nothing to change", async () => {
    const publishers = new Publishers(storage.items, clock);
    await storage.items.put({
      ...keys.publisher("legacy"),
      name: "Legacy office",
      createdAt: "2025-01-01T00:00:00Z",
    });
    const ids = async () => (await publishers.list({ limit: 100 })).publishers.map((p) => p.id);
    expect(await ids()).not.toContain("legacy");
    expect(await publishers.update("legacy", {})).toMatchObject({ id: "legacy", name: "Legacy office" });
    expect(await ids()).toContain("legacy");
  });
});
