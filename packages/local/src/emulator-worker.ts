/**
 * The emulator thread's entry (emulator-thread.ts starts it): s3rver and dynalite on an event
 * loop of their own, so that the requests they serve — a long text's deferred quote index is
 * hundreds of BatchWriteItem calls, each a LevelDB transaction in dynalite's JavaScript — do not
 * queue behind the server's own work, nor the server's behind theirs (issue #13: the reader's
 * p99 during a storm of hostile uploads). Starts and closes pairs of emulators on request.
 */
import { parentPort } from "node:worker_threads";
import { startDynalite, startS3Emulator, type RunningEmulator } from "./emulators";
import type { EmulatorPairOptions, FromEmulatorThread, ToEmulatorThread } from "./emulator-protocol";

const port = parentPort!;
const post = (message: FromEmulatorThread) => port.postMessage(message);
const pairs = new Map<number, RunningEmulator[]>();

async function start(id: number, options: EmulatorPairOptions): Promise<void> {
  const running: RunningEmulator[] = [];
  try {
    running.push(await startS3Emulator(options.s3));
    running.push(await startDynalite(options.dynamodb));
    pairs.set(id, running);
    post({ type: "ready", id, s3: running[0]!.endpoint, dynamodb: running[1]!.endpoint });
  } catch (e) {
    await closeAll(running).catch(() => {});
    post(failure(id, e));
  }
}

async function close(id: number): Promise<void> {
  const running = pairs.get(id) ?? [];
  pairs.delete(id);
  await closeAll(running).then(
    () => post({ type: "closed", id }),
    (e: unknown) => post(failure(id, e)),
  );
}

/** Both, even if one fails: dynalite's close also releases its LevelDB lock. */
async function closeAll(running: RunningEmulator[]): Promise<void> {
  const results = await Promise.allSettled(running.map((e) => e.close()));
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
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
