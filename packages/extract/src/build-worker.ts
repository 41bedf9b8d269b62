/**
 * Builds the extraction worker as one ES module, extract-worker.mjs, for a bundled deployment
 * (Lambda): the handler's bundle starts it from beside itself (document-extractor.ts,
 * defaultWorkerFile) or from LAMBDA_TASK_ROOT (functions/api.ts). pdf.js and mammoth live in this
 * file only. `tsx packages/extract/src/build-worker.ts [outfile]` (default
 * packages/extract/dist/extract-worker.mjs).
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions } from "esbuild";
import { REQUIRE_BANNER } from "./source-worker";

/** The options a Lambda deployment bundles with (tests/bench/bundle.ts, SST's Node.js bundling). */
export const WORKER_BUILD: BuildOptions = {
  bundle: true,
  minify: true,
  platform: "node",
  target: "node22",
  format: "esm",
  banner: { js: REQUIRE_BANNER },
  mainFields: ["module", "main"],
  logLevel: "error",
};

export const WORKER_ENTRY = fileURLToPath(new URL("./extract-worker.ts", import.meta.url));

export async function buildExtractWorker(outfile: string): Promise<string> {
  await build({ ...WORKER_BUILD, entryPoints: [WORKER_ENTRY], outfile });
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? fileURLToPath(new URL("../dist/extract-worker.mjs", import.meta.url));
  process.stdout.write(`${await buildExtractWorker(resolve(out))}\n`);
}
