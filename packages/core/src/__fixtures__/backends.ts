/** Both crypto backends, and a way to run a test body under one, so every vector checks both. */
import { getCryptoBackend, nobleBackend, setCryptoBackend, type CryptoBackend } from "../crypto-backend";

export const BACKENDS = [
  ["native", getCryptoBackend()],
  ["noble", nobleBackend],
] as const;

export function withBackend<T>(backend: CryptoBackend, f: () => T): T {
  const previous = setCryptoBackend(backend);
  try {
    return f();
  } finally {
    setCryptoBackend(previous);
  }
}
