/**
 * An HTTP client for the chaos suites that counts what the service answered: every request, every
 * status, the 5xx that should never happen, and the 503s that a well-behaved client retries (the
 * service says so with Retry-After). Latencies are kept for percentiles.
 */
export interface TrafficOptions {
  /** Retry a 503 that carries Retry-After, up to this many times (default 0: return it). */
  retries503?: number;
  /** Statuses ≥ 500 that this request may legitimately answer (the tamper suite's INTEGRITY). */
  allow5xx?: readonly number[];
}

/** The longest a client sleeps on Retry-After here (the service says 1 s; tests have a budget). */
const MAX_RETRY_WAIT_MS = 1_000;

export class Traffic {
  requests = 0;
  unexpected5xx = 0;
  retried503 = 0;
  readonly statuses = new Map<number, number>();
  /** The first few unexpected 5xx, for failure messages. */
  readonly failures: string[] = [];
  readonly latencies: number[] = [];

  /** Where requests go (a restarted server may move). */
  constructor(public base: string) {}

  async fetch(path: string, init: RequestInit = {}, options: TrafficOptions = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      this.requests++;
      const started = performance.now();
      const res = await fetch(path.startsWith("http") ? path : this.base + path, init);
      this.latencies.push(performance.now() - started);
      this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1);
      const retryAfter = res.headers.get("retry-after");
      if (res.status === 503 && retryAfter !== null) {
        if (attempt < (options.retries503 ?? 0)) {
          this.retried503++;
          await res.arrayBuffer();
          await sleep(Math.min(MAX_RETRY_WAIT_MS, Number(retryAfter) * 1000 || 0) * (0.5 + Math.random()));
          continue;
        }
        return res;
      }
      if (res.status >= 500 && !options.allow5xx?.includes(res.status)) {
        this.unexpected5xx++;
        const body = await res.clone().text();
        if (this.failures.length < 10) {
          this.failures.push(`${init.method ?? "GET"} ${path} → ${res.status} ${body.slice(0, 300)}`);
        }
      }
      return res;
    }
  }

  async json<T = unknown>(path: string, init: RequestInit = {}, options: TrafficOptions = {}) {
    const res = await this.fetch(path, init, options);
    return { status: res.status, headers: res.headers, body: (await res.json()) as T };
  }

  statusSummary(): string {
    return [...this.statuses.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}×${n}`)
      .join(" ");
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
