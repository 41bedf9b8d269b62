/**
 * Offline receipts (DESIGN.md "Receipt"): one log entry with its RFC 6962 inclusion proof and the
 * signed checkpoint of the tree the proof is for.
 *
 *     {"entry": "<base64 of the exact entry bytes>", "leafIndex": n,
 *      "inclusionProof": {"treeSize": s, "rootHash": "<base64>", "hashes": ["<base64>", …]},
 *      "checkpoint": "<signed note text>"}
 *
 * Verification is pure and synchronous and gets its trust material passed in: the checkpoint's
 * signature under the log's note key → inclusion of SHA-256(0x00 ‖ entry) in that checkpoint's
 * tree → the entry as RFC 8785 canonical JSON. What the entry says (a signed record, and which
 * file it is about) is the caller's next check; core stays generic about record formats.
 *
 * The same receipt also travels as C2SP tlog-proof@v1 text (tlog-proof.ts), with the entry in its
 * `extra` line: that line is unauthenticated by the format, but the entry is authenticated anyway
 * by its inclusion proof.
 */
import { equalBytes, formatBase64, parseBase64, parseUtf8 } from "./bytes";
import { canonicalize, parseJson } from "./canonical-json";
import { openCheckpoint, parseCheckpoint, type Checkpoint } from "./checkpoint";
import { IsnadError, isIsnadError } from "./errors";
import { verifyInclusion } from "./inclusion";
import { MERKLE_HASH_SIZE, hashLeaf } from "./merkle";
import { parseNote, type NoteVerifier } from "./note";
import { formatTlogProof, parseTlogProof } from "./tlog-proof";
import { isIndex } from "./tree-math";
import { parseWitnessHint, type WitnessHint } from "./witness-summary";

export interface Receipt {
  /** The exact bytes of the log entry (canonical JSON of a signed record). */
  readonly entry: Uint8Array;
  readonly leafIndex: number;
  readonly inclusionProof: {
    readonly treeSize: number;
    readonly rootHash: Uint8Array;
    /** RFC 9162 §2.1.3 inclusion proof, leaf side first. */
    readonly hashes: readonly Uint8Array[];
  };
  /** The C2SP tlog-checkpoint for treeSize, a signed note, verbatim. */
  readonly checkpoint: string;
  /**
   * RFC 3161 TimeStampTokens (DER) over SHA-256 of the checkpoint's body, one per TSA that
   * answered (issue #16). Evidence beside the proof: verifyReceipt does not check them (CMS is
   * async and needs pinned TSA roots); @isnad/timestamp does.
   */
  readonly timestamps?: readonly { readonly tsa: string; readonly token: Uint8Array }[];
  /**
   * How many of the log's policy witnesses cosigned the checkpoint, as the server counted them
   * (witness-summary.ts). An unsigned hint: verifiers recompute it from the cosignature lines
   * under a policy they trust, and never believe it as it stands.
   */
  readonly witnesses?: WitnessHint;
}

/** The receipt's JSON form (what the API serves and clients store). */
export interface ReceiptJson {
  entry: string;
  leafIndex: number;
  inclusionProof: { treeSize: number; rootHash: string; hashes: string[] };
  checkpoint: string;
  /** Base64 DER TimeStampTokens; absent when the checkpoint has none. */
  timestamps?: { tsa: string; token: string }[];
  /** The unsigned witness count hint (Receipt.witnesses); absent when the log has no policy witnesses. */
  witnesses?: { configured: number; required: number; cosigned: number; names: string[] };
}

export interface ReceiptTrust {
  /** The log's note verifier key (`<name>+<hex id>+<base64>`, from /v1/log or /v1/keys). */
  readonly logVerifierKey: string | NoteVerifier;
  /** When given, a checkpoint of any other log is rejected. */
  readonly origin?: string;
}

