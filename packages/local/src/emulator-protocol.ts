/**
 * The messages between the local stacks of a process and their emulator thread
 * (emulator-thread.ts on the server's side, emulator-worker.ts in the thread). One thread serves
 * every stack of the process; `id` names one stack's pair of emulators.
 */

/** What one stack starts: the options of startS3Emulator and startDynalite. */
export interface EmulatorPairOptions {
  s3: { dir: string; port?: number };
  dynamodb: { dir?: string; port?: number };
}

export type ToEmulatorThread =
  { type: "start"; id: number; options: EmulatorPairOptions } | { type: "close"; id: number };

export type FromEmulatorThread =
  | { type: "ready"; id: number; s3: string; dynamodb: string }
  | { type: "closed"; id: number }
  | { type: "failed"; id: number; message: string; code?: string };
