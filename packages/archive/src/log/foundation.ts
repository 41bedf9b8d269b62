/**
 * Before the integrator signs a new checkpoint on top of the committed state, it checks that the
 * state is one this log really reached — so that storage changed behind its back is refused
 * instead of extended into a validly signed fork (DESIGN.md: "Two checkpoints that are not
 * consistent with each other must never both be signed").
 *
 * 1. The state's checkpoint carries this log's own signature (log-state.ts already checked that
 *    its size and root are the checkpoint's). A forged tree needs a forged checkpoint: refused.
 * 2. The state is not behind the checkpoint last published at `log/checkpoint` (integrator.ts
 *    step 7, always written after the state CAS, so legitimately it only lags): the published one
 *    must be a prefix of the state's tree, by an RFC 9162 §2.1.4 consistency proof from the
 *    state's own authenticated tiles. A state rolled back to an earlier, genuine one passes
 *    every other check; this is what catches it. A state that is merely stale (another
 *    integrator committed and published since it was read) is told apart by its version: the
 *    stored state has moved on, and the caller has lost a race ("stale"), nothing worse.
 *
 * The published copy is only a witness kept in the other store: someone able to roll back both
 * stores consistently is caught by those who hold a later checkpoint (clients' receipts,
 * monitors), not here. A published copy that cannot be read or does not verify (absent, or read
 * while s3rver rewrote it in place, which real S3 never shows) proves nothing and is skipped.
 */
import {
  equalBytes,
  openCheckpoint,
  proveConsistency,
  verifyConsistency,
  type Checkpoint,
  type NoteVerifier,
} from "@isnad/core";
import { ArchiveError } from "../errors";
import type { ObjectStore } from "../ports";
import { logObjectKey } from "./log-keys";
import type { LogState } from "./log-state";
import type { TileStore } from "./tile-store";

export interface FoundationIo {
  readonly objects: ObjectStore;
  readonly tiles: TileStore;
  readonly verifier: NoteVerifier;
  readonly origin: string;
  /** The version of the state item as stored now (a strongly consistent read). */
  currentVersion(): Promise<number>;
}

function refuse(message: string, cause?: unknown): ArchiveError {
  return new ArchiveError("INTEGRITY", `refusing to extend the log: ${message}`, { cause });
}

/** "ok" to build on `state`; "stale" when another integrator has committed since it was read. */
export async function checkFoundation(state: LogState, io: FoundationIo): Promise<"ok" | "stale"> {
  try {
    openCheckpoint(state.checkpoint, io.verifier, io.origin);
  } catch (cause) {
    throw refuse("the committed state's checkpoint is not signed by this log", cause);
  }
  const published = await readPublished(io);
  if (published === undefined || published.size === 0) return "ok";
  if (published.size > state.size) {
    if ((await io.currentVersion()) !== state.version) return "stale";
    throw refuse(
      `the committed state (size ${state.size}) is behind the checkpoint this log published (size ${published.size})`,
    );
  }
  if (published.size === state.size) {
    if (!equalBytes(published.rootHash, state.rootHash)) {
      throw refuse(`the committed state and the published checkpoint disagree at size ${state.size}`);
    }
    return "ok";
  }
  const reader = io.tiles.hashReader(state.size, state.rootHash);
  try {
    const proof = await proveConsistency(published.size, state.size, reader);
    verifyConsistency(published.size, state.size, proof, published.rootHash, state.rootHash);
  } catch (cause) {
    if (cause instanceof ArchiveError) throw cause;
    throw refuse(
      `the committed state does not extend the published checkpoint of size ${published.size}`,
      cause,
    );
  }
  return "ok";
}

async function readPublished(io: FoundationIo): Promise<Checkpoint | undefined> {
  try {
    const bytes = await io.objects.get(logObjectKey("checkpoint"));
    return bytes === undefined ? undefined : openCheckpoint(bytes, io.verifier, io.origin).checkpoint;
  } catch {
    return undefined;
  }
}
