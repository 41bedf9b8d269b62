/**
 * A deployed witness's settings from its environment (stacks/witness.ts sets them):
 *   ISNAD_WITNESS_SEED   the Ed25519 seed of its cosignature key, 64 hex digits (an sst.Secret)
 *   ISNAD_WITNESS_NAME   its name in cosignature lines, e.g. "witness.example.org"
 *   ISNAD_WITNESS_LOGS   the logs it serves: note verifier keys (`<origin>+<id>+<key>`), one per
 *                        line or separated by ";" — each log's origin is its key's name
 *   ISNAD_WITNESS_TABLE  the DynamoDB table of its state
 */
import {
  createCosigner,
  parseHex,
  parseVerifierKey,
  type CosignerSigner,
  type NoteVerifier,
} from "@isnad/core";

export interface WitnessSettings {
  readonly cosigner: CosignerSigner;
  readonly logs: ReadonlyMap<string, NoteVerifier>;
  readonly table: string;
}

export function witnessSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): WitnessSettings {
  const need = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const seed = parseHex(need("ISNAD_WITNESS_SEED"), 32);
  const cosigner = createCosigner(need("ISNAD_WITNESS_NAME"), seed);
  const logs = new Map<string, NoteVerifier>();
  for (const key of need("ISNAD_WITNESS_LOGS")
    .split(/[\n;]/)
    .map((k) => k.trim())
    .filter(Boolean)) {
    const verifier = parseVerifierKey(key);
    logs.set(verifier.name, verifier);
  }
  return { cosigner, logs, table: need("ISNAD_WITNESS_TABLE") };
}
