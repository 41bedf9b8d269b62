/**
 * One run of the tesseract command (Debian tesseract-ocr 5; on Lambda a layer with the binary and
 * its traineddata): the image goes in on stdin, TSV comes out on stdout. The child process is its
 * own sandbox: an address-space cap (prlimit --as) bounds its memory, a deadline SIGKILLs it, its
 * output is bounded, its environment is empty but for what tesseract reads, and where the kernel
 * lets us (root, or user namespaces) it runs without a network (unshare -n). tesseract is linked
 * with libcurl and would fetch an input *named* by a URL; reading stdin ("-") it never names one.
 */
import { spawn, spawnSync } from "node:child_process";

export interface TesseractOptions {
  /** The tesseract executable (PATH lookup when bare). */
  binary: string;
  /** Where the *.traineddata files are (TESSDATA_PREFIX); undefined: tesseract's compiled-in path. */
  tessdataDir?: string;
  /** Past this the child is killed and the read fails. */
  timeoutMs: number;
  /** The child's address-space cap (RLIMIT_AS, util-linux prlimit), in MiB; 0: none. */
  memoryMb: number;
  /** Run under `unshare -n` (no network interfaces but a down loopback): "auto" probes once. */
  isolateNetwork: boolean | "auto";
}

/** Why a run failed; the reader turns it into an OcrError with a code. */
export class TesseractRunError extends Error {
  override readonly name = "TesseractRunError";
  constructor(
    readonly reason: "timeout" | "memory" | "output" | "exit" | "missing" | "aborted",
    message: string,
  ) {
    super(message);
  }
}

/** TSV of a full page is some hundreds of KiB; more is no press release. */
const MAX_OUTPUT = 16 * 1024 * 1024;

/** The argv that runs tesseract on stdin with `languages` (e.g. ["ara", "eng"]) into TSV. */
export function tesseractArgv(options: TesseractOptions, languages: readonly string[]): string[] {
  const core = [options.binary, "-", "-", "-l", languages.join("+"), "--psm", "3", "tsv"];
  const capped =
    options.memoryMb > 0 ? ["prlimit", `--as=${options.memoryMb * 1024 * 1024}`, "--", ...core] : core;
  return networkIsolation(options.isolateNetwork) ? ["unshare", "-n", "--", ...capped] : capped;
}

/**
 * OMP_THREAD_LIMIT=1: tesseract's OpenMP build runs 5–6 times slower with two threads on two busy
 * cores (issue #18); the process count is what the caller bounds. Nothing else of the server's
 * environment (keys, proxies, AWS credentials) reaches the child.
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
): Promise<string> {
  const [command, ...args] = tesseractArgv(options, languages);
  const child = spawn(command!, args, { env: tesseractEnv(options), stdio: ["pipe", "pipe", "pipe"] });
  const out: Buffer[] = [];
  let outBytes = 0;
  let stderr = "";
  let failure: TesseractRunError | undefined;
  const kill = (error: TesseractRunError) => {
    failure ??= error;
    child.kill("SIGKILL");
  };
  const timer = setTimeout(
    () => kill(new TesseractRunError("timeout", `took longer than ${options.timeoutMs / 1000} s`)),
    options.timeoutMs,
  );
  const onAbort = () => kill(new TesseractRunError("aborted", "the read was cancelled"));
  signal?.addEventListener("abort", onAbort, { once: true });
  child.stdout.on("data", (chunk: Buffer) => {
    outBytes += chunk.length;
    if (outBytes > MAX_OUTPUT) kill(new TesseractRunError("output", "the engine's output is too large"));
    else out.push(chunk);
  });
  child.stderr.on("data", (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString("utf8");
  });
  // The child may exit before it has read the whole image (a bad header): EPIPE is its answer.
  child.stdin.on("error", () => undefined);
  child.stdin.end(image);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    }).catch((e: NodeJS.ErrnoException) => {
      throw new TesseractRunError("missing", `cannot run ${command}: ${e.code ?? e.message}`);
    });
    if (failure) throw failure;
    if (code !== 0) throw exitError(code, stderr);
    return Buffer.concat(out).toString("utf8");
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

function exitError(code: number | null, stderr: string): TesseractRunError {
  // 126/127: the wrappers (prlimit, unshare) could not execute the engine (POSIX shell convention).
  if (code === 126 || code === 127) return new TesseractRunError("missing", stderr.trim().slice(0, 160));
  // Leptonica and tesseract report a failed allocation in words; the cap makes malloc fail.
  if (/alloc|memory|bad_alloc/i.test(stderr)) {
    return new TesseractRunError("memory", "the image needs more memory than OCR may use");
  }
  const said = stderr
    .split("\n")
    .filter(
      (l) => l && !/^(Estimating resolution|Warning: Invalid resolution|Detected \d+ diacritics)/.test(l),
    )
    .join("; ")
    .slice(0, 160);
  return new TesseractRunError(
    "exit",
    `tesseract exited with ${code ?? "a signal"}${said ? `: ${said}` : ""}`,
  );
}

let unshareWorks: boolean | undefined;

function networkIsolation(setting: boolean | "auto"): boolean {
  if (setting !== "auto") return setting;
  // Probed once: unshare(CLONE_NEWNET) needs CAP_SYS_ADMIN or unprivileged user namespaces, which
  // Lambda has not; there the binary's stdin-only use is the guarantee (see the header).
  unshareWorks ??=
    spawnSync("unshare", ["-n", "--", "true"], { stdio: "ignore", timeout: 5_000 }).status === 0;
  return unshareWorks;
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
