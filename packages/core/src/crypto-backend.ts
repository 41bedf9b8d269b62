/**
 * The seam between core's portable cryptography (@noble, runs anywhere) and a native
 * implementation where the runtime has one. On Node (and so on Lambda) bulk SHA-256 through
 * node:crypto runs about ten times faster than @noble/hashes, and Ed25519 faster still.
 *
 * core may not import `node:*` (it must load in a browser), so it discovers node:crypto through
 * `process.getBuiltinModule` (Node ≥ 20.16), a synchronous lookup that does not exist in browsers.
 * Both backends are tested to agree byte for byte; `setCryptoBackend` lets tests force either.
 */
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { ed25519 } from "@noble/curves/ed25519.js";
import { concatBytes, equalBytes } from "./bytes";

export interface Sha256State {
  update(data: Uint8Array): void;
  digest(): Uint8Array;
}

export interface CryptoBackend {
  readonly name: string;
  createSha256(): Sha256State;
  ed25519PublicKey(seed: Uint8Array): Uint8Array;
  ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array;
  /** RFC 8032 §5.1.7 verification; never throws on malformed keys or signatures, returns false. */
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

export const nobleBackend: CryptoBackend = {
  name: "noble",
  createSha256() {
    const h = nobleSha256.create();
    return {
      update: (data) => void h.update(data),
      digest: () => h.digest(),
    };
  },
  ed25519PublicKey: (seed) => ed25519.getPublicKey(seed),
  ed25519Sign: (seed, message) => ed25519.sign(message, seed),
  ed25519Verify(publicKey, message, signature) {
    try {
      // zip215: false selects strict RFC 8032 rules, the ones OpenSSL (node:crypto) applies,
      // so that a signature's validity never depends on which backend checked it.
      return ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
};

/** The subset of node:crypto that the native backend uses. */
interface NodeCrypto {
  createHash(algorithm: "sha256"): { update(data: Uint8Array): unknown; digest(): Uint8Array };
  createPrivateKey(key: { key: Uint8Array; format: "der"; type: "pkcs8" }): unknown;
  createPublicKey(key: unknown): { export(options: { format: "der"; type: "spki" }): Uint8Array };
  sign(algorithm: null, data: Uint8Array, key: unknown): Uint8Array;
  verify(algorithm: null, data: Uint8Array, key: unknown, signature: Uint8Array): boolean;
}

// DER prefixes of an Ed25519 PKCS#8 private key and SPKI public key (RFC 8410 §7 and §4).
// prettier-ignore
const PKCS8_PREFIX = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20);
const SPKI_PREFIX = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);

/**
 * Parsing DER into a KeyObject costs more than signing or verifying; a service uses the same few
 * keys for its whole life, so KeyObjects are kept per key array, weakly (nothing outlives its
 * caller) and checked against a copy (a caller may reuse its array for another key).
 */
function keyObjectCache(create: (raw: Uint8Array) => unknown): (raw: Uint8Array) => unknown {
  const cache = new WeakMap<Uint8Array, { copy: Uint8Array; key: unknown }>();
  return (raw) => {
    const cached = cache.get(raw);
    if (cached && equalBytes(cached.copy, raw)) return cached.key;
    const key = create(raw);
    cache.set(raw, { copy: raw.slice(), key });
    return key;
  };
}

export function nodeBackend(crypto: NodeCrypto): CryptoBackend {
  const privateKey = keyObjectCache((seed) =>
    crypto.createPrivateKey({ key: concatBytes(PKCS8_PREFIX, seed), format: "der", type: "pkcs8" }),
  );
  const publicKeyObject = keyObjectCache((publicKey) =>
    crypto.createPublicKey({ key: concatBytes(SPKI_PREFIX, publicKey), format: "der", type: "spki" }),
  );
  return {
    name: "node:crypto",
    createSha256() {
      const h = crypto.createHash("sha256");
      return {
        update: (data) => void h.update(data),
        digest: () => new Uint8Array(h.digest()),
      };
    },
    ed25519PublicKey(seed) {
      const spki = crypto.createPublicKey(privateKey(seed)).export({ format: "der", type: "spki" });
      return new Uint8Array(spki.subarray(SPKI_PREFIX.length));
    },
    ed25519Sign: (seed, message) => new Uint8Array(crypto.sign(null, message, privateKey(seed))),
    ed25519Verify(publicKey, message, signature) {
      if (publicKey.length !== 32 || signature.length !== 64) return false;
      try {
        return crypto.verify(null, message, publicKeyObject(publicKey), signature);
      } catch {
        return false;
      }
    },
  };
}

/** node:crypto where `process.getBuiltinModule` finds it (Node ≥ 20.16, Lambda), else @noble. */
export function detectBackend(global: object = globalThis): CryptoBackend {
  const runtime = (global as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = runtime?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;
  return crypto ? nodeBackend(crypto) : nobleBackend;
}

let backend: CryptoBackend = detectBackend();

export function getCryptoBackend(): CryptoBackend {
  return backend;
}

/** Selects a backend; returns the previous one so tests can restore it. */
export function setCryptoBackend(next: CryptoBackend): CryptoBackend {
  const previous = backend;
  backend = next;
  return previous;
}
