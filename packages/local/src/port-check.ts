/**
 * A busy port, said in one line. Node's EADDRINUSE arrives as an 'error' event with a stack
 * trace; `npm start` instead says which port and how to choose another.
 */
import { createServer } from "node:net";
import { LocalStackError } from "./local-stack-error";

export function portInUse(port: number, host: string, cause?: unknown): LocalStackError {
  return new LocalStackError(
    "PORT_IN_USE",
    `port ${port} on ${host} is already in use (another isnad, or another program); ` +
      `choose a free one: PORT=${port === 65535 ? 8788 : port + 1} npm start`,
    { cause },
  );
}

/**
 * Fails early, before the emulators start, when `port` cannot be bound. Racy by nature (the port
 * may be taken between this check and the real listen), so the real listen maps the error too.
 */
export async function checkPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (e: NodeJS.ErrnoException) =>
      reject(e.code === "EADDRINUSE" || e.code === "EACCES" ? portError(port, host, e) : e),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

export function portError(port: number, host: string, e: NodeJS.ErrnoException): Error {
  if (e.code === "EADDRINUSE") return portInUse(port, host, e);
  if (e.code === "EACCES")
    return new LocalStackError(
      "PORT_IN_USE",
      `port ${port} on ${host} needs privileges this user does not have; use one above 1023: PORT=8787 npm start`,
      { cause: e },
    );
  return e;
}
