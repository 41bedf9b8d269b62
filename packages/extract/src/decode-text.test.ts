import { describe, expect, it } from "vitest";
import { decodeText, encodingFor, looksLikeCp1256 } from "./decode-text";
import { encodeCp1256 } from "./testing/cp1256";
import { readSeed } from "./testing/seed";
import { ExtractionError } from "./types";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("decodeText", () => {
  it("decodes strict UTF-8, strips a BOM and turns CRLF and CR into LF", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("سطر\r\nline\rend\n")]);
    expect(decodeText(bytes)).toEqual({ text: "سطر\nline\nend\n", encoding: "utf-8", warnings: [] });
  });

  it("reads the seed statement unchanged", () => {
    const seed = readSeed();
    expect(decodeText(utf8(seed)).text).toBe(seed);
  });

  it("falls back to windows-1256 for legacy Arabic files, and says so", () => {
    const seed = readSeed();
    const decoded = decodeText(encodeCp1256(seed.replace(/\n/g, "\r\n")));
    expect(decoded.text).toBe(seed);
    expect(decoded.encoding).toBe("windows-1256");
    expect(decoded.warnings).toEqual(["not valid UTF-8: decoded as windows-1256 (legacy Arabic)"]);
  });

  it("honours a declared charset, and a BOM over it", () => {
    expect(decodeText(encodeCp1256("بيان"), "windows-1256")).toMatchObject({ text: "بيان", warnings: [] });
    expect(decodeText(encodeCp1256("بيان"), "cp1256").encoding).toBe("windows-1256");
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([0x628, 0x64a]).buffer)]);
    expect(decodeText(utf16, "windows-1256")).toMatchObject({ text: "بي", encoding: "utf-16le" });
    expect(decodeText(utf8("x"), "no-such-charset").warnings).toEqual([
      'unknown charset "no-such-charset" ignored',
    ]);
  });

  it("refuses invalid UTF-8 that is not Arabic (here cp1252 French)", () => {
    const french = new Uint8Array([...utf8("d"), 0xe9, ...utf8("clar"), 0xe9, ...utf8(" "), 0xab, 0xbb]);
    expect(() => decodeText(french)).toThrow(ExtractionError);
    expect(() => decodeText(french)).toThrow(/not valid UTF-8, and not recognisable as windows-1256/);
  });

  it("refuses binary data", () => {
    expect(() => decodeText(new Uint8Array([0x41, 0, 0x42]))).toThrow(/binary data/);
    expect(() => decodeText(utf8("\x01\x02\x03\x04 text"))).toThrow(/binary data/);
  });
});

describe("looksLikeCp1256 and encodingFor", () => {
  it("tells Arabic cp1256 from other legacy bytes", () => {
    expect(looksLikeCp1256(encodeCp1256("الائتلاف الوطني"))).toBe(true);
    expect(looksLikeCp1256(utf8("ascii only"))).toBe(false);
    expect(looksLikeCp1256(new Uint8Array([0xe9, 0xe8, 0xe0, 0xe7]))).toBe(false); // é è à ç
  });

  it("maps WHATWG labels to encoding names", () => {
    expect(encodingFor(" Windows-1256 ")).toBe("windows-1256");
    expect(encodingFor("latin1")).toBe("windows-1252");
    expect(encodingFor("nope")).toBeUndefined();
  });
});
