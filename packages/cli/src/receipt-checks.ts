/**
 * Offline receipt verification, step by step (DESIGN.md "Receipt"): file → SHA-256 → the record
 * in the entry → the record's signature → inclusion → the checkpoint's signature. Pure and
 * synchronous on @isnad/core alone, with the trust material passed in, so that it is the same
 * check a browser can run; every step is reported, so a failure says which link of the chain
 * broke. Core's `verifyReceipt` then re-checks the log part as one unit, so this file can add
 * explanations but never accept what core rejects.
 */
import {
  canonicalize,
  canonicalizeToBytes,
  compareWitnessHint,
  equalBytes,
  formatBase64,
  formatWitnessSummary,
  hashLeaf,
  openCheckpoint,
  parseBase64,
  parseJson,
  parseReceipt,
  parseReceiptTlogProof,
  parseUtf8,
  summarizeWitnesses,
  verifyEd25519,
  verifyInclusion,
  verifyReceipt,
  type Receipt,
  type WitnessPolicy,
} from "@isnad/core";

export type CheckStep =
  "receipt" | "record" | "sha256" | "signature" | "inclusion" | "checkpoint" | "witnesses" | "timestamp";

export interface Check {
  step: CheckStep;
  status: "pass" | "fail" | "skipped";
  message: string;
}

export interface OfflineTrust {
  /** The log's note verifier key, `<name>+<hex id>+<base64>` (GET /v1/log). */
  logVerifierKey: string;
  /** When known, a checkpoint of any other log is rejected. */
  origin?: string;
  /** Record keys by key id; null when none were given (the signature step is then skipped). */
  recordKeys: ReadonlyMap<string, Uint8Array> | null;
  /** A witness policy (C2SP tlog-policy, GET /v1/policy): its quorum must have cosigned. */
  policy?: WitnessPolicy;
  /** Pinned RFC 3161 TSA roots (PEM): the receipt's timestamps must chain to one (receipt-timestamps.ts). */
  tsaRoots?: string[];
  /** Accepted TSA policy OIDs (any when absent). */
  tsaPolicies?: string[];
}

export interface RecordSummary {
  id: unknown;
  publisher: unknown;
  title: unknown;
  publishedAt: unknown;
  receivedAt: unknown;
}

