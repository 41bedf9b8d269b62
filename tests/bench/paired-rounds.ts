/**
 * Two sides of a comparison measured in many short rounds, each round both sides back to back,
 * and their ratio taken per round: the median of those ratios is the figure (issue #15).
 *
 * Why not one ratio of totals (load.ts runInterleaved): on a shared 2-core machine the load of
 * other processes changes within seconds, and a few slow seconds that fall on one side move a
 * ratio of totals by ±30 %. A ratio of two adjacent measurements sees nearly the same machine,
 * and the median ignores the rounds that did not. The order alternates (ours first in even rounds,
 * the baseline first in odd ones: A B B A …), so a machine growing busier or quieter during a
 * round favours neither side. Neither side's warm-up is counted (the caller runs it first).
 */
import { combine, runLoad, type LoadResult } from "./load";
import { threadCpu, threadCpuSince } from "./thread-cpu";

export interface PairedRounds {
  ours: LoadResult;
  baseline: LoadResult;
  /** ours ÷ baseline req/s of each round, ascending. */
  ratios: number[];
  /** The median of `ratios`. */
  ratio: number;
  /**
   * Main-thread CPU per call (ms) over all rounds: what each side costs the event loop (the load
   * client, both servers and the SDK share it), which the machine's load moves less than req/s.
   * Summed before dividing: a round's CPU is read in ticks of 10 ms.
   */
  cpu: { ours: number; baseline: number };
  /** The same for the process's other threads (the emulators', GC helpers'), which share the cores. */
  otherCpu: { ours: number; baseline: number };
}

export async function runPairedRounds(
  rounds: number,
  perRound: number,
  concurrency: number,
  ours: (i: number) => Promise<void>,
  baseline: (i: number) => Promise<void>,
): Promise<PairedRounds> {
  const a: LoadResult[] = [];
  const b: LoadResult[] = [];
  const cpu = { ours: 0, baseline: 0 };
  const otherCpu = { ours: 0, baseline: 0 };
  const ratios: number[] = [];
  const measure = async (f: (i: number) => Promise<void>, side: keyof typeof cpu) => {
    const before = threadCpu();
    const result = await runLoad(perRound, concurrency, f);
    const used = threadCpuSince(before);
    cpu[side] += used.main;
    otherCpu[side] += used.others;
    (side === "ours" ? a : b).push(result);
    return result;
  };
  for (let r = 0; r < rounds; r++) {
    const one = (i: number) => ours(r * perRound + i);
    const other = (i: number) => baseline(r * perRound + i);
    let x: LoadResult;
    let y: LoadResult;
    if (r % 2 === 0) {
      x = await measure(one, "ours");
      y = await measure(other, "baseline");
    } else {
      y = await measure(other, "baseline");
      x = await measure(one, "ours");
    }
    ratios.push(x.perSecond / y.perSecond);
  }
  ratios.sort((p, q) => p - q);
  return {
    ours: combine(a),
    baseline: combine(b),
    ratios,
    ratio: median(ratios),
    cpu: { ours: cpu.ours / (rounds * perRound), baseline: cpu.baseline / (rounds * perRound) },
    otherCpu: {
      ours: otherCpu.ours / (rounds * perRound),
      baseline: otherCpu.baseline / (rounds * perRound),
    },
  };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((p, q) => p - q);
  const mid = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
