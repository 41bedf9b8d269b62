/**
 * Who completes a pending quote index once ingest has answered (pending-index.ts).
 *
 * - In process (the local server): the work starts right after the commit, one statement at a
 *   time, off the request's path; `sweep()` at start picks up what a stopped server left. Its
 *   writes are paced (services.ts gives it a pacedItemStore): at most two BatchWriteItem calls
 *   in flight, each after a turn of the event loop, so a long text's index never crowds out
 *   the requests the server answers meanwhile (issue #13).
 * - On Lambda, nothing runs after the response (the container may be frozen mid-write), so
 *   `sweeperOnly` drops the hint and the scheduled sweeper (functions/index-sweeper.ts, every
 *   minute) completes the marker that ingest made durable before its commit.
 *
 * Either way the marker, not this queue, is the guarantee: a queue that dies loses nothing.
 */
import { yieldToLoop } from "./paced-item-store";
import {
  completePendingIndex,
  completePendingIndexes,
  type HeldText,
  type PendingIndexDeps,
} from "./pending-index";

export interface IndexQueue {
  /**
   * Statement `id` committed with its index pending: complete it soon. `held`, when the caller
   * has them, is its record and extracted text, indexed from memory instead of read back from
   * S3 (a hint: pending-index.ts checks it). Never throws.
   */
  enqueue(id: string, held?: HeldText): void;
}

/**
 * Held texts kept while queued, in UTF-16 units (64 MiB): past it a statement is queued without
 * its text and read back when its turn comes, so a burst of long texts does not pile up in memory.
 */
export const MAX_HELD_CHARS = 32 * 1024 * 1024;

export const sweeperOnly: IndexQueue = { enqueue: () => {} };

export interface InProcessIndexQueue extends IndexQueue {
  /** Completes every marker in the table (markers a stopped process left), in the background. */
  sweep(): void;
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>;
  /**
   * Stops taking work; waits for the running statement at most `waitMs` (its writes are
   * idempotent: one cut short is redone from its marker by the next sweep), and stops reporting
   * its errors (the stores are closing).
   */
  close(waitMs?: number): Promise<void>;
}

export function createInProcessIndexQueue(
  deps: PendingIndexDeps,
  onError: (error: unknown, id: string | undefined) => void = () => {},
): InProcessIndexQueue {
  const queued = new Map<string, HeldText | undefined>();
  let heldChars = 0;
  let sweepWanted = false;
  let running: Promise<void> | undefined;
  let closed = false;

  const report = (e: unknown, id: string | undefined) => {
    if (!closed) onError(e, id);
  };
  const drain = async () => {
    while (!closed && (queued.size > 0 || sweepWanted)) {
      const next = queued.entries().next().value;
      if (next !== undefined) {
        const [id, held] = next;
        queued.delete(id);
        heldChars -= held?.text.length ?? 0;
        await completePendingIndex(deps, id, held).catch((e: unknown) => report(e, id));
      } else {
        sweepWanted = false;
        await completePendingIndexes(deps, { shouldStop: () => closed }).catch((e: unknown) =>
          report(e, undefined),
        );
      }
    }
  };
  const kick = () => {
    if (closed || running) return;
    // After the current request's microtasks: the response goes out first.
    running = yieldToLoop()
      .then(drain)
      .finally(() => {
        running = undefined;
        // Work that arrived between the loop's last check and here.
        if (queued.size > 0 || sweepWanted) kick();
      });
  };
  return {
    enqueue(id, held) {
      if (closed || queued.has(id)) return;
      const keep = held !== undefined && heldChars + held.text.length <= MAX_HELD_CHARS;
      queued.set(id, keep ? held : undefined);
      if (keep) heldChars += held.text.length;
      kick();
    },
    sweep() {
      sweepWanted = true;
      kick();
    },
    async idle() {
      while (running) await running;
    },
    async close(waitMs = 5_000) {
      closed = true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise((r) => (timer = setTimeout(r, waitMs)))]);
      clearTimeout(timer);
    },
  };
}
