/**
 * Reading the user's files: open with errors in plain words, and stream with SHA-256 and progress
 * computed on the way, so that a large file is never held in memory and is read only once.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createSha256, formatHex } from "@isnad/core";
import { CliError, EXIT } from "./command";
import type { Progress } from "./progress";

/** The size of a regular file, or a CliError that says what is wrong with the path. */
export async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CliError(`${path} is not a file`, EXIT.error);
    return info.size;
  } catch (e) {
    throw fileError(path, e);
  }
}

export async function readLocalFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw fileError(path, e);
  }
}

export function fileError(path: string, e: unknown): CliError {
  if (e instanceof CliError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === "ENOENT"
      ? "file not found"
      : code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EISDIR"
          ? "is a directory, not a file"
          : (e as Error).message;
  return new CliError(`${path}: ${why}`, EXIT.error, { cause: e });
}

/**
 * The file's chunks as they are read, each also fed to SHA-256 and to `progress`; `digest()`
 * gives the hex SHA-256 once the stream has been consumed to its end.
 */
export function hashingStream(path: string, progress: Progress) {
  const hasher = createSha256();
  let digest: string | undefined;
  const chunks = createReadStream(path)[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (e) {
        progress.abort();
        controller.error(fileError(path, e));
        return;
      }
      if (next.done) {
        digest = formatHex(hasher.digest());
        progress.finish();
        controller.close();
        return;
      }
      const chunk = new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      hasher.update(chunk);
      progress.advance(chunk.length);
      controller.enqueue(chunk);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
  return {
    stream,
    digest(): string {
      if (digest === undefined) throw new Error("the file has not been read to its end");
      return digest;
    },
  };
}

/** SHA-256 of a file, read in chunks. */
export async function hashFile(path: string, progress: Progress): Promise<string> {
  const { stream, digest } = hashingStream(path, progress);
  const reader = stream.getReader();
  try {
    while (!(await reader.read()).done);
  } catch (e) {
    throw fileError(path, e);
  }
  return digest();
}
