/**
 * A sequenced batch: the entries that get leaf indexes start, start + 1, … in this order, each
 * with the pool items it came from (deleted once it is integrated). Stored in S3 as JSON under a
 * content-addressed key; once the state item points at it, it is the one and only batch at
 * `start` (integrator.ts).
 */
import { formatBase64, parseBase64, parseJson, utf8, parseUtf8, MAX_BUNDLE_ENTRY_SIZE } from "@isnad/core";
import { ArchiveError } from "../errors";
import type { ItemKey } from "../ports";

export interface BatchEntry {
  readonly entry: Uint8Array;
  /** Sort keys of the pool items holding this entry (a retried append may have added two). */
  readonly pool: readonly string[];
}

export interface Batch {
  readonly start: number;
  readonly entries: readonly BatchEntry[];
}

const FORMAT = "isnad-log-batch/v1";

export function formatBatch(batch: Batch): Uint8Array {
  return utf8(
    JSON.stringify({
      format: FORMAT,
      start: batch.start,
      entries: batch.entries.map((e) => ({ entry: formatBase64(e.entry), pool: e.pool })),
    }),
  );
}

export function parseBatch(bytes: Uint8Array, expected: { start: number; count: number }): Batch {
  const fail = (why: string, cause?: unknown): never => {
    throw new ArchiveError("INTEGRITY", `the log batch at ${expected.start} is malformed: ${why}`, { cause });
  };
  let value: unknown;
  try {
    value = parseJson(parseUtf8(bytes));
  } catch (cause) {
    fail("not JSON", cause);
  }
  const v = value as { format?: unknown; start?: unknown; entries?: unknown };
  if (typeof v !== "object" || v === null || v.format !== FORMAT) fail("not a batch");
  if (v.start !== expected.start) fail(`it starts at ${String(v.start)}`);
  if (!Array.isArray(v.entries) || v.entries.length !== expected.count) {
    fail(`expected ${expected.count} entries`);
  }
  const entries = (v.entries as unknown[]).map((raw, i): BatchEntry => {
    const e = raw as { entry?: unknown; pool?: unknown };
    if (
      typeof e?.entry !== "string" ||
      !Array.isArray(e.pool) ||
      !e.pool.every((k) => typeof k === "string")
    ) {
      return fail(`entry ${i}`);
    }
    let entry: Uint8Array;
    try {
      entry = parseBase64(e.entry);
    } catch (cause) {
      return fail(`entry ${i} is not base64`, cause);
    }
    if (entry.length > MAX_BUNDLE_ENTRY_SIZE) fail(`entry ${i} is too large`);
    return { entry, pool: e.pool as string[] };
  });
  return { start: expected.start, entries };
}

/** The pool items a batch came from. */
export function batchPoolKeys(batch: Batch, poolPartition: string): ItemKey[] {
  return batch.entries.flatMap((e) => e.pool.map((sk) => ({ pk: poolPartition, sk })));
}
