/**
 * The messages between the local stacks of a process and their emulator threads
 * (emulator-thread.ts on the server's side, emulator-worker.ts in each thread). One thread per
 * kind of emulator serves every stack of the process; `id` names one stack's emulator.
 */

export type EmulatorKind = "s3" | "dynamodb";

/** What one stack starts: the options of startS3Emulator and startDynalite. */
export interface EmulatorPairOptions {
  s3: { dir: string; port?: number };
  dynamodb: { dir?: string; port?: number };
}

export type ToEmulatorThread =
  { type: "start"; id: number; options: EmulatorPairOptions[EmulatorKind] } | { type: "close"; id: number };

export type FromEmulatorThread =
  | { type: "ready"; id: number; endpoint: string }
  | { type: "closed"; id: number }
  | { type: "failed"; id: number; message: string; code?: string };
