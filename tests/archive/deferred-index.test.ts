/**
 * Deferred quote indexing (issue #15, packages/archive/src/pending-index.ts) on the real emulators:
 * a long text is committed — found by id, by hash, in its publisher's listing — before its quote
 * index exists, with a durable marker; the indexer (in process, or a sweep) makes it findable by
 * quote and removes the marker. A crash between commit and indexing (a fault-injected item store)
 * leaves the marker, which a sweep completes; sweeping twice is harmless; reindex still works.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHex, generateEd25519Seed, sha256, utf8 } from "@isnad/core";
import {
  INDEX_NOW_MAX_CHARS,
  Publishers,
  completePendingIndex,
  completePendingIndexes,
  createInProcessIndexQueue,
  createKeyring,
  createSigner,
  createTextIndexer,
  getStatement,
  ingest,
  isIndexPending,
  listStatements,
  reindexQuotes,
  statementId,
  systemClock,
  verifyBySha256,
  verifyQuote,
  type ArchiveDeps,
  type IndexQueue,
  type ItemStore,
  type ObjectStore,
} from "@isnad/archive";
import { plainTextDeps } from "../support/plain-text-deps";
import { startTestStorage, type TestStorage } from "../support/storage";
import { faultPlan, InjectedFault } from "../support/faults";

let storage: TestStorage;
const signer = createSigner(generateEd25519Seed());
const keyring = createKeyring(signer);

beforeAll(async () => {
  storage = await startTestStorage();
  await new Publishers(storage.items, systemClock).create("press", "A press office");
});
afterAll(() => storage?.close());

/** A text just over the bound, each sentence its own (`tag` keeps texts of different tests apart). */
function longText(tag: string): string {
  const sentences: string[] = [];
  for (let i = 0; sentences.join(" ").length <= INDEX_NOW_MAX_CHARS + 200; i++) {
    sentences.push(
      `In session ${tag} ${i} the council of district ${i * 7} reviewed report number ${i * 13}.`,
    );
  }
  return sentences.join(" ");
}
/** A passage of every longText: each statement is told apart by id. */
const QUOTE = "the council of district 140 reviewed report number 260";

/** ArchiveDeps whose index queue records what ingest hands it and does nothing (the Lambda case). */
function depsWithQueue(items: ItemStore = storage.items) {
  const handed: string[] = [];
  const queue: IndexQueue = { enqueue: (id) => handed.push(id) };
  const deps: ArchiveDeps = {
    ...plainTextDeps({ objects: storage.objects, items }, signer, {
      indexText: createTextIndexer(items, signer),
      maxUploadBytes: 1024 * 1024,
    }),
    indexQueue: queue,
  };
  return { deps, handed };
}

/** The object store, with the keys of the whole objects read through it. */
function readsOf(objects: ObjectStore): { objects: ObjectStore; keys: string[] } {
  const keys: string[] = [];
  const get = (key: string) => (keys.push(key), objects.get(key));
  return { objects: Object.assign(Object.create(objects) as ObjectStore, { get }), keys };
}

const idOf = (text: string) => statementId("press", formatHex(sha256(utf8(text))));

const upload = (deps: ArchiveDeps, text: string) =>
  ingest(deps, {
    publisher: "press",
    body: utf8(text),
    declaredMediaType: "text/plain",
    filename: null,
    fields: {},
  });

const sweepDeps = () => ({ ...storage, indexText: createTextIndexer(storage.items, signer) });

async function findable(quote: string, id: string): Promise<boolean> {
  const found = await verifyQuote(storage, quote, keyring.byId);
  return found.results.some((r) => r.view.record.id === id && r.match.verdict !== "not-found");
}