export interface VerifiedReceipt {
  readonly entry: Uint8Array;
  /** The entry parsed as JSON (for isnad: a signed record; check its signature next). */
  readonly record: unknown;
  readonly leafIndex: number;
  /** The verified checkpoint the entry is included in. */
  readonly checkpoint: Checkpoint;
}

const MAX_PROOF_HASHES = 64;

function invalid(why: string, cause?: unknown): never {
  throw new IsnadError("INVALID_RECEIPT", `invalid receipt: ${why}`, { cause });
}

export function formatReceipt(receipt: Receipt): ReceiptJson {
  return {
    entry: formatBase64(receipt.entry),
    leafIndex: receipt.leafIndex,
    inclusionProof: {
      treeSize: receipt.inclusionProof.treeSize,
      rootHash: formatBase64(receipt.inclusionProof.rootHash),
      hashes: receipt.inclusionProof.hashes.map(formatBase64),
    },
    checkpoint: receipt.checkpoint,
    ...(receipt.timestamps && receipt.timestamps.length > 0
      ? { timestamps: receipt.timestamps.map((t) => ({ tsa: t.tsa, token: formatBase64(t.token) })) }
      : {}),
    ...(receipt.witnesses
      ? { witnesses: { ...receipt.witnesses, names: [...receipt.witnesses.names] } }
      : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkMembers(value: Record<string, unknown>, names: readonly string[], what: string): void {
  const extra = Object.keys(value).filter((k) => !names.includes(k));
  if (extra.length > 0) invalid(`${what} has unknown member ${JSON.stringify(extra[0])}`);
}

function parse64(value: unknown, what: string, length?: number): Uint8Array {
  if (typeof value !== "string") invalid(`${what} is not a string`);
  try {
    return parseBase64(value, length);
  } catch (cause) {
    return invalid(`${what} is not canonical base64${length ? ` of ${length} bytes` : ""}`, cause);
  }
}

/**
 * Parses a receipt from its JSON text or parsed JSON value. Strict: exactly the documented
 * members, canonical base64, integer sizes. Throws IsnadError("INVALID_RECEIPT").
 */
export function parseReceipt(input: unknown): Receipt {
  let value = input;
  if (typeof input === "string") {
    try {
      value = parseJson(input);
    } catch (cause) {
      invalid("not JSON", cause);
    }
  }
  if (!isObject(value)) invalid("not a JSON object");
  checkMembers(
    value,
    ["entry", "leafIndex", "inclusionProof", "checkpoint", "timestamps", "witnesses"],
    "the receipt",
  );
  const { leafIndex, inclusionProof: proof, checkpoint } = value;
  if (!isIndex(leafIndex)) invalid("leafIndex is not a non-negative integer");
  if (!isObject(proof)) invalid("inclusionProof is not an object");
  checkMembers(proof, ["treeSize", "rootHash", "hashes"], "inclusionProof");
  if (!isIndex(proof.treeSize)) invalid("inclusionProof.treeSize is not a non-negative integer");
  if (!Array.isArray(proof.hashes) || proof.hashes.length > MAX_PROOF_HASHES) {
    invalid(`inclusionProof.hashes is not an array of at most ${MAX_PROOF_HASHES} hashes`);
  }
  if (typeof checkpoint !== "string") invalid("checkpoint is not a string");
  const timestamps = parseTimestamps(value.timestamps);
  return {
    entry: parse64(value.entry, "entry"),
    leafIndex,
    inclusionProof: {
      treeSize: proof.treeSize,
      rootHash: parse64(proof.rootHash, "inclusionProof.rootHash", MERKLE_HASH_SIZE),
      hashes: proof.hashes.map((h, i) => parse64(h, `inclusionProof.hashes[${i}]`, MERKLE_HASH_SIZE)),
    },
    checkpoint,
    ...(timestamps && { timestamps }),
    ...(value.witnesses === undefined ? {} : { witnesses: parseWitnessHint(value.witnesses) }),
  };
}

const MAX_TIMESTAMPS = 16;

function parseTimestamps(value: unknown): Receipt["timestamps"] {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > MAX_TIMESTAMPS) {
    invalid(`timestamps is not an array of at most ${MAX_TIMESTAMPS}`);
  }
  return value.map((t: unknown, i) => {
    if (!isObject(t)) invalid(`timestamps[${i}] is not an object`);
    checkMembers(t, ["tsa", "token"], `timestamps[${i}]`);
    if (typeof t.tsa !== "string") invalid(`timestamps[${i}].tsa is not a string`);
    return { tsa: t.tsa, token: parse64(t.token, `timestamps[${i}].token`) };
  });
}

function isReceipt(value: unknown): value is Receipt {
  return isObject(value) && value.entry instanceof Uint8Array;
}

/**
 * Verifies a receipt (a Receipt, its JSON value, or its JSON text) against the log's key, in
 * DESIGN.md's order, and returns the entry parsed as JSON. Throws IsnadError("INVALID_RECEIPT")
 * saying which step failed, with the underlying error as `cause`.
 */
export function verifyReceipt(input: unknown, trust: ReceiptTrust): VerifiedReceipt {
  const receipt = isReceipt(input) ? input : parseReceipt(input);
  const step = <T>(what: string, f: () => T): T => {
    try {
      return f();
    } catch (cause) {
      if (isIsnadError(cause, "INVALID_RECEIPT")) throw cause;
      return invalid(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
    }
  };
  const { checkpoint } = step("the checkpoint does not verify under the log's key", () =>
    openCheckpoint(receipt.checkpoint, trust.logVerifierKey, trust.origin),
  );
  const { treeSize, rootHash, hashes } = receipt.inclusionProof;
  // The receipt repeats the tree head so that it reads without parsing the note; a copy that
  // disagrees with the signed original is a forgery or a mix-up of two receipts.
  if (treeSize !== checkpoint.size) {
    invalid(`inclusionProof.treeSize ${treeSize} is not the checkpoint's size ${checkpoint.size}`);
  }
  if (!equalBytes(rootHash, checkpoint.rootHash))
    invalid("inclusionProof.rootHash is not the checkpoint's root");
  step("the entry is not included in the checkpoint's tree", () =>
    verifyInclusion(receipt.leafIndex, treeSize, hashLeaf(receipt.entry), hashes, checkpoint.rootHash),
  );
  const record = step("the entry is not canonical JSON (RFC 8785)", () => {
    const text = parseUtf8(receipt.entry);
    const parsed = parseJson(text);
    if (canonicalize(parsed) !== text) throw new IsnadError("INVALID_JSON", "it is not in canonical form");
    return parsed;
  });
  return { entry: receipt.entry, record, leafIndex: receipt.leafIndex, checkpoint };
}

/** The receipt as C2SP tlog-proof@v1 text, carrying the entry as its extra data. */
export function formatReceiptTlogProof(receipt: Receipt): string {
  return formatTlogProof({
    index: receipt.leafIndex,
    hashes: receipt.inclusionProof.hashes,
    checkpoint: receipt.checkpoint,
    extra: receipt.entry,
  });
}

/**
 * A receipt from tlog-proof@v1 text. The entry comes from the proof's extra data unless given
 * (a proof from another tool may carry something else there). The tree size and root are read
 * from the checkpoint without checking its signature: verifyReceipt does that next.
 */
export function parseReceiptTlogProof(text: string, entry?: Uint8Array): Receipt {
  const proof = parseTlogProof(text);
  const logged = entry ?? proof.extra;
  if (logged === undefined) invalid("the tlog-proof carries no entry, and none was given");
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(parseNote(proof.checkpoint).text);
  } catch (cause) {
    invalid("the tlog-proof's checkpoint does not parse", cause);
  }
  return {
    entry: logged,
    leafIndex: proof.index,
    inclusionProof: { treeSize: checkpoint.size, rootHash: checkpoint.rootHash, hashes: proof.hashes },
    checkpoint: proof.checkpoint,
  };
}
