/**
 * Bounded retry with exponential backoff and full jitter, for use cases whose every step is
 * idempotent (ingest.ts, ingest-upload.ts): a retry resumes what the failed attempt left.
 *
 * Why on top of the AWS SDK's own retries (3 attempts per call by default): one upload makes some
 * twenty calls, so a few percent of failing calls already fail a noticeable share of uploads after
 * the SDK gives up; and the SDK's retry quota (500 tokens, 5 per retry, 10 per timeout) runs dry
 * under a sustained fault rate, after which it does not retry at all. A whole-use-case retry waits
 * longer than a per-call one and refills nothing it depends on. It is bounded in attempts and in
 * time, so that a real outage still reaches the client as 503 + Retry-After well inside a Lambda's
 * timeout, and the client's retry with the same bytes resumes the same statement.
 *
 * Only UNAVAILABLE errors are retried, and not those marked `retryable: false` (a missing table,
 * access denied: retrying cannot help). Backoff per "Exponential Backoff And Jitter" (AWS
 * Architecture Blog, 2015): a uniformly random delay in [0, min(cap, base · 2^attempt)].
 */
import { isArchiveError } from "./errors";

export interface RetryOptions {
  /** Attempts in all, the first included (default 4). */
  attempts?: number;
  /** Backoff base and cap in ms (defaults 100 and 2 000). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** No new attempt starts once this much time has passed since the first (default 10 s). */
  budgetMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export function isRetryable(error: unknown): boolean {
  return isArchiveError(error, "UNAVAILABLE") && error.details.retryable !== false;
}

export async function withRetry<T>(
  f: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const {
    attempts = 4,
    baseDelayMs = 100,
    maxDelayMs = 2_000,
    budgetMs = 10_000,
    random = Math.random,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    now = () => performance.now(),
  } = options;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await f(attempt);
    } catch (error) {
      const delay = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      if (!isRetryable(error) || attempt >= attempts || now() - started + delay > budgetMs) throw error;
      await sleep(delay);
    }
  }
}
