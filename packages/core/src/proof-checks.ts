/** Shape checks shared by the proof verifiers (internal to @isnad/core). */
import { IsnadError } from "./errors";
import { MERKLE_HASH_SIZE } from "./merkle";

export function failProof(message: string): never {
  throw new IsnadError("INVALID_PROOF", message);
}

/** Rejects anything that is not exactly one SHA-256 hash, before any hashing happens. */
export function checkProofHash(what: string, hash: unknown): asserts hash is Uint8Array {
  if (!(hash instanceof Uint8Array)) failProof(`${what} is not a byte array`);
  if (hash.length !== MERKLE_HASH_SIZE)
    failProof(`${what} is ${hash.length} bytes, expected ${MERKLE_HASH_SIZE}`);
}

export function checkProofHashes(what: string, proof: unknown): asserts proof is readonly Uint8Array[] {
  if (!Array.isArray(proof)) failProof(`${what} is not an array`);
  proof.forEach((p, i) => checkProofHash(`${what} hash ${i}`, p));
}
