/**
 * C2SP tlog-proof@v1 (https://c2sp.org/tlog-proof): a self-contained, offline-verifiable text
 * proof that an entry is in a log — the entry's index, its inclusion proof and the checkpoint
 * (signed note) of the tree it is in, plus optional unauthenticated extra data:
 *
 *     c2sp.org/tlog-proof@v1
 *     [extra <base64>]
 *     index <decimal>
 *     <base64 hash>            (zero or more, leaf's sibling first)
 *     <empty line>
 *     <checkpoint, verbatim>
 *
 * The checkpoint is carried as opaque text here; parsing and verifying it (and the inclusion
 * proof against its root) is the caller's next step. Parsing is strict: one proof, one text.
 */
import { formatBase64, parseBase64 } from "./bytes";
import { IsnadError } from "./errors";
import { MERKLE_HASH_SIZE } from "./merkle";
import { isIndex } from "./tree-math";

export const TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1";

export interface TlogProof {
  /** Zero-based index of the entry in the log. */
  readonly index: number;
  /** The RFC 6962 inclusion proof of the entry in the checkpoint's tree, leaf side first. */
  readonly hashes: readonly Uint8Array[];
  /** The log's checkpoint, a signed note, verbatim (it ends with a newline). */
  readonly checkpoint: string;
  /** Opaque application data; NOT authenticated by anything in the proof. */
  readonly extra?: Uint8Array;
}

/** An inclusion proof in a tree of at most 2^64 leaves has at most 64 hashes. */
const MAX_PROOF_HASHES = 64;

function checkCheckpoint(checkpoint: string, fail: (why: string) => never): void {
  // A signed note is non-empty lines, a blank line and signature lines, each ending in "\n"; its
  // first line (the origin) is non-empty, which is what lets the blank separator line be found.
  if (checkpoint.length === 0 || checkpoint.startsWith("\n") || !checkpoint.endsWith("\n")) {
    fail("the checkpoint must be non-empty, start with its origin line and end with a newline");
  }
}

export function formatTlogProof(proof: TlogProof): string {
  const fail = (why: string): never => {
    throw new IsnadError("INVALID_ARGUMENT", `cannot format tlog-proof: ${why}`);
  };
  if (!isIndex(proof.index)) fail(`index ${proof.index} is not a non-negative safe integer`);
  if (proof.hashes.length > MAX_PROOF_HASHES)
    fail(`${proof.hashes.length} proof hashes, at most ${MAX_PROOF_HASHES}`);
  proof.hashes.forEach((h, i) => {
    if (h.length !== MERKLE_HASH_SIZE)
      fail(`proof hash ${i} is ${h.length} bytes, expected ${MERKLE_HASH_SIZE}`);
  });
  checkCheckpoint(proof.checkpoint, fail);
  const lines = [TLOG_PROOF_HEADER];
  // Empty extra data is written as no extra line at all, so that it has a single encoding.
  if (proof.extra !== undefined && proof.extra.length > 0) lines.push(`extra ${formatBase64(proof.extra)}`);
  lines.push(`index ${proof.index}`, ...proof.hashes.map(formatBase64), "");
  return lines.join("\n") + "\n" + proof.checkpoint;
}

export function parseTlogProof(text: string): TlogProof {
  const fail = (why: string): never => {
    throw new IsnadError("INVALID_PROOF", `invalid tlog-proof: ${why}`);
  };
  if (typeof text !== "string") fail("not text");
  const blank = text.indexOf("\n\n");
  if (blank < 0) fail("no empty line before the checkpoint");
  const lines = text.slice(0, blank).split("\n");
  const checkpoint = text.slice(blank + 2);
  let next = 0;
  if (lines[next++] !== TLOG_PROOF_HEADER) fail(`the first line must be ${TLOG_PROOF_HEADER}`);

  let extra: Uint8Array | undefined;
  if (lines[next]?.startsWith("extra ")) {
    const encoded = lines[next++]!.slice("extra ".length);
    if (encoded.length === 0) fail("empty extra data must be omitted");
    extra = parse64(encoded, undefined, "extra data", fail);
  }

  const indexLine = lines[next++] ?? "";
  const indexMatch = /^index (0|[1-9][0-9]{0,15})$/.exec(indexLine);
  if (indexMatch === null) fail("expected an index line: index <decimal without leading zeros>");
  const index = Number(indexMatch![1]);
  if (!isIndex(index)) fail(`index ${indexMatch![1]} is beyond 2^53 - 1`);

  const hashLines = lines.slice(next);
  if (hashLines.length > MAX_PROOF_HASHES)
    fail(`${hashLines.length} proof hashes, at most ${MAX_PROOF_HASHES}`);
  const hashes = hashLines.map((line, i) => parse64(line, MERKLE_HASH_SIZE, `proof hash ${i}`, fail));
  checkCheckpoint(checkpoint, fail);
  return extra === undefined ? { index, hashes, checkpoint } : { index, hashes, checkpoint, extra };
}

function parse64(
  text: string,
  length: number | undefined,
  what: string,
  fail: (why: string) => never,
): Uint8Array {
  try {
    return parseBase64(text, length);
  } catch {
    return fail(`${what} is not canonical base64${length === undefined ? "" : ` of ${length} bytes`}`);
  }
}
