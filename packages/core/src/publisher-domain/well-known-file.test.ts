import { describe, expect, it } from "vitest";
import { utf8 } from "../bytes";
import { ed25519KeyPair, generateEd25519Seed } from "../ed25519";
import { isIsnadError } from "../errors";
import {
  formatPublisherDomainFile,
  formatPublisherKey,
  formatPublisherKeyId,
  parsePublisherDomainFile,
  parsePublisherKey,
} from "./well-known-file";

const key = () => ed25519KeyPair(generateEd25519Seed()).publicKey;
const parse = (value: unknown) => parsePublisherDomainFile(utf8(JSON.stringify(value)));
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (isIsnadError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return "parsed";
};

describe("the well-known publisher file", () => {
  it("round-trips through its formatter, publisher id optional", () => {
    const keys = [key(), key()];
    const text = formatPublisherDomainFile({ domain: "press.example", publisher: "press", keys });
    expect(parsePublisherDomainFile(utf8(text))).toEqual({
      domain: "press.example",
      publisher: "press",
      keys,
    });
    const bare = parsePublisherDomainFile(utf8(formatPublisherDomainFile({ domain: "a.example", keys })));
    expect(bare).toEqual({ domain: "a.example", keys });
  });

  it("ignores unknown members", () => {
    const k = key();
    const file = parse({
      type: "isnad-publisher/v1",
      domain: "x.example",
      keys: [formatPublisherKey(k)],
      x: 1,
    });
    expect(file.keys).toEqual([k]);
  });

  it("refuses what is not exactly its shape, naming what is wrong", () => {
    const k = formatPublisherKey(key());
    const base = { type: "isnad-publisher/v1", domain: "press.example", keys: [k] };
    expect(code(() => parsePublisherDomainFile(utf8("{")))).toMatch(/^INVALID_JSON: .*not UTF-8 JSON/);
    expect(code(() => parsePublisherDomainFile(new Uint8Array([0xff, 0xfe])))).toMatch(/^INVALID_JSON/);
    expect(code(() => parse([base]))).toMatch(/not a JSON object/);
    expect(code(() => parse({ ...base, type: "v2" }))).toMatch(/"type"/);
    expect(code(() => parse({ ...base, domain: "Press.Example" }))).toMatch(/"domain"/);
    expect(code(() => parse({ ...base, domain: "localhost" }))).toMatch(/"domain"/);
    expect(code(() => parse({ ...base, publisher: "Not An Id" }))).toMatch(/"publisher"/);
    expect(code(() => parse({ ...base, keys: [] }))).toMatch(/1–16 keys/);
    expect(code(() => parse({ ...base, keys: Array(17).fill(k) }))).toMatch(/1–16 keys/);
    expect(code(() => parse({ ...base, keys: [k, k] }))).toMatch(/^INVALID_KEY: .*twice/);
    expect(code(() => parse({ ...base, keys: [7] }))).toMatch(/^INVALID_KEY/);
    expect(code(() => parse({ ...base, keys: ["ssh-ed25519 AAAA"] }))).toMatch(/^INVALID_KEY/);
    expect(code(() => parse({ ...base, keys: ["ed25519:AAAA"] }))).toMatch(/^INVALID_KEY/);
    expect(code(() => parsePublisherDomainFile(new Uint8Array(16 * 1024 + 1)))).toMatch(/at most 16384/);
  });

  it("writes keys as ed25519:<base64> and ids as ed25519:<16 hex>", () => {
    const k = new Uint8Array(32);
    expect(formatPublisherKey(k)).toBe("ed25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    expect(parsePublisherKey(formatPublisherKey(k))).toEqual(k);
    // SHA-256 of 32 zero bytes begins 66687aadf862bd77.
    expect(formatPublisherKeyId(k)).toBe("ed25519:66687aadf862bd77");
  });
});
