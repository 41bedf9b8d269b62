/**
 * The add-checkpoint decision of c2sp.org/tlog-witness v1.0.0, apart from HTTP. A request body is
 *
 *   old <size>\n
 *   <base64 consistency proof hash>\n   (zero or more)
 *   \n
 *   <checkpoint signed note>
 *
 * and each outcome maps to one status: 200 the cosignature lines; 400 malformed (or old > size);
 * 404 a log this witness does not serve; 403 no valid signature by that log's key; 409 `old` is
 * not the size the witness last cosigned (the body tells it, text/x.tlog.size); 422 the
 * consistency proof does not verify.
 */
import {
  cosignCheckpoint,
  isIsnadError,
  openCheckpoint,
  parseBase64,
  parseCheckpoint,
  parseNote,
  verifyConsistency,
  type CosignerSigner,
  type NoteVerifier,
} from "@isnad/core";
import type { WitnessStateStore } from "./witness-state";

export interface WitnessConfig {
  readonly cosigner: CosignerSigner;
  /** The logs served, by origin: each one's checkpoint key. */
  readonly logs: ReadonlyMap<string, NoteVerifier>;
  readonly state: WitnessStateStore;
  /** Seconds since the epoch; the cosignature's timestamp. */
  readonly now: () => number;
}

export type AddCheckpointOutcome =
  | { readonly status: 200; readonly cosignature: string }
  | { readonly status: 400 | 403 | 404 | 422; readonly detail: string }
  | { readonly status: 409; readonly size: number };

/** Bounds a request: a proof of a 2^63 tree has 63 hashes; a checkpoint note is a few KiB. */
export const MAX_REQUEST_BYTES = 64 * 1024;
const MAX_PROOF_HASHES = 63;

export async function addCheckpoint(config: WitnessConfig, body: string): Promise<AddCheckpointOutcome> {
  const split = body.indexOf("\n\n");
  if (split < 0) return { status: 400, detail: "no blank line after the consistency proof" };
  const [oldLine, ...proofLines] = body.slice(0, split).split("\n") as [string, ...string[]];
  const oldMatch = /^old (0|[1-9][0-9]{0,15})$/.exec(oldLine);
  if (oldMatch === null) return { status: 400, detail: 'the first line is not "old <size>"' };
  const oldSize = Number(oldMatch[1]);
  if (proofLines.length > MAX_PROOF_HASHES) return { status: 400, detail: "too many proof hashes" };
  let proof: Uint8Array[];
  let origin: string;
  const noteText = body.slice(split + 2);
  try {
    proof = proofLines.map((line) => parseBase64(line, 32));
    origin = parseCheckpoint(parseNote(noteText).text).origin;
  } catch (e) {
    if (!isIsnadError(e)) throw e;
    return { status: 400, detail: e.message };
  }
  const logKey = config.logs.get(origin);
  if (logKey === undefined) return { status: 404, detail: `this witness does not serve log ${origin}` };
  let checkpoint;
  try {
    checkpoint = openCheckpoint(noteText, logKey, origin).checkpoint;
  } catch (e) {
    if (!isIsnadError(e)) throw e;
    return { status: 403, detail: `no valid signature by the log's key: ${e.message}` };
  }
  if (oldSize > checkpoint.size) return { status: 400, detail: "old size is larger than the checkpoint's" };
  const latest = await config.state.latest(origin);
  const latestSize = latest?.size ?? 0;
  if (oldSize !== latestSize) return { status: 409, size: latestSize };
  if (latest !== undefined && oldSize > 0) {
    const latestRoot = parseCheckpoint(parseNote(latest.checkpoint).text).rootHash;
    try {
      verifyConsistency(oldSize, checkpoint.size, proof, latestRoot, checkpoint.rootHash);
    } catch (e) {
      if (!isIsnadError(e)) throw e;
      return { status: 422, detail: e.message };
    }
  } else if (proof.length > 0) {
    // From the empty tree there is nothing to prove (tlog-witness: the proof MUST be empty).
    return { status: 422, detail: "a consistency proof from size 0 must be empty" };
  }
  // Zero is what a witness that has no clock would send; tlog-cosignature timestamps are real.
  const timestamp = Math.max(1, Math.floor(config.now()));
  const cosignature = cosignCheckpoint(parseNote(noteText).text, config.cosigner, timestamp);
  const stored = await config.state.advance(origin, latest?.size, {
    size: checkpoint.size,
    checkpoint: noteText,
    cosignature,
  });
  if (!stored) {
    // Another request advanced the state between the read and this write: tell the log where it is.
    return { status: 409, size: (await config.state.latest(origin))?.size ?? 0 };
  }
  return { status: 200, cosignature };
}
