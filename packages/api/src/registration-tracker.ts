/**
 * Registrations still running in this process, and those that failed after their client was told
 * 303 (SCRAPI: "Registration requests may fail, in which case the Location MAY return an error
 * when queried"). Per instance and bounded: the archive, not this memory, is the truth — a
 * statement item in state "pending" is a registration under way wherever it started.
 */
export const TIMED_OUT = Symbol("timed out");

/** `work`'s value if it settles within `ms`, else TIMED_OUT (a rejection within `ms` rejects). */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class RegistrationTracker {
  private readonly running = new Map<string, Promise<void>>();
  private readonly failed = new Map<string, unknown>();

  constructor(private readonly maxFailures = 1_000) {}

  /** Follows `work` for entry `id` until it settles; its failure is remembered for GET. */
  track(id: string, work: Promise<unknown>): void {
    this.failed.delete(id);
    const settled: Promise<void> = work.then(
      () => undefined,
      (error: unknown) => {
        this.failed.set(id, error);
        // Oldest first (a Map iterates in insertion order): the memory stays bounded.
        for (const old of this.failed.keys()) {
          if (this.failed.size <= this.maxFailures) break;
          this.failed.delete(old);
        }
      },
    );
    this.running.set(id, settled);
    void settled.finally(() => {
      if (this.running.get(id) === settled) this.running.delete(id);
    });
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** The error a registration of `id` ended with, if the last one failed. */
  failure(id: string): { error: unknown } | undefined {
    return this.failed.has(id) ? { error: this.failed.get(id) } : undefined;
  }
}
