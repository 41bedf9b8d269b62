/**
 * What "nothing acknowledged is lost" and "no fork" mean, checked from the outside exactly as a
 * client, an auditor or a mirror would: over HTTP, with core's verifiers and only the public keys.
 *
 * - checkAcknowledged: an acknowledged upload is present by id, its original is byte-identical,
 *   and its receipt verifies offline (checkpoint signature → inclusion → the signed record, whose
 *   Ed25519 signature checks under /v1/keys and which names these bytes).
 * - LogMonitor: every checkpoint seen during a run is consistent with the final tree, the entry
 *   bundles have no gap, and no entry is logged twice.
 */
import { expect } from "vitest";
import {
  TILE_WIDTH,
  equalBytes,
  formatEntryBundlePath,
  formatHex,
  hashLeaf,
  openCheckpoint,
  parseBase64,
  parseEntryBundle,
  sha256,
  treeHash,
  verifyConsistency,
  verifyReceipt,
} from "@isnad/core";
import { STATEMENT_TYPE, verifyRecordSignature } from "@isnad/archive";
import type { Traffic } from "./traffic";

export interface Trust {
  origin: string;
  logVerifierKey: string;
  recordKeys: Map<string, Uint8Array>;
}

export async function fetchTrust(traffic: Traffic): Promise<Trust> {
  const { body } = await traffic.json<{
    keys: { keyId: string; publicKey: string }[];
    log: { origin: string; verifierKey: string };
  }>("/v1/keys", {}, { retries503: 10 });
  return {
    origin: body.log.origin,
    logVerifierKey: body.log.verifierKey,
    recordKeys: new Map(body.keys.map((k) => [k.keyId, parseBase64(k.publicKey)])),
  };
}

export interface Acknowledged {
  id: string;
  sha256: string;
  bytes: Uint8Array;
  /** The leaf index the upload's answer carried (in its receipt). */
  leafIndex?: number;
}

interface RecordShape {
  id: string;
  original: { sha256: string };
}

/** Undefined when the acknowledged upload is whole and provable; otherwise what is wrong. */
export async function checkAcknowledged(
  traffic: Traffic,
  trust: Trust,
  ack: Acknowledged,
): Promise<string | undefined> {
  const retry = { retries503: 10 };
  const meta = await traffic.fetch(`/v1/statements/${ack.id}`, {}, retry);
  if (meta.status !== 200) return `GET ${ack.id} → ${meta.status}`;
  const { record } = (await meta.json()) as { record: RecordShape };
  if (record.original.sha256 !== ack.sha256) return `${ack.id}: the record names other bytes`;

  const original = await traffic.fetch(`/v1/statements/${ack.id}/original`, {}, retry);
  if (original.status !== 200) return `GET ${ack.id}/original → ${original.status}`;
  const bytes = new Uint8Array(await original.arrayBuffer());
  if (!equalBytes(bytes, ack.bytes)) return `${ack.id}: the original is not byte-identical`;
  if (formatHex(sha256(bytes)) !== ack.sha256) return `${ack.id}: the original's SHA-256 differs`;

  const receipt = await traffic.fetch(`/v1/statements/${ack.id}/receipt`, {}, retry);
  if (receipt.status !== 200) return `GET ${ack.id}/receipt → ${receipt.status}`;
  try {
    const verified = verifyReceipt(await receipt.json(), {
      logVerifierKey: trust.logVerifierKey,
      origin: trust.origin,
    });
    const logged = verified.record as RecordShape & { signature?: unknown };
    if (logged.id !== ack.id || logged.original.sha256 !== ack.sha256) {
      return `${ack.id}: the receipt's entry is another record`;
    }
    const signature = verifyRecordSignature(logged, trust.recordKeys);
    if (!signature.valid) return `${ack.id}: the logged record's signature: ${signature.reason}`;
    if (ack.leafIndex !== undefined && verified.leafIndex !== ack.leafIndex) {
      return `${ack.id}: logged at ${verified.leafIndex}, acknowledged at ${ack.leafIndex}`;
    }
  } catch (error) {
    return `${ack.id}: the receipt does not verify: ${(error as Error).message}`;
  }
  return undefined;
}

/** Checks many acknowledged uploads, a few at a time; returns the problems found. */
export async function checkAllAcknowledged(
  traffic: Traffic,
  trust: Trust,
  acks: Iterable<Acknowledged>,
  concurrency = 8,
): Promise<string[]> {
  const queue = [...acks];
  const problems: string[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let ack = queue.shift(); ack; ack = queue.shift()) {
        const problem = await checkAcknowledged(traffic, trust, ack);
        if (problem) problems.push(problem);
      }
    }),
  );
  return problems;
}

