/**
 * Hashes a file in the browser, chunk by chunk from File.stream(), so that neither a large file
 * is held in memory at once nor the file leaves the machine: only its SHA-256 is sent.
 */
import { createSha256, formatHex } from "@isnad/core";

export async function hashFile(
  file: Pick<Blob, "size" | "stream">,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<string> {
  const hash = createSha256();
  const reader = file.stream().getReader();
  let done = 0;
  onProgress(0, file.size);
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    hash.update(chunk.value);
    done += chunk.value.length;
    onProgress(done, file.size);
  }
  return formatHex(hash.digest());
}

/** A pasted fingerprint: 64 hex digits, any case, whitespace around it ignored. */
export function parseSha256Input(value: string): string | undefined {
  const hex = value.trim().toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}
