/**
 * Failures of `npm start` that a person fixes with one change (another folder, another port):
 * main.ts prints their message as one line, with no stack trace.
 */
export type LocalStackErrorCode = "DATA_DIR_IN_USE" | "PORT_IN_USE";

export class LocalStackError extends Error {
  override readonly name = "LocalStackError";
  constructor(
    readonly code: LocalStackErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isLocalStackError(e: unknown): e is LocalStackError {
  return e instanceof LocalStackError;
}

/** Whether a process with this id exists (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
