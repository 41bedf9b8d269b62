/**
 * `npm run bench -- quote-scale`: the quote-retrieval simulation (tests/sim/quote-scale.ts) on
 * ISNAD_BENCH_SIM_STATEMENTS statements (default 1,000,000, 100,000 of them sharing a phrase),
 * 1,000 planted quotes per class. The baseline is the same simulation on 10,000 statements, run
 * first: finding rates and reads per quote must not move as the archive grows 100-fold.
 */
import { MAX_QUOTE_READS } from "@isnad/archive";
import { runQuoteScale, type ClassReport, type ScaleReport } from "../sim/quote-scale";
import { formatRatio, type BenchRow } from "./table";

/** p50 / p99 / max of a class's reads per quote. */
function readFigures(c: ClassReport): string {
  const sorted = [...c.reads].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  return `${at(0.5)} / ${at(0.99)} / ${c.maxReads}`;
}

/** Found, and the quotes the answer rightly shows others for (see ClassReport.crowded). */
function foundFigure(c: ClassReport): string {
  const crowded = c.crowded > 0 ? ` (+${c.crowded}: 100 others shown match as closely)` : "";
  return `${c.found} / ${c.quotes}${crowded}`;
}

export async function benchQuoteScale(): Promise<BenchRow[]> {
  const log = (line: string) => process.stderr.write(`bench: quote-scale: ${line}\n`);
  const statements = Number(process.env.ISNAD_BENCH_SIM_STATEMENTS ?? 1_000_000);
  const small = await runQuoteScale({ statements: 10_000, planted: 1_000 });
  const large = await runQuoteScale({ statements, planted: 1_000, log });
  const label = statements.toLocaleString("en-US");
  const rows: BenchRow[] = [
    {
      group: "quote-scale",
      figure: `postings per 1,000 words (${label} statements)`,
      ours: ((large.postings / large.words) * 1000).toFixed(0),
      baseline: "1,000 words",
      ratio: (large.postings / large.words).toFixed(2),
      goal: "≤ 3",
    },
    {
      group: "quote-scale",
      figure: `statements sharing one 8-word phrase`,
      ours: large.commonHolders.toLocaleString("en-US"),
      baseline: `${small.commonHolders.toLocaleString("en-US")} of 10,000`,
      ratio: formatRatio(large.commonHolders, small.commonHolders),
    },
  ];
  const byName = (r: ScaleReport, name: string) => r.classes.find((c) => c.name === name)!;
  for (const c of large.classes) {
    const base = byName(small, c.name);
    rows.push(
      {
        group: "quote-scale",
        figure: `found: ${c.name}`,
        ours: foundFigure(c),
        baseline: `${foundFigure(base)} at 10,000`,
        ratio: formatRatio(c.found / c.quotes, base.found / base.quotes),
        goal: "all found",
      },
      {
        group: "quote-scale",
        figure: `reads per quote (p50 / p99 / max): ${c.name}`,
        ours: readFigures(c),
        baseline: `${readFigures(base)} at 10,000`,
        ratio: formatRatio(c.meanReads, base.meanReads),
        goal: `max ≤ ${MAX_QUOTE_READS}`,
      },
    );
  }
  rows.push({
    group: "quote-scale",
    figure: "lookup p50 / p99 (in-memory store)",
    ours: `${large.quoteMs.p50.toFixed(2)} / ${large.quoteMs.p99.toFixed(2)} ms`,
    baseline: `${small.quoteMs.p50.toFixed(2)} / ${small.quoteMs.p99.toFixed(2)} ms at 10,000`,
    ratio: formatRatio(large.quoteMs.p99, small.quoteMs.p99),
  });
  return rows;
}
