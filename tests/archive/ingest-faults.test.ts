/**
 * Issue #3 fault tests: S3 fails, DynamoDB fails, or the process dies between any two writes of
 * an ingest → no half-visible statement, a retry succeeds, and dedupe still works. Runs on the
 * real emulators through the production adapters; faults are injected on our ports.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprintText, formatHex, generateEd25519Seed, sha256 } from "@isnad/core";
import {
  createKeyring,
  createSigner,
  createTextIndexer,
  getStatement,
  ingest,
  isArchiveError,
  listStatements,
  markContentHoldersComplete,
  statementId,
  systemClock,
  verifyBySha256,
  type ArchiveDeps,
} from "@isnad/archive";
import { documentExtractor } from "@isnad/extract";
import { startTestStorage, type TestStorage } from "../support/storage";
import { faultPlan, InjectedFault, type FaultMode } from "../support/faults";

let storage: TestStorage;
const signer = createSigner(generateEd25519Seed());
const keyring = createKeyring(signer);

beforeAll(async () => {
  storage = await startTestStorage();
  // Verify by hash reads the content holders item (content-items.ts), as a migrated archive does.
  await markContentHoldersComplete(storage.items, new Date().toISOString());
});
afterAll(() => storage?.close());

function deps(failAt?: number, mode: FaultMode = "before", store: TestStorage = storage) {
  const plan = faultPlan(failAt, mode);
  const items = plan.wrap(store.items, "dynamodb");
  const archive: ArchiveDeps = {
    objects: plan.wrap(store.objects, "s3"),
    items,
    indexText: createTextIndexer(items),
    signer,
    clock: systemClock,
    extractor: documentExtractor,
    fingerprint: fingerprintText,
    limits: { maxUploadBytes: 1024 * 1024 },
  };
  return { archive, writes: plan.writes };
}

const request = (publisher: string, text: string) => ({
  publisher,
  body: new TextEncoder().encode(text),
  declaredMediaType: "text/plain",
  filename: "x.txt",
  fields: { title: text },
});

async function visible(publisher: string, id: string, sha256: string) {
  const byId = await getStatement(storage.items, id).then(
    () => true,
    (e: unknown) => (isArchiveError(e, "NOT_FOUND") ? false : Promise.reject(e)),
  );
  const byHash = (await verifyBySha256(storage.items, sha256, keyring.byId)).length > 0;
  const listed = (await listStatements(storage.items, publisher, { limit: 100 })).statements.some(
    (r) => r.id === id,
  );
  return { byId, byHash, listed };
}

describe("ingest under faults", () => {
  it("makes its writes in the documented order", async () => {
    const clean = deps(undefined, "before");
    await ingest(clean.archive, request("probe", `order ${Date.now()}`));
    expect(clean.writes).toEqual([
      "s3.putImmutable", // original
      "s3.putImmutable", // extracted text
      "dynamodb.putIfAbsent", // pending statement
      "dynamodb.putMany", // by-content link and dated listing (the publisher page's order), one batch
      "dynamodb.putIfVersion", // beside it, the content's holders (verify by hash's one GetItem)
      "dynamodb.putMany", // quote index
      "dynamodb.putIfVersion", // commit
    ]);
  });

  const WRITES = 7;
  for (const mode of ["before", "after"] as const) {
    for (let failAt = 0; failAt < WRITES; failAt++) {
      it(`write ${failAt} fails ${mode === "before" ? "unpersisted" : "after persisting"}: nothing half-visible, retry succeeds`, async () => {
        const publisher = `p-${mode}-${failAt}`;
        const text = `statement for ${publisher} ${Date.now()}`;
        const faulty = deps(failAt, mode);
        const error = await ingest(faulty.archive, request(publisher, text)).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(InjectedFault);

        const healthy = deps();
        const committedByFault = mode === "after" && failAt === WRITES - 1;
        // Before the retry: either invisible everywhere, or (only if the commit itself was
        // persisted) visible everywhere. Never in between.
        const probeResult = await ingest(healthy.archive, request(publisher, text));
        const { id, original } = probeResult.statement.record;
        expect(probeResult.created).toBe(!committedByFault);
        expect(await visible(publisher, id, original.sha256)).toEqual({
          byId: true,
          byHash: true,
          listed: true,
        });

        const again = await ingest(healthy.archive, request(publisher, text));
        expect(again.created).toBe(false);
        expect(again.statement.record.signature).toEqual(probeResult.statement.record.signature);
        expect((await listStatements(storage.items, publisher, { limit: 100 })).statements).toHaveLength(1);
      });
    }
  }

  it("is invisible between a failed ingest and its retry", async () => {
    for (let failAt = 0; failAt < WRITES; failAt++) {
      const publisher = `between-${failAt}`;
      const text = `between ${failAt} ${Date.now()}`;
      const faulty = deps(failAt, "after");
      const failed = await ingest(faulty.archive, request(publisher, text)).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(InjectedFault);
      const { ingestId, sha } = idsOf(publisher, text);
      const seen = await visible(publisher, ingestId, sha);
      const all = failAt === WRITES - 1;
      expect(seen).toEqual({ byId: all, byHash: all, listed: all });
    }
  });
});

function idsOf(publisher: string, text: string) {
  const sha = formatHex(sha256(new TextEncoder().encode(text)));
  return { ingestId: statementId(publisher, sha), sha };
}
