import { describe, expect, it } from "vitest";
import {
  emptyRoot,
  formatEntryBundlePath,
  formatTilePath,
  generateEd25519Seed,
  signCheckpoint,
  utf8,
} from "@isnad/core";
import { isArchiveError } from "../errors";
import type { ObjectStore } from "../ports";
import { checkFoundation } from "./foundation";
import { integrate, type TreeHead } from "./integrate";
import { logObjectKey } from "./log-keys";
import { createLogSigner } from "./log-service";
import type { LogState } from "./log-state";
import { TileStore } from "./tile-store";

const ORIGIN = "isnad.test/foundation";
const { signer } = createLogSigner(ORIGIN, generateEd25519Seed());

/** Objects in a Map (only `get` is used here), with a log of `sizes` grown batch by batch. */
async function storedLog(sizes: number[], salt = "") {
  const objects = new Map<string, Uint8Array>();
  const store = { get: async (key: string) => objects.get(key) } as unknown as ObjectStore;
  const read = (path: string) => objects.get(logObjectKey(path)) ?? Promise.reject(new Error(path));
  let head: TreeHead = { size: 0, rootHash: emptyRoot() };
  const heads: TreeHead[] = [];
  for (const size of sizes) {
    const entries = Array.from({ length: size - head.size }, (_, i) => utf8(`{"n":${head.size + i}${salt}}`));
    const tree = await integrate(head, entries, {
      readTile: async (t) => read(formatTilePath(t)),
      readBundle: async (b) => read(formatEntryBundlePath(b)),
    });
    for (const t of tree.tiles) objects.set(logObjectKey(t.path), t.data);
    head = { size: tree.size, rootHash: tree.rootHash };
    heads.push(head);
  }
  const state = (h: TreeHead, version = 7): LogState => ({
    version,
    size: h.size,
    rootHash: h.rootHash,
    checkpoint: signCheckpoint({ origin: ORIGIN, ...h }, signer),
  });
  const publish = (h: TreeHead) => objects.set(logObjectKey("checkpoint"), utf8(state(h).checkpoint));
  const io = (currentVersion = 7) => ({
    objects: store,
    tiles: new TileStore(store),
    verifier: signer,
    origin: ORIGIN,
    currentVersion: async () => currentVersion,
  });
  return { heads, state, publish, io, objects };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (e: unknown) => (isArchiveError(e, "INTEGRITY") ? "refused" : String(e)),
  );

describe("checkFoundation", () => {
  it("accepts a state that is, or extends, the published checkpoint (or when none is)", async () => {
    const log = await storedLog([3, 9, 300]);
    const [a, b, c] = log.heads as [TreeHead, TreeHead, TreeHead];
    expect(await checkFoundation(log.state(c), log.io())).toBe("ok");
    for (const published of [a, b, c]) {
      log.publish(published);
      expect(await checkFoundation(log.state(c), log.io())).toBe("ok");
    }
    log.objects.set(logObjectKey("checkpoint"), utf8("not a checkpoint")); // unreadable: no evidence
    expect(await checkFoundation(log.state(c), log.io())).toBe("ok");
  });

  it("refuses a state rolled back behind the published checkpoint, unless it is merely stale", async () => {
    const log = await storedLog([3, 9]);
    const [a, b] = log.heads as [TreeHead, TreeHead];
    log.publish(b);
    expect(await refusal(checkFoundation(log.state(a, 7), log.io(7)))).toBe("refused");
    // Another integrator committed since this state was read: a lost race, not tampering.
    expect(await checkFoundation(log.state(a, 7), log.io(9))).toBe("stale");
  });

  it("refuses a state that is not this log's, or not on the published tree", async () => {
    const log = await storedLog([3, 9]);
    const [a, b] = log.heads as [TreeHead, TreeHead];
    const other = await storedLog([3], ',"other":1');
    log.publish(a);
    const forged = {
      ...log.state(b),
      checkpoint: signCheckpoint(
        { origin: ORIGIN, ...b },
        createLogSigner(ORIGIN, generateEd25519Seed()).signer,
      ),
    };
    expect(await refusal(checkFoundation(forged, log.io()))).toBe("refused");
    // The same size as published, another root.
    log.objects.set(logObjectKey("checkpoint"), utf8(log.state(other.heads[0]!).checkpoint));
    expect(await refusal(checkFoundation(log.state(a), log.io()))).toBe("refused");
    // A published checkpoint of 3 that the state's tree of 9 does not extend.
    expect(await refusal(checkFoundation(log.state(b), log.io()))).toBe("refused");
  });
});