describe("deferred quote index", () => {
  it("commits a long text before its index exists; the sweep makes it findable and removes the marker", async () => {
    const { deps, handed } = depsWithQueue();
    const text = longText("alpha");
    const { statement, created } = await upload(deps, text);
    const { id, original } = statement.record;
    expect(created).toBe(true);
    expect(handed).toEqual([id]);
    // Committed and visible everywhere but the quote index.
    expect((await getStatement(storage.items, id)).state).toBe("committed");
    expect((await verifyBySha256(storage.items, original.sha256, keyring.byId))[0]?.record.id).toBe(id);
    const listed = await listStatements(storage.items, "press", { limit: 100 });
    expect(listed.statements.map((r) => r.id)).toContain(id);
    expect(await isIndexPending(storage.items, id)).toBe(true);
    expect((await getStatement(storage.items, id)).indexPending).toBe(true);
    expect(await findable(QUOTE, id)).toBe(false);

    const swept = await completePendingIndexes(sweepDeps());
    expect(swept.indexed).toContain(id);
    expect(swept.damaged).toEqual([]);
    expect(await isIndexPending(storage.items, id)).toBe(false);
    expect((await getStatement(storage.items, id)).indexPending).toBeUndefined();
    expect(await findable(QUOTE, id)).toBe(true);

    // A second sweep finds nothing to do and changes nothing.
    const again = await completePendingIndexes(sweepDeps());
    expect(again.indexed).not.toContain(id);
    expect(await findable(QUOTE, id)).toBe(true);
  });

  it("indexes a short text before answering, as before, with no marker", async () => {
    const { deps, handed } = depsWithQueue();
    const text = "The ministry said the water supply in the eastern districts will be restored by Thursday.";
    const { statement } = await upload(deps, text);
    expect(handed).toEqual([]);
    expect(await isIndexPending(storage.items, statement.record.id)).toBe(false);
    expect(
      await findable("the water supply in the eastern districts will be restored", statement.record.id),
    ).toBe(true);
  });

  it("the in-process queue writes the index right after the commit, from the text ingest holds", async () => {
    const healthy = depsWithQueue();
    const read = readsOf(storage.objects);
    const queue = createInProcessIndexQueue({ ...sweepDeps(), objects: read.objects }, (e) => {
      throw e;
    });
    const { statement } = await upload({ ...healthy.deps, indexQueue: queue }, longText("beta"));
    await queue.idle();
    expect(await isIndexPending(storage.items, statement.record.id)).toBe(false);
    expect(await findable(QUOTE, statement.record.id)).toBe(true);
    expect(read.keys).toEqual([]); // issue #15: not read back from S3
    await queue.close();
  });

  it("a held text other than the stored one is not indexed: the stored text is read and checked", async () => {
    const { deps } = depsWithQueue();
    const { statement } = await upload(deps, longText("zeta"));
    const { record } = statement;
    const read = readsOf(storage.objects);
    const held = { record, text: longText("zeta").replace("council", "committee") };
    const outcome = await completePendingIndex({ ...sweepDeps(), objects: read.objects }, record.id, held);
    expect(outcome).toBe("indexed");
    expect(read.keys).toEqual([`texts/${record.text!.sha256}`]);
    expect(await findable(QUOTE, record.id)).toBe(true);
  });

  for (const mode of ["before", "after"] as const) {
    it(`a crash between commit and index (its first write fails ${mode} persisting) leaves a marker the sweep completes`, async () => {
      const { deps } = depsWithQueue();
      // The indexer's store fails its first write: the process "dies" with the index half written or not at all.
      const plan = faultPlan(0, mode);
      const faultyItems = plan.wrap(storage.items, "dynamodb");
      const errors: unknown[] = [];
      const queue = createInProcessIndexQueue(
        { ...storage, items: faultyItems, indexText: createTextIndexer(faultyItems, signer) },
        (e) => errors.push(e),
      );
      const { statement } = await upload({ ...deps, indexQueue: queue }, longText(`gamma-${mode}`));
      const { id } = statement.record;
      await queue.idle();
      expect(errors).toEqual([expect.any(InjectedFault)]);
      expect(await isIndexPending(storage.items, id)).toBe(true);
      expect((await getStatement(storage.items, id)).state).toBe("committed");

      const swept = await completePendingIndexes(sweepDeps());
      expect(swept.indexed).toContain(id);
      expect(await isIndexPending(storage.items, id)).toBe(false);
      expect(await findable(QUOTE, id)).toBe(true);
      await queue.close();
    });
  }

  it("a crash before the commit leaves the statement invisible; the retry commits it and its marker", async () => {
    const { deps } = depsWithQueue();
    const plan = faultPlan(4, "before"); // 0–1 objects, 2 pending statement, 3 links and marker, 4 commit
    const faulty: ArchiveDeps = {
      ...deps,
      items: plan.wrap(storage.items, "dynamodb"),
      objects: plan.wrap(storage.objects, "s3"),
    };
    const text = longText("delta");
    await expect(upload(faulty, text)).rejects.toBeInstanceOf(InjectedFault);
    expect(plan.writes.at(-1)).toBe("dynamodb.putIfVersion");
    const invisible = await getStatement(storage.items, idOf(text)).catch((e: unknown) => e);
    expect(invisible).toMatchObject({ code: "NOT_FOUND" });
    const retried = await upload(deps, text);
    expect(retried.created).toBe(true);
    expect(await isIndexPending(storage.items, retried.statement.record.id)).toBe(true);
    await completePendingIndexes(sweepDeps());
    expect(await findable(QUOTE, retried.statement.record.id)).toBe(true);
  });

  it("reindex indexes a statement whose index is pending and removes its marker", async () => {
    const { deps } = depsWithQueue();
    const { statement } = await upload(deps, longText("epsilon"));
    expect(await isIndexPending(storage.items, statement.record.id)).toBe(true);
    const summary = await reindexQuotes({
      ...storage,
      publishers: new Publishers(storage.items, systemClock),
      signer,
    });
    expect(summary.damaged).toEqual([]);
    expect(await isIndexPending(storage.items, statement.record.id)).toBe(false);
    expect(await findable(QUOTE, statement.record.id)).toBe(true);
  });
});
