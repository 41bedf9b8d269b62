/**
 * `npm run bench`: every figure next to a baseline measured in the same run, and their ratio.
 * Timings vary with the machine; ratios are what to compare across runs.
 */
import { benchArchive } from "./archive";
import { benchBundle } from "./bundle";
import { benchCore } from "./core";
import { benchFirstPdf } from "./first-pdf";
import { benchLog } from "./log";
import { benchMemory } from "./memory";
import { benchOcr } from "./ocr";
import { benchPdfFidelity } from "./pdf-fidelity";
import { benchQuote } from "./quote";
import { benchQuoteFidelity } from "./quote-fidelity";
import { benchQuoteLong } from "./quote-long";
import { benchQuoteScale } from "./quote-scale";
import { printTable, type BenchRow } from "./table";
import { benchTimestamp } from "./timestamp";
import { benchVerify } from "./verify";
import { benchWitness } from "./witness";

const suites: [string, () => Promise<BenchRow[]> | BenchRow[]][] = [
  ["core", benchCore],
  ["archive", benchArchive],
  ["verify", benchVerify],
  ["log", benchLog],
  ["quote", benchQuote],
  ["quote-fidelity", benchQuoteFidelity],
  ["quote-long", benchQuoteLong],
  ["quote-scale", benchQuoteScale],
  ["lambda", benchBundle],
  ["lambda", benchFirstPdf],
  ["pdf-fidelity", benchPdfFidelity],
  ["memory", benchMemory],
  ["timestamp", benchTimestamp],
  ["witness", benchWitness],
  ["ocr", benchOcr],
];

const only = process.argv[2];
if (only && !suites.some(([name]) => name === only)) {
  process.stderr.write(`bench: no group "${only}"; the groups: ${suites.map(([name]) => name).join(", ")}\n`);
  process.exit(2);
}
const rows: BenchRow[] = [];
for (const [name, run] of suites) {
  if (only && only !== name) continue;
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await run()));
}
printTable(rows);
