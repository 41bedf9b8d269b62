/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the signed tree head of the log, a
 * signed note (note.ts) whose text is `<origin>\n<tree size>\n<base64 root hash>\n` plus optional
 * extension lines. Parsing is strict so that one checkpoint has exactly one text.
 */
import { IsnadError } from "./errors";
import { formatBase64, parseBase64 } from "./bytes";
import { openNote, parseSignerKey, parseVerifierKey, signNote } from "./note";
import type { NoteSigner, NoteVerifier, OpenedNote } from "./note";

export interface Checkpoint {
  /** The log's identity, e.g. "example.com/log42" (tlog-checkpoint "Note text", line 1). */
  readonly origin: string;
  /** The number of leaves; at most 2^53 - 1, the largest integer a JS number holds exactly. */
  readonly size: number;
  /** The RFC 6962 Merkle tree hash at `size`, 32 bytes. */
  readonly rootHash: Uint8Array;
  /** Opaque, non-empty extension lines; their use is NOT RECOMMENDED by the spec. */
  readonly extensions?: readonly string[];
}

function invalid(problem: string, cause?: unknown): never {
  throw new IsnadError("INVALID_CHECKPOINT", `invalid checkpoint: ${problem}`, { cause });
}

// Lines are separated by newlines and MUST be non-empty; other control characters are banned by
// the signed-note format that carries the checkpoint.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_LINE = /^$|[\u0000-\u001f]/;

/** The checkpoint's note text (the body that gets signed), validating every field. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint;
  if (INVALID_LINE.test(origin)) invalid("the origin must be one non-empty line");
  if (!Number.isSafeInteger(size) || size < 0) invalid(`tree size ${size} is not an integer in [0, 2^53)`);
  if (rootHash.length !== 32) invalid("the root hash must be 32 bytes");
  if (extensions.some((line) => INVALID_LINE.test(line))) invalid("extension lines must be non-empty lines");
  return [origin, String(size), formatBase64(rootHash), ...extensions, ""].join("\n");
}

/** Parses a checkpoint's note text (no signatures). Throws IsnadError("INVALID_CHECKPOINT"). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith("\n")) invalid("the text must end with a newline");
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3) invalid("fewer than three lines");
  if (lines.some((line) => INVALID_LINE.test(line))) invalid("an empty line or a control character");
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  // ASCII decimal with no leading zeroes, except the empty tree's "0" (tlog-checkpoint line 2).
  // Any integer above 2^53 - 1 rounds to a value that is not a safe integer, so this also bounds it.
  const size = Number(sizeText);
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(size)) {
    invalid(`tree size ${JSON.stringify(sizeText)} is not a decimal integer in [0, 2^53)`);
  }
  let rootHash: Uint8Array;
  try {
    rootHash = parseBase64(rootText, 32);
  } catch (cause) {
    invalid("the root hash is not canonical base64 of 32 bytes", cause);
  }
  return extensions.length > 0 ? { origin, size, rootHash, extensions } : { origin, size, rootHash };
}

/** Signs a checkpoint as a signed note. `signer` is a NoteSigner or a `PRIVATE+KEY+…` string. */
export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner | string): string {
  const key = typeof signer === "string" ? parseSignerKey(signer) : signer;
  return signNote(formatCheckpoint(checkpoint), [key]);
}

/**
 * Verifies a signed checkpoint under `verifier` (a NoteVerifier or a verifier-key string) and
 * parses it. When `expectedOrigin` is given, a checkpoint of another log is INVALID_CHECKPOINT:
 * a valid signature alone does not say which log the tree head belongs to. Other signatures
 * (witness cosignatures) come back unchecked in `note.unverified`.
 */
export function openCheckpoint(
  noteText: string | Uint8Array,
  verifier: NoteVerifier | string,
  expectedOrigin?: string,
): { checkpoint: Checkpoint; note: OpenedNote } {
  const key = typeof verifier === "string" ? parseVerifierKey(verifier) : verifier;
  const note = openNote(noteText, [key]);
  const checkpoint = parseCheckpoint(note.text);
  if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) {
    invalid(
      `origin ${JSON.stringify(checkpoint.origin)} is not the expected ${JSON.stringify(expectedOrigin)}`,
    );
  }
  return { checkpoint, note };
}
