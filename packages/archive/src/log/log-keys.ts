/**
 * Where the transparency log keeps its data. DynamoDB items (the table of items.ts):
 *
 * | kind       | pk                 | sk                          | attributes                                  |
 * |------------|--------------------|-----------------------------|---------------------------------------------|
 * | state      | log#state          | state                       | version, size, rootHash (B), checkpoint, pending? |
 * | pool entry | log#pool           | <addedAt ms, 13 digits>#<leaf hash hex> | entry (B), addedAt              |
 * | leaf index | log#leaf#<hash hex>| leaf                        | index                                       |
 * | lease      | log#lease          | lease                       | holder, expiresAt (ms), version             |
 *
 * The pool's sort key starts with the time an entry was added so that a backlog drains first in,
 * first out (the leaf hash alone would starve entries with high hashes under sustained load).
 *
 * S3 objects, under `log/`: the C2SP tlog-tiles resources at their spec paths (`log/tile/…`,
 * `log/checkpoint`), and the sequenced batches `log/batches/<start>/<sha256 hex>`, which are
 * content-addressed so that a key can only ever hold one batch (see integrator.ts).
 */
import { formatHex } from "@isnad/core";

export const LOG_PREFIX = "log/";

export const logKeys = {
  state: { pk: "log#state", sk: "state" },
  poolPartition: "log#pool",
  pool: (addedAt: number, leafHash: Uint8Array) => ({
    pk: "log#pool",
    sk: `${String(addedAt).padStart(13, "0")}#${formatHex(leafHash)}`,
  }),
  leaf: (leafHash: Uint8Array) => ({ pk: `log#leaf#${formatHex(leafHash)}`, sk: "leaf" }),
  lease: { pk: "log#lease", sk: "lease" },
} as const;

/** The S3 key of a tlog-tiles resource path such as `tile/0/x001/234.p/7` or `checkpoint`. */
export function logObjectKey(path: string): string {
  return LOG_PREFIX + path;
}

export function batchObjectKey(start: number, sha256Hex: string): string {
  return `${LOG_PREFIX}batches/${start}/${sha256Hex}`;
}
