/**
 * Large documents made up on the fly, so that neither the test nor the server ever holds one
 * whole: a deterministic text (Arabic and Latin lines, numbered) produced 1 MiB at a time, the
 * same bytes on every pass, so it can be hashed in one pass and uploaded in another.
 */
import { createSha256, formatHex, utf8 } from "@isnad/core";

const CHUNK = 1024 * 1024;
const LINE = utf8("بيان صحفي — press statement, line of a very long generated document.\n");

export interface GeneratedDocument {
  size: number;
  /** Offset of one byte flipped in every pass (a tampered copy), if any. */
  flipAt?: number;
}

/** The document's bytes as a fresh async iterable of ≤ 1 MiB chunks. */
export async function* generatedChunks(doc: GeneratedDocument): AsyncGenerator<Uint8Array> {
  const template = new Uint8Array(CHUNK);
  for (let i = 0; i < CHUNK; i += LINE.length)
    template.set(LINE.subarray(0, Math.min(LINE.length, CHUNK - i)), i);
  for (let offset = 0, n = 0; offset < doc.size; offset += CHUNK, n++) {
    const chunk = template.slice(0, Math.min(CHUNK, doc.size - offset));
    // A chunk number at the start of each chunk, so that no two chunks are equal.
    chunk.set(utf8(`#${String(n).padStart(8, "0")}\n`).subarray(0, chunk.length));
    if (doc.flipAt !== undefined && doc.flipAt >= offset && doc.flipAt < offset + chunk.length) {
      chunk[doc.flipAt - offset]! ^= 0x01;
    }
    yield chunk;
  }
}

export function generatedStream(doc: GeneratedDocument): ReadableStream<Uint8Array> {
  const chunks = generatedChunks(doc);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

export async function generatedSha256(doc: GeneratedDocument): Promise<string> {
  const hash = createSha256();
  for await (const chunk of generatedChunks(doc)) hash.update(chunk);
  return formatHex(hash.digest());
}
