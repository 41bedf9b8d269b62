/**
 * Reads a stream once while hashing and counting every byte, so that a large upload is verified
 * in the same pass that copies it. Only what `peek` asks for is ever held back; everything else
 * passes straight through to the consumer (memory stays at one chunk plus the peeked prefix).
 */
import { concatBytes, createSha256, formatHex } from "@isnad/core";

export class HashingReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly hash = createSha256();
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private digestHex: string | undefined;
  /** Bytes read from the source so far (held or passed on). */
  bytesRead = 0;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.reader = stream.getReader();
  }

  /** True once the source has been read to its end. */
  get ended(): boolean {
    return this.digestHex !== undefined;
  }

  /** Lowercase hex SHA-256 of everything read; only once the source has ended. */
  get sha256Hex(): string {
    if (this.digestHex === undefined) throw new Error("HashingReader: the stream has not ended yet");
    return this.digestHex;
  }

  /** The first `n` bytes (fewer if the stream is shorter), kept to be passed on by `chunks()`. */
  async peek(n: number): Promise<Uint8Array> {
    while (this.heldBytes < n) {
      const chunk = await this.next();
      if (chunk === undefined) break;
      this.held.push(chunk);
      this.heldBytes += chunk.length;
    }
    return concatBytes(...this.held).subarray(0, n);
  }

  /** The rest of the stream, held bytes first. */
  async *chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const chunk = this.held.shift() ?? (await this.next());
      if (chunk === undefined) return;
      this.heldBytes = Math.max(0, this.heldBytes - chunk.length);
      yield chunk;
    }
  }

  /** Everything (left), in one array: only for streams known to be small. */
  async readAll(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    for await (const chunk of this.chunks()) parts.push(chunk);
    return concatBytes(...parts);
  }

  /** Reads and hashes whatever is left without keeping it. */
  async drain(): Promise<void> {
    this.held = [];
    this.heldBytes = 0;
    while ((await this.next()) !== undefined);
  }

  /** Stops reading (releases the connection); harmless once ended. */
  async cancel(): Promise<void> {
    if (this.ended) return;
    await this.reader.cancel().catch(() => undefined);
  }

  private async next(): Promise<Uint8Array | undefined> {
    if (this.ended) return undefined;
    const { done, value } = await this.reader.read();
    if (done) {
      this.digestHex = formatHex(this.hash.digest());
      return undefined;
    }
    this.hash.update(value);
    this.bytesRead += value.length;
    return value;
  }
}
