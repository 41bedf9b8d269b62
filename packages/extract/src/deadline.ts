import { ExtractionError } from "./types";

/** A wall-clock deadline shared by the steps of one extraction. */
export interface Deadline {
  readonly timeoutMs: number;
  /** Throws an ExtractionError once the budget is spent. */
  check(): void;
  remainingMs(): number;
}

export function createDeadline(timeoutMs: number, now: () => number = Date.now): Deadline {
  const at = now() + timeoutMs;
  return {
    timeoutMs,
    check() {
      if (now() > at) throw new ExtractionError("failed", `timed out after ${timeoutMs} ms`);
    },
    remainingMs: () => Math.max(0, at - now()),
  };
}

/**
 * Races a parser's promise against the deadline. pdf.js and mammoth yield to the event loop
 * between steps, so the timer can fire; the losing work is abandoned (pdf.js's task is destroyed
 * by its caller) and its eventual rejection stays handled by the race.
 */
export async function withDeadline<T>(promise: Promise<T>, deadline: Deadline): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    // Timers and Date.now() may disagree by a millisecond: once the timer fires, time is up.
    timer = setTimeout(() => {
      reject(new ExtractionError("failed", `timed out after ${deadline.timeoutMs} ms`));
    }, deadline.remainingMs() + 1);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
