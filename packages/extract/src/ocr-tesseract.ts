/**
 * One run of the tesseract command (Debian tesseract-ocr 5; on Lambda a layer with the binary and
 * its traineddata) in the OCR sandbox (ocr-child.ts): the image on stdin, TSV on stdout.
 * tesseract is linked with libcurl and would fetch an input *named* by a URL; reading stdin ("-")
 * it never names one, and under unshare -n it could not reach one.
 */
import { spawnSync } from "node:child_process";
import { runSandboxed, sandboxArgv, type SandboxOptions } from "./ocr-child";

export interface TesseractOptions extends SandboxOptions {
  /** The tesseract executable (PATH lookup when bare). */
  binary: string;
  /** Where the *.traineddata files are (TESSDATA_PREFIX); undefined: tesseract's compiled-in path. */
  tessdataDir?: string;
}

/** TSV of a full page is some hundreds of KiB; more is no press release. */
const MAX_OUTPUT = 16 * 1024 * 1024;

/** tesseract's notes on every image without a resolution, and its diacritics count. */
const CHATTER = /^(Estimating resolution|Warning[.:] Invalid resolution|Detected \d+ diacritics)/;

/**
 * Page segmentation modes used: 3 (automatic: columns, blocks) and 6 (one uniform block, for
 * a second reading of a screenshot's text region: ocr-layout.ts).
 */
export type PageSegmentation = 3 | 6;

/**
 * What tesseract writes: TSV, or hOCR with each character's box and the LSTM's choices for it
 * (ocr-hocr.ts, where they tell the Arabic comma from a hamza).
 */
export type TesseractOutput = "tsv" | "hocr";

const OUTPUT_ARGS: Record<TesseractOutput, string[]> = {
  tsv: ["tsv"],
  hocr: ["-c", "hocr_char_boxes=1", "-c", "lstm_choice_mode=2", "hocr"],
};

/** The command (before the sandbox's wrappers) that reads stdin with `languages` into `output`. */
export function tesseractCommand(
  options: TesseractOptions,
  languages: readonly string[],
  psm: PageSegmentation = 3,
  output: TesseractOutput = "tsv",
): string[] {
  return [options.binary, "-", "-", "-l", languages.join("+"), "--psm", String(psm), ...OUTPUT_ARGS[output]];
}

export function tesseractArgv(options: TesseractOptions, languages: readonly string[]): string[] {
  return sandboxArgv(options, tesseractCommand(options, languages));
}

/**
 * OMP_THREAD_LIMIT=1: tesseract's OpenMP build runs 5–6 times slower with two threads on two busy
 * cores (issue #18); the caller bounds how many processes run. LC_ALL: tesseract 4+ refuses to
 * start under some locales.
 */
export function tesseractEnv(options: TesseractOptions): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    OMP_THREAD_LIMIT: "1",
    LC_ALL: "C.UTF-8",
    ...(options.tessdataDir ? { TESSDATA_PREFIX: options.tessdataDir } : {}),
  };
}

export async function runTesseract(
  image: Uint8Array,
  options: TesseractOptions,
  languages: readonly string[],
  signal?: AbortSignal,
  psm: PageSegmentation = 3,
  output: TesseractOutput = "tsv",
): Promise<string> {
  const env = tesseractEnv(options);
  const run = { ...options, env, maxOutput: MAX_OUTPUT, quiet: CHATTER, ...(signal ? { signal } : {}) };
  const command = tesseractCommand(options, languages, psm, output);
  return (await runSandboxed(command, image, run)).toString("utf8");
}

/** Whether `binary --version` runs (a probe at start-up, not per image). */
export function tesseractRuns(binary: string): boolean {
  return spawnSync(binary, ["--version"], { stdio: "ignore", timeout: 10_000 }).status === 0;
}

let version: string | undefined;

/** "tesseract 5.3.0", from `tesseract --version` (its first line), once per process. */
export function tesseractVersion(binary: string): string {
  if (version === undefined) {
    const run = spawnSync(binary, ["--version"], { encoding: "utf8", timeout: 10_000 });
    const line = `${run.stdout ?? ""}${run.stderr ?? ""}`.split("\n")[0]?.trim() ?? "";
    version = /^tesseract \d/.test(line) ? line : "tesseract";
  }
  return version;
}
