import { describe, expect, it } from "vitest";
import * as fc from "fast-check";
import {
  concatBytes,
  equalBytes,
  formatBase64,
  formatHex,
  parseBase64,
  parseHex,
  parseUtf8,
  utf8,
} from "./bytes";
import { IsnadError, isIsnadError } from "./errors";

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isIsnadError(e) ? e.code : "not an IsnadError";
  }
  return undefined;
}

describe("base64 (RFC 4648 §4)", () => {
  // RFC 4648 §10 test vectors.
  it.each([
    ["", ""],
    ["f", "Zg=="],
    ["fo", "Zm8="],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg=="],
    ["fooba", "Zm9vYmE="],
    ["foobar", "Zm9vYmFy"],
  ])("%j ↔ %j", (plain, encoded) => {
    expect(formatBase64(utf8(plain))).toBe(encoded);
    expect(parseUtf8(parseBase64(encoded))).toBe(plain);
  });

  it("round-trips random bytes and agrees with Node's encoder", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = formatBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64"));
        expect(equalBytes(parseBase64(text), bytes)).toBe(true);
      }),
    );
  });

  it.each(["Zg", "Zg=", "Zh==", "Zm9v\n", "Zm 9v", "Z===", "Zm9-", "====", "Zm9vYg=a"])(
    "rejects non-canonical %j",
    (text) => expect(codeOf(() => parseBase64(text))).toBe("INVALID_ENCODING"),
  );

  it("checks the decoded length when asked", () => {
    expect(parseBase64("Zm9v", 3)).toHaveLength(3);
    expect(codeOf(() => parseBase64("Zm9v", 32))).toBe("INVALID_ENCODING");
  });
});

describe("hex", () => {
  it("round-trips and accepts upper case", () => {
    expect(formatHex(Uint8Array.of(0, 15, 255))).toBe("000fff");
    expect(parseHex("000FfF")).toEqual(Uint8Array.of(0, 15, 255));
  });
  it.each(["0", "0g", " 00", "zz"])("rejects %j", (text) =>
    expect(codeOf(() => parseHex(text))).toBe("INVALID_ENCODING"),
  );
  it("checks the length when asked", () => {
    expect(codeOf(() => parseHex("00", 2))).toBe("INVALID_ENCODING");
    expect(parseHex("0000", 2)).toHaveLength(2);
  });
});

describe("utf8", () => {
  it("rejects malformed UTF-8 instead of substituting U+FFFD", () => {
    expect(codeOf(() => parseUtf8(Uint8Array.of(0xc3, 0x28)))).toBe("INVALID_ENCODING");
    expect(codeOf(() => parseUtf8(Uint8Array.of(0xed, 0xa0, 0x80)))).toBe("INVALID_ENCODING"); // a surrogate
  });
  it("keeps a leading BOM (the caller decides what it means)", () => {
    expect(parseUtf8(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe("\ufeffa");
  });
});

describe("concat and equal", () => {
  it("concatenates in order", () => {
    expect(concatBytes(Uint8Array.of(1), new Uint8Array(), Uint8Array.of(2, 3))).toEqual(
      Uint8Array.of(1, 2, 3),
    );
  });
  it("compares length and content", () => {
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(equalBytes(Uint8Array.of(1), Uint8Array.of(1, 2))).toBe(false);
  });
});

describe("IsnadError", () => {
  it("carries a code and a cause, and is recognised by code", () => {
    const cause = new SyntaxError("x");
    const e = new IsnadError("INVALID_JSON", "bad", { cause });
    expect(e.cause).toBe(cause);
    expect(e.name).toBe("IsnadError");
    expect(isIsnadError(e, "INVALID_JSON")).toBe(true);
    expect(isIsnadError(e, "INVALID_KEY")).toBe(false);
    expect(isIsnadError(new Error("x"))).toBe(false);
  });
});
