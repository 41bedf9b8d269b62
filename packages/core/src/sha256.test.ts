import { describe, expect, it } from "vitest";
import { sha256, sha256Hex, createSha256, sha256Stream } from "./sha256";
import { nobleBackend, setCryptoBackend, getCryptoBackend } from "./crypto-backend";
import { utf8, formatHex } from "./bytes";
import { BACKENDS, withBackend } from "./__fixtures__/backends";

// FIPS 180-2 Appendix B examples.
const VECTORS: [string, string][] = [
  ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  [
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  ],
];

describe.each(BACKENDS)("sha256 (%s backend)", (_name, backend) => {
  const run = <T>(f: () => T): T => withBackend(backend, f);

  it.each(VECTORS)("hashes %j as in FIPS 180-2", (input, hex) => {
    expect(run(() => sha256Hex(utf8(input)))).toBe(hex);
  });

  it("hashes one million 'a' (FIPS 180-2 B.3) incrementally, in uneven chunks", () => {
    const digest = run(() => {
      const h = createSha256();
      const chunk = utf8("a".repeat(9999));
      let left = 1_000_000;
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        h.update(chunk.subarray(0, n));
        left -= n;
      }
      return h.digest();
    });
    expect(formatHex(digest)).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });

  it("concatenates its arguments", () => {
    expect(run(() => sha256Hex(utf8("a"), utf8("bc")))).toBe(VECTORS[1]![1]);
  });
});

describe("sha256Stream", () => {
  it("hashes an async iterable and counts its bytes", async () => {
    async function* chunks() {
      yield utf8("a");
      yield utf8("");
      yield utf8("bc");
    }
    const { digest, size } = await sha256Stream(chunks());
    expect(formatHex(digest)).toBe(VECTORS[1]![1]);
    expect(size).toBe(3);
  });

  it("agrees with one-shot hashing on random data across backends", () => {
    const data = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) & 255);
    const native = sha256(data);
    const previous = setCryptoBackend(nobleBackend);
    const noble = sha256(data);
    setCryptoBackend(previous);
    expect(formatHex(native)).toBe(formatHex(noble));
  });
});

describe("backend detection", () => {
  it("uses node:crypto on Node", () => {
    expect(getCryptoBackend().name).toBe("node:crypto");
  });
});
