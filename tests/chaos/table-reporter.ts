/**
 * A Vitest reporter for the chaos run: before the suites start it clears test-results/chaos/, and
 * at the end it prints the figures the suites wrote there (figures.ts) as one table, with the
 * run's notes (throughput, latencies, faults injected) below it.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Reporter } from "vitest/reporters";
import { CHAOS_RESULTS, type ChaosFigures } from "./figures";

const ORDER = ["load", "faults", "tamper", "fuzz", "security"];

type Row = ChaosFigures & { short?: boolean };

export default class ChaosTableReporter implements Reporter {
  onInit(): void {
    rmSync(CHAOS_RESULTS, { recursive: true, force: true });
    mkdirSync(CHAOS_RESULTS, { recursive: true });
  }

  onTestRunEnd(): void {
    const rows = readdirSync(CHAOS_RESULTS)
      .filter((f) => f.endsWith(".json"))
      .map((f) => JSON.parse(readFileSync(join(CHAOS_RESULTS, f), "utf8")) as Row)
      .sort((a, b) => rank(a.suite) - rank(b.suite));
    if (rows.length === 0) return;
    process.stdout.write("\n" + formatTable(rows) + "\n");
  }
}

function rank(suite: string): number {
  const i = ORDER.indexOf(suite);
  return i === -1 ? ORDER.length : i;
}

const dash = "—";
const n = (value: number | undefined) => (value === undefined ? dash : String(value));
const pair = (a: number | undefined, b: number | undefined) =>
  a === undefined && b === undefined ? dash : `${a ?? 0} / ${b ?? 0}`;

export function formatTable(rows: Row[]): string {
  const header = [
    "suite",
    "requests",
    "5xx",
    "503 retried",
    "lost ack'd",
    "half-visible",
    "forks",
    "tamper detected / tried",
    "fuzz cases / failures",
    "time",
  ];
  const sum = (pick: (r: Row) => number | undefined) =>
    rows.some((r) => pick(r) !== undefined) ? rows.reduce((s, r) => s + (pick(r) ?? 0), 0) : undefined;
  const cells = (
    r: Row | undefined,
    name: string,
    get: (pick: (r: Row) => number | undefined) => number | undefined,
  ) => [
    name,
    n(get((x) => x.requests)),
    n(get((x) => x.unexpected5xx)),
    n(get((x) => x.retried503)),
    n(get((x) => x.lostAcknowledged)),
    n(get((x) => x.halfVisible)),
    n(get((x) => x.forks)),
    pair(
      get((x) => x.tamperDetected),
      get((x) => x.tamperTried),
    ),
    pair(
      get((x) => x.fuzzCases),
      get((x) => x.fuzzFailures),
    ),
    `${((get((x) => x.durationMs) ?? 0) / 1000).toFixed(1)} s`,
  ];
  const body = rows.map((r) => cells(r, r.suite, (pick) => pick(r)));
  const total = cells(undefined, "total", sum);
  const table = [header, ...body, total];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    "| " + row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ") + " |";
  const rule =
    "|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|";
  const mode = rows.some((r) => r.short) ? "short run (ISNAD_CHAOS_SHORT=1)" : "full run";
  const notes = rows.flatMap((r) => r.notes.map((note) => `  ${r.suite}: ${note}`));
  return [`isnad chaos — ${mode}`, line(header), rule, ...body.map(line), line(total), "", ...notes, ""].join(
    "\n",
  );
}
