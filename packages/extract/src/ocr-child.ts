/**
 * A command run as its own sandbox, for the OCR tools (tesseract, pdftoppm): its input on stdin,
 * its output bounded, an address-space cap (util-linux prlimit --as, RLIMIT_AS), SIGKILL at the
 * deadline or on abort, an environment holding only what the caller passes (no keys, proxies or
 * AWS credentials), and where the kernel lets us (root, or user namespaces) no network
 * (unshare -n: a fresh network namespace whose only interface, lo, is down).
 */
import { spawn, spawnSync } from "node:child_process";

export interface SandboxOptions {
  /** Past this the child is killed and the run fails. */
  timeoutMs: number;
  /** The child's address-space cap in MiB; 0: none. */
  memoryMb: number;
  /** Run under `unshare -n`: "auto" probes once whether the kernel lets us. */
  isolateNetwork: boolean | "auto";
}

/** Why a run failed. */
export class ChildRunError extends Error {
  override readonly name = "ChildRunError";
  constructor(
    readonly reason: "timeout" | "memory" | "output" | "exit" | "missing" | "aborted",
    message: string,
  ) {
    super(message);
  }
}

/** The argv that runs `command` inside the sandbox's wrappers (each execs the next: one pid). */
export function sandboxArgv(options: SandboxOptions, command: readonly string[]): string[] {
  const capped =
    options.memoryMb > 0 && prlimitRuns()
      ? ["prlimit", `--as=${options.memoryMb * 1024 * 1024}`, "--", ...command]
      : [...command];
  return networkIsolation(options.isolateNetwork) ? ["unshare", "-n", "--", ...capped] : capped;
}

export interface ChildRun extends SandboxOptions {
  env: Record<string, string>;
  /** Bytes of stdout past which the child is killed. */
  maxOutput: number;
  signal?: AbortSignal;
  /** Lines of stderr that are chatter, not a reason (left out of the error message). */
  quiet?: RegExp;
}

export async function runSandboxed(
  command: readonly string[],
  input: Uint8Array,
  run: ChildRun,
): Promise<Buffer> {
  const [file, ...args] = sandboxArgv(run, command);
  const child = spawn(file!, args, { env: run.env, stdio: ["pipe", "pipe", "pipe"] });
  const out: Buffer[] = [];
  let outBytes = 0;
  let stderr = "";
  let failure: ChildRunError | undefined;
  const kill = (error: ChildRunError) => {
    failure ??= error;
    child.kill("SIGKILL");
  };
  const timer = setTimeout(
    () => kill(new ChildRunError("timeout", `took longer than ${run.timeoutMs / 1000} s`)),
    run.timeoutMs,
  );
  const onAbort = () => kill(new ChildRunError("aborted", "the read was cancelled"));
  run.signal?.addEventListener("abort", onAbort, { once: true });
  child.stdout.on("data", (chunk: Buffer) => {
    outBytes += chunk.length;
    if (outBytes > run.maxOutput) kill(new ChildRunError("output", `${command[0]}'s output is too large`));
    else out.push(chunk);
  });
  child.stderr.on("data", (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString("utf8");
  });
  // The child may exit before it has read all its input (a bad header): EPIPE is its answer.
  child.stdin.on("error", () => undefined);
  child.stdin.end(input);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    }).catch((e: NodeJS.ErrnoException) => {
      throw new ChildRunError("missing", `cannot run ${file}: ${e.code ?? e.message}`);
    });
    if (failure) throw failure;
    if (code !== 0) throw exitError(command[0]!, code, stderr, run.quiet);
    return Buffer.concat(out);
  } finally {
    clearTimeout(timer);
    run.signal?.removeEventListener("abort", onAbort);
  }
}

function exitError(name: string, code: number | null, stderr: string, quiet?: RegExp): ChildRunError {
  // 126/127: a wrapper (prlimit, unshare) could not execute the tool (the POSIX shell convention).
  if (code === 126 || code === 127) return new ChildRunError("missing", stderr.trim().slice(0, 160));
  // With the cap, malloc fails and the tools say so in words (Leptonica, poppler, std::bad_alloc).
  if (/alloc|out of memory|bad_alloc/i.test(stderr)) {
    return new ChildRunError("memory", "the image needs more memory than OCR may use");
  }
  const said = stderr
    .split("\n")
    .filter((l) => l && !quiet?.test(l))
    .join("; ")
    .slice(0, 160);
  return new ChildRunError("exit", `${name} exited with ${code ?? "a signal"}${said ? `: ${said}` : ""}`);
}

let prlimitWorks: boolean | undefined;

/**
 * Probed once: util-linux's prlimit is in every Debian, but a Lambda layer may not bring it; then
 * the tools run without the cap (the function's own memory size still bounds them) rather than
 * not at all.
 */
function prlimitRuns(): boolean {
  prlimitWorks ??= spawnSync("prlimit", ["--version"], { stdio: "ignore", timeout: 5_000 }).status === 0;
  return prlimitWorks;
}

let unshareWorks: boolean | undefined;

function networkIsolation(setting: boolean | "auto"): boolean {
  if (setting !== "auto") return setting;
  // Probed once: unshare(CLONE_NEWNET) needs CAP_SYS_ADMIN or unprivileged user namespaces, which
  // Lambda has not; there the tools' own behaviour is the guarantee (they read stdin only).
  unshareWorks ??=
    spawnSync("unshare", ["-n", "--", "true"], { stdio: "ignore", timeout: 5_000 }).status === 0;
  return unshareWorks;
}
