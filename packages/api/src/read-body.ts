/**
 * Reads a request body with a hard size cap, counting as it streams: a lying or absent
 * Content-Length cannot make the server buffer more than `max` bytes.
 */
import type { ArchiveError } from "@isnad/archive";
import { concatBytes } from "@isnad/core";

export async function readBody(
  request: Request,
  max: number,
  tooLarge: () => ArchiveError,
): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > max) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return concatBytes(...chunks);
}
