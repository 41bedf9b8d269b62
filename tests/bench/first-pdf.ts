/**
 * The first PDF after a cold start against the next one (issue #15: "the first PDF after a cold
 * start costs ≤ 0.5 s more than the next"). A fresh `node` process loads a bundle built as the
 * API Lambda's is (esbuild, as tests/bench/bundle.ts), with the extraction worker built by
 * build-worker.ts and the pool options Lambda gets (AWS_LAMBDA_FUNCTION_NAME set: one worker,
 * prestarted). It extracts a PDF the moment the extractor exists (harsher than Lambda, where
 * the worker also loads during the rest of module init), then a second PDF of the corpus. The
 * median over fresh processes, each pair timed inside one process.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { buildExtractWorker, WORKER_BUILD } from "../../packages/extract/src/build-worker";
import { runFreshNode } from "./fresh-node";
import { median } from "./paired-rounds";
import { formatRatio, type BenchRow } from "./table";

const repoRoot = resolve(import.meta.dirname, "../..");
const RUNS = 5;
const PDFS = ["dejavu-mixed.chromium.pdf", "amiri-tashkeel.chromium.pdf"].map((name) =>
  join(repoRoot, "tests/corpus/pdf/pdf", name),
);

/** Extracts the two PDFs one after the other, as soon as the extractor is made. */
const ENTRY = `
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createDocumentExtractor } from "@isnad/extract";
const [workerFile, ...pdfs] = process.argv.slice(2);
const extractor = createDocumentExtractor({ ocr: false, workerFile: pathToFileURL(workerFile) });
const times = [];
for (const pdf of pdfs) {
  const bytes = readFileSync(pdf);
  const start = performance.now();
  const result = await extractor.extract(bytes, "application/pdf", "statement.pdf");
  times.push(performance.now() - start);
  if (result.status !== "ok") throw new Error(pdf + ": " + result.status + " " + (result.message ?? ""));
}
await extractor.close();
process.stdout.write(JSON.stringify(times));
`;

export async function benchFirstPdf(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), "isnad-first-pdf-"));
  try {
    const worker = await buildExtractWorker(join(dir, "extract-worker.mjs"));
    const entry = join(dir, "first-pdf.mjs");
    await build({
      ...WORKER_BUILD,
      stdin: { contents: ENTRY, resolveDir: repoRoot, loader: "ts", sourcefile: "first-pdf.ts" },
      outfile: entry,
    });
    const first: number[] = [];
    const next: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Both orders, so that neither document's own cost is taken for the cold start's.
      const pdfs = i % 2 === 0 ? PDFS : [...PDFS].reverse();
      const [a, b] = await run(entry, worker, pdfs);
      first.push(a!);
      next.push(b!);
    }
    const [firstMs, nextMs] = [median(first), median(next)];
    return [
      {
        group: "lambda",
        figure: "first PDF after a cold start vs the next, extra",
        ours: `${(firstMs - nextMs).toFixed(0)} ms more (first ${firstMs.toFixed(0)} ms)`,
        baseline: `${nextMs.toFixed(0)} ms the next PDF (median of ${RUNS} fresh processes)`,
        ratio: formatRatio(firstMs, nextMs),
        goal: "≤ +500 ms",
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(entry: string, worker: string, pdfs: string[]): Promise<number[]> {
  // What Lambda sets and the extraction pool reads (document-extractor.ts poolOptionsFromEnv).
  return runFreshNode<number[]>(entry, [worker, ...pdfs], { AWS_LAMBDA_FUNCTION_NAME: "isnad-bench-api" });
}
