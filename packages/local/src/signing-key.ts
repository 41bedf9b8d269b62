/**
 * The local signing key: generated once, kept as hex in the data dir with mode 0600. (In AWS the
 * seed is an sst.Secret; it never lives in the repository or in a log.)
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { formatHex, generateEd25519Seed, parseHex } from "@isnad/core";

export async function loadOrCreateSeed(dataDir: string, file = "signing-key.hex"): Promise<Uint8Array> {
  const path = join(dataDir, file);
  try {
    return parseHex((await readFile(path, "utf8")).trim(), 32);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const seed = generateEd25519Seed();
  // "wx": never overwrite a key another process created in the meantime.
  await writeFile(path, formatHex(seed) + "\n", { mode: 0o600, flag: "wx" });
  return seed;
}
