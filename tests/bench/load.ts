/** A small closed-loop load generator: `concurrency` workers call `f` until `total` calls are done. */
export interface LoadResult {
  calls: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Every call's time, ascending (ms). */
  latencies: number[];
}

/**
 * The two sides of a comparison run in alternating rounds (ours, baseline, ours, …), so that a
 * change in the machine's load during the run (other processes on a shared box) falls on both.
 */
export async function runInterleaved(
  rounds: number,
  perRound: number,
  concurrency: number,
  ours: (i: number) => Promise<void>,
  baseline: (i: number) => Promise<void>,
): Promise<{ ours: LoadResult; baseline: LoadResult }> {
  const a: LoadResult[] = [];
  const b: LoadResult[] = [];
  for (let r = 0; r < rounds; r++) {
    a.push(await runLoad(perRound, concurrency, (i) => ours(r * perRound + i)));
    b.push(await runLoad(perRound, concurrency, (i) => baseline(r * perRound + i)));
  }
  return { ours: combine(a), baseline: combine(b) };
}

export function combine(results: LoadResult[]): LoadResult {
  const latencies = results.flatMap((r) => r.latencies).sort((x, y) => x - y);
  const calls = results.reduce((n, r) => n + r.calls, 0);
  const seconds = results.reduce((n, r) => n + r.seconds, 0);
  return { calls, seconds, perSecond: calls / seconds, ...quantiles(latencies), latencies };
}

function quantiles(sorted: number[]): { p50: number; p99: number } {
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

export async function runLoad(
  total: number,
  concurrency: number,
  f: (i: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t = performance.now();
        await f(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { calls: total, seconds, perSecond: total / seconds, ...quantiles(latencies), latencies };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