export interface ReceiptReport {
  /** True when no step failed (a skipped signature step does not fail). */
  verified: boolean;
  checks: Check[];
  record: RecordSummary | null;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A receipt file's text: the JSON form, or the same receipt as C2SP tlog-proof@v1 text. */
export function parseReceiptText(text: string): Receipt {
  return text.trimStart().startsWith("{") ? parseReceipt(text) : parseReceiptTlogProof(text);
}

export function checkReceiptOffline(
  receiptText: string,
  fileSha256: string,
  trust: OfflineTrust,
): ReceiptReport {
  const checks: Check[] = [];
  const pass = (step: CheckStep, text: string) => checks.push({ step, status: "pass", message: text });
  const fail = (step: CheckStep, text: string) => checks.push({ step, status: "fail", message: text });

  let receipt: Receipt;
  try {
    receipt = parseReceiptText(receiptText);
  } catch (e) {
    fail("receipt", `the receipt does not parse: ${message(e)}`);
    return { verified: false, checks, record: null };
  }
  const { treeSize, rootHash, hashes } = receipt.inclusionProof;
  pass(
    "receipt",
    `well-formed: an entry of ${receipt.entry.length} bytes, leaf ${receipt.leafIndex} of ${treeSize}`,
  );

  const record = readRecord(receipt.entry);
  if (typeof record === "string") fail("record", record);
  else
    pass("record", `the entry is a canonical isnad record (${String(record.type)}, id ${String(record.id)})`);

  if (typeof record === "string") fail("sha256", "not checked: the entry is not a statement record");
  else if (record.original.sha256 === fileSha256) {
    pass("sha256", `the file's SHA-256 ${fileSha256} is the one the record names`);
  } else {
    fail(
      "sha256",
      `the file's SHA-256 ${fileSha256} is not the record's ${record.original.sha256}: this is not the archived file`,
    );
  }

  if (typeof record === "string") fail("signature", "not checked: the entry is not a statement record");
  else if (trust.recordKeys === null) {
    checks.push({
      step: "signature",
      status: "skipped",
      message: "not checked: give --record-key or --keys to check the record's signature",
    });
  } else {
    const why = recordSignatureProblem(record, trust.recordKeys);
    if (why) fail("signature", why);
    else pass("signature", `the record is signed by isnad key ${keyIdOf(record)} (Ed25519)`);
  }

  try {
    verifyInclusion(receipt.leafIndex, treeSize, hashLeaf(receipt.entry), hashes, rootHash);
    pass(
      "inclusion",
      `the entry is leaf ${receipt.leafIndex} of the tree of size ${treeSize} with root ${formatBase64(rootHash)} (RFC 9162 §2.1.3.2, ${hashes.length} hashes)`,
    );
  } catch (e) {
    fail("inclusion", `the entry is not in the tree the proof claims: ${message(e)}`);
  }

  try {
    const { checkpoint } = openCheckpoint(receipt.checkpoint, trust.logVerifierKey, trust.origin);
    if (checkpoint.size !== treeSize || !equalBytes(checkpoint.rootHash, rootHash)) {
      fail(
        "checkpoint",
        `the signed checkpoint (size ${checkpoint.size}) is not the tree of the proof (size ${treeSize})`,
      );
    } else {
      pass("checkpoint", `signed by the log ${checkpoint.origin}: size ${checkpoint.size}, the proof's root`);
    }
  } catch (e) {
    fail("checkpoint", `the checkpoint does not verify under the log's key: ${message(e)}`);
  }

  if (trust.policy) checks.push(witnessCheck(receipt, trust.policy));
  else if (receipt.witnesses) {
    const { names, cosigned, configured } = receipt.witnesses;
    checks.push({
      step: "witnesses",
      status: "skipped",
      message: `not checked: the receipt says ${cosigned} of ${configured} witnesses cosigned (${names.join(", ") || "none"}); give --policy (GET /v1/policy) to check`,
    });
  }

  // The log part once more through core's single entry point, which is the reference.
  if (!checks.some((c) => c.status === "fail" && (c.step === "inclusion" || c.step === "checkpoint"))) {
    try {
      verifyReceipt(receipt, { logVerifierKey: trust.logVerifierKey, origin: trust.origin });
    } catch (e) {
      fail("receipt", message(e));
    }
  }
  return {
    verified: checks.every((c) => c.status !== "fail"),
    checks,
    record: typeof record === "string" ? null : summary(record),
  };
}

/**
 * The policy's quorum over the checkpoint's cosignatures, naming the witnesses whose lines
 * verified: "witnessed by A, B (2 of 2; the policy requires 2)". The receipt's own `witnesses`
 * hint is unsigned; it is only compared, and a hint that overstates what verifies fails.
 */
function witnessCheck(receipt: Receipt, policy: WitnessPolicy): Check {
  try {
    const summary = summarizeWitnesses(receipt.checkpoint, policy);
    const said = formatWitnessSummary(summary);
    const overstated = receipt.witnesses && compareWitnessHint(receipt.witnesses, summary);
    const quorum = policy.quorum === undefined ? "no quorum required" : `quorum "${policy.quorum}"`;
    const met = summary.satisfied
      ? `${quorum} met`
      : `${quorum} NOT met (a cosignature the policy requires is missing)`;
    const text = overstated ? `${said}: ${met}; ${overstated}` : `${said}: ${met}`;
    return { step: "witnesses", status: summary.satisfied && !overstated ? "pass" : "fail", message: text };
  } catch (e) {
    return { step: "witnesses", status: "fail", message: `the checkpoint fails the policy: ${message(e)}` };
  }
}

type StatementLike = Record<string, unknown> & { original: { sha256: string } };

/** The entry as a statement record, or why it is not one. */
function readRecord(entry: Uint8Array): StatementLike | string {
  let value: unknown;
  try {
    const text = parseUtf8(entry);
    value = parseJson(text);
    // A log entry is RFC 8785 canonical JSON: one record has one byte string (DESIGN.md).
    if (canonicalize(value) !== text) return "the entry is JSON but not in canonical form (RFC 8785)";
  } catch (e) {
    return `the entry is not JSON text: ${message(e)}`;
  }
  if (!isObject(value) || typeof value.type !== "string" || !value.type.startsWith("isnad.statement/")) {
    return "the entry is not an isnad statement record";
  }
  const original = value.original;
  if (!isObject(original) || typeof original.sha256 !== "string")
    return "the record names no original SHA-256";
  return value as StatementLike;
}

function keyIdOf(record: Record<string, unknown>): string {
  return isObject(record.signature) && typeof record.signature.keyId === "string"
    ? record.signature.keyId
    : "?";
}

/**
 * The record's signature: Ed25519 over the canonical JSON of the record without its `signature`
 * member (the format @isnad/archive signs), under the key its `keyId` names. Undefined when valid.
 */
export function recordSignatureProblem(
  record: Record<string, unknown>,
  keys: ReadonlyMap<string, Uint8Array>,
): string | undefined {
  const { signature, ...unsigned } = record;
  if (
    !isObject(signature) ||
    signature.alg !== "Ed25519" ||
    typeof signature.keyId !== "string" ||
    typeof signature.value !== "string"
  ) {
    return "the record has no well-formed Ed25519 signature";
  }
  const key = keys.get(signature.keyId);
  if (!key) {
    return `the record is signed by key ${signature.keyId}, which is not among the keys given (${[...keys.keys()].join(", ") || "none"})`;
  }
  let bytes: Uint8Array;
  try {
    bytes = parseBase64(signature.value, 64);
  } catch {
    return "the signature is not 64 bytes of canonical base64";
  }
  return verifyEd25519(key, canonicalizeToBytes(unsigned), bytes)
    ? undefined
    : `the signature by key ${signature.keyId} does not match the record: the record was changed`;
}

function summary(record: Record<string, unknown>): RecordSummary {
  const { id, publisher, title, publishedAt, receivedAt } = record;
  return { id, publisher, title, publishedAt, receivedAt };
}
