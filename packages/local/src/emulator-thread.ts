/**
 * s3rver and dynalite in worker threads, one each (emulator-worker.ts), for the local stack: same ports,
 * same data dir, same HTTP endpoints as in process (emulators.ts), but their JavaScript runs
 * beside the server's event loop instead of on it. Measured with a CPU profile of the hostile
 * storm (issue #13): dynalite, its LevelDB binding and s3rver were a quarter of the server's busy
 * time, and the deferred index of a 2 M-character text held its loop for 100–700 ms at a time.
 *
 * A thread, not a child process: it ends with the server's process whatever kills it (a child
 * left behind by a SIGKILL would hold the LevelDB lock and the ports the next start needs), and
 * its memory stays in the server's RSS as before (the memory bench measures the server apart,
 * with emulators in a process of their own: tests/bench/memory.ts). A thread of each kind serves
 * every stack of the process, as one module cache did in process: loading s3rver alone takes 2 s
 * of CPU on a loaded machine, which threads per stack would pay again at every start. Two threads,
 * not one: in the storm, dynalite's thread was busy for up to 0.6 s at a stretch, s3rver's
 * handling of megabyte uploads part of it, and a reader's GetItem waited behind all of it.
 */
import { Worker } from "node:worker_threads";
import { sourceBootstrap } from "@isnad/extract";
import type {
  EmulatorKind,
  EmulatorPairOptions,
  FromEmulatorThread,
  ToEmulatorThread,
} from "./emulator-protocol";

export interface EmulatorThread {
  /** Base URLs for the SDK's `endpoint` option. */
  readonly s3: string;
  readonly dynamodb: string;
  /** Closes both emulators (their files and ports released). Idempotent. */
  close(): Promise<void>;
}

export interface EmulatorThreadOptions extends EmulatorPairOptions {
  /**
   * The thread died while these emulators ran: the stores are gone. Default: thrown as an
   * uncaught exception, which ends the server as the same failure in process would have.
   */
  onCrash?: (error: Error) => void;
}

interface Host {
  worker: Worker;
  /** Requests waiting for their answer, by emulator id. */
  waiting: Map<number, (answer: FromEmulatorThread) => void>;
  /** Emulators running, by id: whom to tell if the thread dies. */
  running: Map<number, (error: Error) => void>;
}

const hosts = new Map<EmulatorKind, Host>();
let nextId = 1;

export async function startEmulatorThread(options: EmulatorThreadOptions): Promise<EmulatorThread> {
  const { onCrash = crash, ...pair } = options;
  const started = await Promise.allSettled([
    startEmulator("s3", pair.s3, onCrash),
    startEmulator("dynamodb", pair.dynamodb, onCrash),
  ]);
  const [s3, dynamodb] = started.map((r) => (r.status === "fulfilled" ? r.value : undefined));
  if (!s3 || !dynamodb) {
    await Promise.allSettled([s3?.close(), dynamodb?.close()]);
    throw started.find((r): r is PromiseRejectedResult => r.status === "rejected")!.reason;
  }
  let closing: Promise<void> | undefined;
  return {
    s3: s3.endpoint,
    dynamodb: dynamodb.endpoint,
    close: () =>
      (closing ??= Promise.allSettled([s3.close(), dynamodb.close()]).then((results) => {
        const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
        if (failed) throw failed.reason;
      })),
  };
}

async function startEmulator(
  kind: EmulatorKind,
  options: EmulatorPairOptions[EmulatorKind],
  onCrash: (error: Error) => void,
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const id = nextId++;
  const current = hostThread(kind);
  const started = await request(current, { type: "start", id, options });
  if (started.type !== "ready") throw failedError(started.type === "failed" ? started : unexpected(started));
  current.running.set(id, onCrash);
  holdProcess(current);
  return {
    endpoint: started.endpoint,
    close: async () => {
      if (!current.running.delete(id)) return; // the thread is gone, and the emulator with it
      const closed = await request(current, { type: "close", id });
      if (closed.type === "failed") throw failedError(closed);
    },
  };
}

function request(current: Host, message: ToEmulatorThread): Promise<FromEmulatorThread> {
  return new Promise<FromEmulatorThread>((resolve) => {
    current.waiting.set(message.id, resolve);
    holdProcess(current);
    current.worker.postMessage(message);
  }).finally(() => holdProcess(current));
}

/**
 * A thread keeps the process alive while emulators run in it or a request waits, as their
 * servers did in process; an idle thread does not (it stays, for the next stack to reuse).
 */
function holdProcess(current: Host): void {
  if (current.running.size > 0 || current.waiting.size > 0) current.worker.ref();
  else current.worker.unref();
}

function hostThread(kind: EmulatorKind): Host {
  const existing = hosts.get(kind);
  if (existing) return existing;
  const worker = new Worker(workerEntry(), {
    workerData: kind,
    // Not the server's flags (a loader, a heap size meant for it): the entry is plain JavaScript.
    execArgv: [],
  });
  const current: Host = { worker, waiting: new Map(), running: new Map() };
  worker.on("message", (answer: FromEmulatorThread) => {
    const resolve = current.waiting.get(answer.id);
    current.waiting.delete(answer.id);
    resolve?.(answer);
  });
  const died = (error: Error) => {
    if (hosts.get(kind) === current) hosts.delete(kind);
    for (const [id, resolve] of current.waiting) resolve({ type: "failed", id, message: error.message });
    current.waiting.clear();
    for (const onCrash of current.running.values()) onCrash(error);
    current.running.clear();
  };
  worker.on("error", (error) =>
    died(new Error(`the local ${kind} emulator failed: ${error.message}`, { cause: error })),
  );
  worker.on("exit", (code) =>
    died(new Error(`the local ${kind} emulator stopped (thread exit code ${code})`)),
  );
  hosts.set(kind, current);
  return current;
}

type Failed = Extract<FromEmulatorThread, { type: "failed" }>;

const unexpected = (answer: FromEmulatorThread): Failed => ({
  type: "failed",
  id: answer.id,
  message: `unexpected answer from the emulator thread: ${answer.type}`,
});

function failedError(answer: Failed): Error {
  return Object.assign(new Error(answer.message), answer.code ? { code: answer.code } : {});
}

function crash(error: Error): void {
  process.nextTick(() => {
    throw error;
  });
}

/**
 * The worker's entry: built JavaScript beside this file, or from TypeScript source (`npm start`,
 * tests) bundled with esbuild inside the new thread, once per process (extract's sourceBootstrap,
 * as its extraction workers are). s3rver and dynalite stay external, loaded by Node from
 * node_modules as in process: bundled, dynalite would lose its native LevelDB binding. A thread
 * that registers tsx instead and loads them through its hooks took 5.4–8.8 s to start at load 13
 * on 2 cores; bundled, 2.7–4 s.
 */
function workerEntry(): URL {
  if (!import.meta.url.endsWith(".ts")) return new URL("./emulator-worker.js", import.meta.url);
  return sourceBootstrap(new URL("./emulator-worker.ts", import.meta.url), {
    name: "emulators",
    externalPackages: true,
  });
}
