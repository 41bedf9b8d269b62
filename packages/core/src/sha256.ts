/**
 * SHA-256 (FIPS 180-4), one-shot and incremental, through the active crypto backend
 * (native where the runtime has it, @noble/hashes elsewhere; see crypto-backend.ts).
 */
import { getCryptoBackend, type Sha256State } from "./crypto-backend";
import { formatHex } from "./bytes";

export type { Sha256State };

export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = getCryptoBackend().createSha256();
  for (const p of parts) h.update(p);
  return h.digest();
}

export function sha256Hex(...parts: Uint8Array[]): string {
  return formatHex(sha256(...parts));
}

/** An incremental hasher for streams: feed chunks as they arrive, then `digest()` once. */
export function createSha256(): Sha256State {
  return getCryptoBackend().createSha256();
}

/** Hashes an async stream of chunks (a ReadableStream or any async iterable) without buffering it. */
export async function sha256Stream(
  chunks: AsyncIterable<Uint8Array>,
): Promise<{ digest: Uint8Array; size: number }> {
  const h = createSha256();
  let size = 0;
  for await (const chunk of chunks) {
    h.update(chunk);
    size += chunk.length;
  }
  return { digest: h.digest(), size };
}