export interface LogAudit {
  /** Observed checkpoints inconsistent with the final tree, plus rollbacks seen. */
  forks: number;
  /** Why each fork was counted. */
  reasons: readonly string[];
  size: number;
  /** Leaf hash (hex) → index. */
  leafIndex: Map<string, number>;
  /** Entries logged twice (same bytes, or the same statement id). */
  duplicates: number;
  /** The statement id of each entry, in log order (null for other records: publishers, keys). */
  ids: (string | null)[];
}

interface SeenCheckpoint {
  size: number;
  rootHash: Uint8Array;
}

/** Follows the log's checkpoints during a run, then audits the whole log at the end. */
export class LogMonitor {
  readonly seen: SeenCheckpoint[] = [];
  /** Times the size went backwards between two observations (a rollback). */
  rollbacks = 0;
  /** Why each fork or rollback was counted, for the failure message. */
  readonly reasons: string[] = [];
  /** The largest size of the observations that have completed. */
  private completed = 0;

  constructor(
    private readonly traffic: Traffic,
    private readonly trust: Trust,
  ) {}

  /** A checkpoint seen elsewhere (in a receipt): it must be consistent with the rest, too. */
  record(text: string): void {
    this.seen.push(openCheckpoint(text, this.trust.logVerifierKey, this.trust.origin).checkpoint);
  }

  async observe(): Promise<SeenCheckpoint | undefined> {
    // Observers run concurrently, and two overlapping reads may complete in either order. A
    // rollback is a read that returns less than one which had completed before it began.
    const floor = this.completed;
    const res = await this.traffic.fetch("/checkpoint");
    if (res.status !== 200) {
      await res.arrayBuffer();
      return undefined;
    }
    const { checkpoint } = openCheckpoint(await res.text(), this.trust.logVerifierKey, this.trust.origin);
    if (checkpoint.size < floor) {
      this.rollbacks++;
      this.reasons.push(`rollback: size ${checkpoint.size} read after ${floor} was`);
    }
    this.completed = Math.max(this.completed, checkpoint.size);
    this.seen.push(checkpoint);
    return checkpoint;
  }

  /**
   * Reads every entry of the final tree from the entry bundles (no gap may exist), recomputes the
   * root, and counts the observed checkpoints that are not a prefix of it (forks). Each
   * consistency is also checked with the service's own proof (/v1/log/consistency).
   */
  async audit(): Promise<LogAudit> {
    const final = await this.observe();
    expect(final, "the final checkpoint").toBeDefined();
    const leafHashes: Uint8Array[] = [];
    const ids: (string | null)[] = [];
    for (let n = 0; n * TILE_WIDTH < final!.size; n++) {
      const width = Math.min(TILE_WIDTH, final!.size - n * TILE_WIDTH);
      const res = await this.traffic.fetch(
        `/${formatEntryBundlePath({ index: n, width })}`,
        {},
        { retries503: 10 },
      );
      expect(res.status, `entry bundle ${n} (a gap?)`).toBe(200);
      for (const entry of parseEntryBundle(new Uint8Array(await res.arrayBuffer()), width)) {
        leafHashes.push(hashLeaf(entry));
        const record = JSON.parse(new TextDecoder().decode(entry)) as { type?: unknown; id?: unknown };
        ids.push(record.type === STATEMENT_TYPE ? String(record.id) : null);
      }
    }
    const leafIndex = new Map<string, number>();
    let duplicates = 0;
    leafHashes.forEach((h, i) => {
      const hex = formatHex(h);
      if (leafIndex.has(hex)) duplicates++;
      else leafIndex.set(hex, i);
    });
    // One statement, one record: the same id logged twice would be two signed versions of it.
    const statements = ids.filter((id) => id !== null);
    duplicates += statements.length - new Set(statements).size;
    let forks = this.rollbacks;
    const fork = (reason: string) => {
      forks++;
      this.reasons.push(reason);
    };
    if (!equalBytes(treeHash(leafHashes), final!.rootHash))
      fork(`the entries of size ${final!.size} do not hash to its root`);
    const distinct = new Map(this.seen.map((c) => [`${c.size}:${formatHex(c.rootHash)}`, c]));
    for (const c of distinct.values()) {
      if (c.size === 0) continue;
      if (c.size > final!.size || !equalBytes(treeHash(leafHashes.slice(0, c.size)), c.rootHash)) {
        fork(`checkpoint of size ${c.size} is not a prefix of the final tree (size ${final!.size})`);
        continue;
      }
      if (c.size === final!.size) continue;
      const res = await this.traffic.json<{ hashes: string[] }>(
        `/v1/log/consistency?from=${c.size}&to=${final!.size}`,
        {},
        { retries503: 10 },
      );
      try {
        verifyConsistency(
          c.size,
          final!.size,
          res.body.hashes.map((h) => parseBase64(h)),
          c.rootHash,
          final!.rootHash,
        );
      } catch {
        fork(`the service's consistency proof from ${c.size} to ${final!.size} fails`);
      }
    }
    return { forks, reasons: this.reasons, size: final!.size, leafIndex, duplicates, ids };
  }
}
