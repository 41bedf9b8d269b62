/** Collects benchmark rows and prints them as one aligned table: figure, ours, baseline, ratio. */
export interface BenchRow {
  group: string;
  figure: string;
  ours: string;
  baseline: string;
  ratio: string;
  goal?: string;
}

export function formatRatio(ours: number, baseline: number): string {
  return baseline === 0 ? "n/a" : (ours / baseline).toFixed(2);
}

export function formatRate(value: number, unit: string): string {
  if (value >= 100) return `${Math.round(value).toLocaleString("en-US")} ${unit}`;
  return `${value.toFixed(1)} ${unit}`;
}

export function printTable(rows: BenchRow[]): void {
  const header: BenchRow = {
    group: "group",
    figure: "figure",
    ours: "isnad",
    baseline: "baseline",
    ratio: "ratio",
    goal: "goal",
  };
  const all = [header, ...rows];
  const keys = ["group", "figure", "ours", "baseline", "ratio", "goal"] as const;
  const widths = keys.map((k) => Math.max(...all.map((r) => (r[k] ?? "").length)));
  const line = (r: BenchRow) => keys.map((k, i) => (r[k] ?? "").padEnd(widths[i]!)).join(" | ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const r of rows) console.log(line(r));
}

/** Runs `f` repeatedly for at least `ms` milliseconds (after one warm-up call); returns calls/second. */
export function measureRate(f: () => void, ms = 400): number {
  f();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    f();
    calls++;
    elapsed = performance.now() - start;
  }
  return (calls * 1000) / elapsed;
}
