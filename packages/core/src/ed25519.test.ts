import { describe, expect, it } from "vitest";
import { ed25519KeyPair, formatKeyId, generateEd25519Seed, signEd25519, verifyEd25519 } from "./ed25519";
import { detectBackend, getCryptoBackend, nobleBackend, setCryptoBackend } from "./crypto-backend";
import { formatHex, parseHex } from "./bytes";
import { BACKENDS, withBackend } from "./__fixtures__/backends";
import { isIsnadError } from "./errors";

// RFC 8032 §7.1, TEST 1–3.
const RFC8032 = [
  {
    seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    message: "",
    signature:
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
  },
  {
    seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    message: "72",
    signature:
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
  },
  {
    seed: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
    publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
    message: "af82",
    signature:
      "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
  },
];

describe.each(BACKENDS)("Ed25519 (%s backend)", (_name, backend) => {
  const run = <T>(f: () => T): T => withBackend(backend, f);

  it.each(RFC8032)("matches RFC 8032 §7.1 for message '$message'", (v) => {
    run(() => {
      const seed = parseHex(v.seed);
      expect(formatHex(ed25519KeyPair(seed).publicKey)).toBe(v.publicKey);
      expect(formatHex(signEd25519(seed, parseHex(v.message)))).toBe(v.signature);
      expect(verifyEd25519(parseHex(v.publicKey), parseHex(v.message), parseHex(v.signature))).toBe(true);
    });
  });

  it("rejects a flipped bit in message, signature or key", () => {
    run(() => {
      const v = RFC8032[2]!;
      const pub = parseHex(v.publicKey);
      const msg = parseHex(v.message);
      const sig = parseHex(v.signature);
      const flip = (b: Uint8Array, i: number) => {
        const c = b.slice();
        c[i]! ^= 1;
        return c;
      };
      expect(verifyEd25519(pub, flip(msg, 0), sig)).toBe(false);
      expect(verifyEd25519(pub, msg, flip(sig, 5))).toBe(false);
      expect(verifyEd25519(pub, msg, flip(sig, 63))).toBe(false);
      expect(verifyEd25519(flip(pub, 3), msg, sig)).toBe(false);
    });
  });

  it("returns false, never throws, on malformed keys and signatures", () => {
    run(() => {
      const v = RFC8032[0]!;
      expect(verifyEd25519(new Uint8Array(31), new Uint8Array(), parseHex(v.signature))).toBe(false);
      expect(verifyEd25519(parseHex(v.publicKey), new Uint8Array(), new Uint8Array(63))).toBe(false);
      // A y-coordinate ≥ p is not a valid point encoding (RFC 8032 §5.1.3).
      expect(verifyEd25519(new Uint8Array(32).fill(0xff), new Uint8Array(), parseHex(v.signature))).toBe(
        false,
      );
      // S ≥ L must be rejected (RFC 8032 §5.1.7 step 1).
      const sig = parseHex(v.signature);
      sig.fill(0xff, 32);
      expect(verifyEd25519(parseHex(v.publicKey), new Uint8Array(), sig)).toBe(false);
    });
  });

  it("round-trips a generated key", () => {
    run(() => {
      const pair = ed25519KeyPair(generateEd25519Seed());
      const msg = new TextEncoder().encode("isnad");
      expect(verifyEd25519(pair.publicKey, msg, signEd25519(pair.seed, msg))).toBe(true);
    });
  });
});

describe("key checks", () => {
  it("rejects seeds and public keys of the wrong length with INVALID_KEY", () => {
    for (const f of [
      () => ed25519KeyPair(new Uint8Array(31)),
      () => signEd25519(new Uint8Array(33), new Uint8Array()),
      () => formatKeyId(new Uint8Array(16)),
    ]) {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(isIsnadError(e, "INVALID_KEY")).toBe(true);
      }
    }
  });

  it("derives a 16-hex-digit key id from SHA-256 of the public key", () => {
    // sha256(d75a98…511a) — computed independently with `xxd -r -p | sha256sum`.
    const id = formatKeyId(parseHex(RFC8032[0]!.publicKey));
    expect(id).toBe("21fe31dfa154a261");
  });
});

describe("native key cache", () => {
  it("notices a seed array reused for another key", () => {
    const seed = new Uint8Array(32).fill(1);
    const message = new Uint8Array([1, 2, 3]);
    const first = signEd25519(seed, message);
    seed.fill(2);
    const second = signEd25519(seed, message);
    const previous = setCryptoBackend(nobleBackend);
    try {
      expect(formatHex(second)).toBe(formatHex(signEd25519(new Uint8Array(32).fill(2), message)));
      expect(formatHex(first)).not.toBe(formatHex(second));
    } finally {
      setCryptoBackend(previous);
    }
  });
});

describe("backend detection", () => {
  it("falls back to @noble where there is no node:crypto (a browser)", () => {
    expect(detectBackend({}).name).toBe("noble");
    expect(detectBackend({ process: {} }).name).toBe("noble");
    expect(detectBackend({ process: { getBuiltinModule: () => undefined } }).name).toBe("noble");
    expect(detectBackend().name).toBe("node:crypto");
  });

  it("never throws from verify, whatever the bytes", () => {
    for (const backend of [nobleBackend, getCryptoBackend()]) {
      expect(backend.ed25519Verify(new Uint8Array(5), new Uint8Array(), new Uint8Array(64))).toBe(false);
      expect(backend.ed25519Verify(new Uint8Array(32), new Uint8Array(), new Uint8Array(7))).toBe(false);
    }
  });
});
