/**
 * Test fixture for the log suites: a fresh bucket and table per log on shared emulators, writers
 * and readers that share nothing in memory (as separate Lambdas), and the invariants every suite
 * checks afterwards, computed independently of the log's own code from the raw S3 objects.
 */
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import {
  MemoryHashStore,
  TILE_WIDTH,
  consistencyProofFromLeaves,
  formatEntryBundlePath,
  formatHex,
  formatTilePath,
  generateEd25519Seed,
  hashLeaf,
  newTiles,
  openCheckpoint,
  parseEntryBundle,
  readTileData,
  treeHash,
  verifyConsistency,
} from "@isnad/core";
import {
  DynamoDbItemStore,
  S3ObjectStore,
  createLogService,
  ensureBucket,
  ensureTable,
  logKeys,
  logObjectKey,
  readLogState,
  systemClock,
  type ItemStore,
  type LogReader,
  type LogWriter,
  type LogWriterOptions,
  type ObjectStore,
} from "@isnad/archive";
import type { TestStorage } from "../support/storage";

export const ORIGIN = "isnad.test/log";

export interface LogFixture {
  objects: ObjectStore;
  items: ItemStore;
  seed: Uint8Array;
  verifierKey: string;
  emptyCheckpoint: string;
}

/** A log of its own: a new bucket and table on the running emulators. */
export async function freshLog(storage: TestStorage): Promise<LogFixture> {
  const name = `isnad-log-${randomBytes(5).toString("hex")}`;
  await Promise.all([ensureBucket(storage.s3, name), ensureTable(storage.dynamo, name)]);
  const objects = new S3ObjectStore(storage.s3, name);
  const items = new DynamoDbItemStore(storage.dynamo, name);
  const seed = generateEd25519Seed();
  const service = createLogService({ objects, items, clock: systemClock, origin: ORIGIN, seed });
  const emptyCheckpoint = (await service.reader.head()).checkpoint;
  return { objects, items, seed, verifierKey: service.verifierKey, emptyCheckpoint };
}

/** A writer as a separate process would have it (its own tile cache), over the given stores. */
export function newWriter(
  log: LogFixture,
  options: Partial<Omit<LogWriterOptions, "origin" | "signer" | "emptyCheckpoint" | "clock">> = {},
  stores: { objects: ObjectStore; items: ItemStore } = log,
): LogWriter {
  return createLogService({ ...stores, clock: systemClock, origin: ORIGIN, seed: log.seed, writer: options })
    .writer;
}

export function newReader(log: LogFixture): LogReader {
  return createLogService({ ...log, clock: systemClock, origin: ORIGIN, seed: log.seed }).reader;
}

let counter = 0;
/** A distinct entry, shaped like a canonical record. */
export function makeEntry(tag: string): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ n: counter++, tag, r: formatHex(randomBytes(4)) }));
}

export const entryHex = (entry: Uint8Array) => formatHex(hashLeaf(entry));

/** The whole log as stored: the state, and every entry read back from the bundles in S3. */
export async function readStoredLog(log: LogFixture) {
  const state = await readLogState(log.items, log.emptyCheckpoint);
  const entries: Uint8Array[] = [];
  for (let n = 0; n * TILE_WIDTH < state.size; n++) {
    const width = Math.min(TILE_WIDTH, state.size - n * TILE_WIDTH);
    const path = formatEntryBundlePath({ index: n, width });
    const bundle = await log.objects.get(logObjectKey(path));
    expect(bundle, `bundle ${path} (no gap)`).toBeDefined();
    entries.push(...parseEntryBundle(bundle!, width));
  }
  return { state, entries, leafHashes: entries.map(hashLeaf) };
}

export interface Observed {
  /** Entry (hex of its leaf hash) → the index an append acknowledged for it. */
  acknowledged: Map<string, number>;
  /** Every checkpoint seen during the run. */
  checkpoints: string[];
}

/**
 * No fork, no gap, every acknowledged entry exactly once at its index, tiles as recomputed, and
 * (unless `allowPending`) nothing left half-done.
 */
export async function checkInvariants(
  log: LogFixture,
  observed: Observed,
  options: { poolEmpty?: boolean } = {},
) {
  const { state, entries, leafHashes } = await readStoredLog(log);
  expect(state.pending).toBeUndefined();
  expect(entries).toHaveLength(state.size);
  expect(treeHash(leafHashes)).toEqual(state.rootHash);
  const final = openCheckpoint(state.checkpoint, log.verifierKey, ORIGIN).checkpoint;
  expect({ size: final.size, root: final.rootHash }).toEqual({ size: state.size, root: state.rootHash });

  // Exactly once: no entry twice, and each acknowledged one where it was acknowledged.
  const positions = new Map<string, number>();
  leafHashes.forEach((h, i) => {
    const hex = formatHex(h);
    expect(positions.has(hex), `entry at ${i} also at ${positions.get(hex)}`).toBe(false);
    positions.set(hex, i);
  });
  for (const [hex, index] of observed.acknowledged)
    expect(positions.get(hex), `acknowledged ${hex}`).toBe(index);

  // No fork: every checkpoint ever seen is a prefix of the final tree, and provably so.
  const reader = newReader(log);
  for (const text of new Set(observed.checkpoints)) {
    const { checkpoint } = openCheckpoint(text, log.verifierKey, ORIGIN);
    expect(checkpoint.size).toBeLessThanOrEqual(final.size);
    expect(treeHash(leafHashes.slice(0, checkpoint.size))).toEqual(checkpoint.rootHash);
    if (checkpoint.size === 0) continue;
    const proof = await reader.consistencyProof(checkpoint.size, final.size);
    expect(proof).toEqual(consistencyProofFromLeaves(leafHashes, checkpoint.size));
    verifyConsistency(checkpoint.size, final.size, proof, checkpoint.rootHash, final.rootHash);
  }

  // Tiles in S3 are the ones an independent computation gives.
  const reference = new MemoryHashStore();
  for (const h of leafHashes) await reference.append(h);
  for (const tile of newTiles(0, state.size)) {
    const stored = await log.objects.get(logObjectKey(formatTilePath(tile)));
    expect(stored, formatTilePath(tile)).toEqual(await readTileData(tile, reference.read));
  }
  if (options.poolEmpty) expect((await log.items.query(logKeys.poolPartition)).items).toEqual([]);
  return { size: state.size, leafHashes };
}
