/**
 * Mutations of a valid receipt for the fuzz suite: a member set to any JSON value or deleted, a
 * bit flipped in the entry, the checkpoint or a hash, a size or index shifted. Core's verifyReceipt
 * must reject each one with INVALID_RECEIPT (or accept it only if nothing changed).
 */
import fc from "fast-check";
import type { ReceiptJson } from "@isnad/core";

export type Mutation =
  | { kind: "set"; path: string; value: unknown }
  | { kind: "delete"; path: string }
  | { kind: "flip"; path: string; at: number; bit: number }
  | { kind: "shift"; path: string; by: number };

const PATHS = [
  "entry",
  "leafIndex",
  "inclusionProof",
  "inclusionProof.treeSize",
  "inclusionProof.rootHash",
  "inclusionProof.hashes",
  "inclusionProof.hashes.0",
  "checkpoint",
  "extra",
];

export const receiptMutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("set" as const),
    path: fc.constantFrom(...PATHS),
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.record({ kind: fc.constant("delete" as const), path: fc.constantFrom(...PATHS) }),
  fc.record({
    kind: fc.constant("flip" as const),
    path: fc.constantFrom("entry", "checkpoint", "inclusionProof.rootHash", "inclusionProof.hashes.0"),
    at: fc.nat(),
    bit: fc.integer({ min: 0, max: 6 }),
  }),
  fc.record({
    kind: fc.constant("shift" as const),
    path: fc.constantFrom("leafIndex", "inclusionProof.treeSize"),
    by: fc.integer({ min: -3, max: 3 }),
  }),
);

export function mutateReceipt(receipt: ReceiptJson, m: Mutation): unknown {
  const copy = structuredClone(receipt) as unknown as Record<string, unknown>;
  const keys = m.path.split(".");
  let parent: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) {
    const next = parent[k];
    if (typeof next !== "object" || next === null) return copy;
    parent = next as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  switch (m.kind) {
    case "set":
      parent[last] = m.value;
      break;
    case "delete":
      delete parent[last];
      break;
    case "flip": {
      const s = parent[last];
      if (typeof s !== "string" || s.length === 0) break;
      const i = m.at % s.length;
      parent[last] = s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ (1 << m.bit)) + s.slice(i + 1);
      break;
    }
    case "shift":
      if (typeof parent[last] === "number") parent[last] = (parent[last] as number) + m.by;
  }
  return copy;
}
