import { expect } from "vitest";
import { ArchiveError, type ArchiveErrorCode } from "@isnad/archive";

/** Awaits `promise`, asserts it rejects with an ArchiveError of `code`, and returns that error. */
export async function expectArchiveError(
  promise: Promise<unknown>,
  code: ArchiveErrorCode,
): Promise<ArchiveError> {
  const outcome = await promise.then(
    (value: unknown) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected ArchiveError ${code}, got a result`);
  expect(outcome.error).toBeInstanceOf(ArchiveError);
  const error = outcome.error as ArchiveError;
  expect({ code: error.code, message: error.message }).toMatchObject({ code });
  return error;
}

/** A port nothing listens on (just freed by the OS), for "the service is down" tests. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}
