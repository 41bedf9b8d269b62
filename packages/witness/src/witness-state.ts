/**
 * The witness's only state: for each log, the latest checkpoint it cosigned. The one write is a
 * compare-and-set on the size, so two racing add-checkpoint requests can never roll it back
 * (c2sp.org/tlog-witness: a witness MUST NOT cosign a checkpoint smaller than, or inconsistent
 * with, one it has cosigned).
 */
export interface CosignedState {
  readonly size: number;
  /** The log-signed checkpoint note as received (signatures included). */
  readonly checkpoint: string;
  /** The witness's own cosignature line for it. */
  readonly cosignature: string;
}

export interface WitnessStateStore {
  latest(origin: string): Promise<CosignedState | undefined>;
  /**
   * Stores `next` only if the stored size is still `expectedSize` (undefined: nothing stored).
   * False, not an error, when another request got there first.
   */
  advance(origin: string, expectedSize: number | undefined, next: CosignedState): Promise<boolean>;
}

/** In-memory state for unit tests and one-process local runs. */
export class MemoryWitnessState implements WitnessStateStore {
  private readonly states = new Map<string, CosignedState>();

  latest(origin: string): Promise<CosignedState | undefined> {
    return Promise.resolve(this.states.get(origin));
  }

  advance(origin: string, expectedSize: number | undefined, next: CosignedState): Promise<boolean> {
    if (this.states.get(origin)?.size !== expectedSize) return Promise.resolve(false);
    this.states.set(origin, next);
    return Promise.resolve(true);
  }
}
