/**
 * An emulator thread's entry (emulator-thread.ts starts one for s3rver, one for dynalite): the
 * emulator on an event loop of its own, so that the requests it serves — a long text's deferred
 * quote index is hundreds of BatchWriteItem calls, each a LevelDB transaction in dynalite's
 * JavaScript — neither queue behind the server's own work nor hold it up, and dynalite's answers
 * do not wait for s3rver's (issue #13: the reader's p99 during a storm of hostile uploads).
 * Starts and closes emulators of its kind (workerData) on request.
 */
import { parentPort, workerData } from "node:worker_threads";
import { startDynalite, startS3Emulator, type RunningEmulator } from "./emulators";
import type {
  EmulatorKind,
  EmulatorPairOptions,
  FromEmulatorThread,
  ToEmulatorThread,
} from "./emulator-protocol";

const port = parentPort!;
const kind = workerData as EmulatorKind;
const post = (message: FromEmulatorThread) => port.postMessage(message);
const running = new Map<number, RunningEmulator>();

async function start(id: number, options: EmulatorPairOptions[EmulatorKind]): Promise<void> {
  try {
    const emulator =
      kind === "s3"
        ? await startS3Emulator(options as EmulatorPairOptions["s3"])
        : await startDynalite(options as EmulatorPairOptions["dynamodb"]);
    running.set(id, emulator);
    post({ type: "ready", id, endpoint: emulator.endpoint });
  } catch (e) {
    post(failure(id, e));
  }
}

async function close(id: number): Promise<void> {
  const emulator = running.get(id);
  running.delete(id);
  // dynalite's close also releases its LevelDB lock.
  await Promise.resolve(emulator?.close()).then(
    () => post({ type: "closed", id }),
    (e: unknown) => post(failure(id, e)),
  );
}

function failure(id: number, e: unknown): FromEmulatorThread {
  const code = (e as { code?: unknown } | undefined)?.code;
  return {
    type: "failed",
    id,
    message: e instanceof Error ? e.message : String(e),
    ...(typeof code === "string" ? { code } : {}),
  };
}

port.on("message", (message: ToEmulatorThread) => {
  if (message.type === "start") void start(message.id, message.options);
  else void close(message.id);
});
