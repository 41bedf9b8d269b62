import { describe, expect, it } from "vitest";
import { parseHex } from "@isnad/core";
import { CborMap, CborTag, encodeCbor } from "./cbor";
import { decodeCbor, DecodedTag, MAX_CBOR_DEPTH, MAX_CBOR_ITEMS } from "./cbor-decode";
import { CoseError } from "./cose-error";

const hex = (h: string) => parseHex(h);

function malformed(bytes: Uint8Array, why: RegExp): void {
  let caught: unknown;
  try {
    decodeCbor(bytes);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CoseError);
  expect((caught as CoseError).code).toBe("MALFORMED");
  expect((caught as CoseError).message).toMatch(why);
}

describe("decodeCbor", () => {
  it("reads RFC 8949 Appendix A examples", () => {
    const cases: [string, unknown][] = [
      ["00", 0],
      ["17", 23],
      ["1818", 24],
      ["1903e8", 1000],
      ["1a000f4240", 1000000],
      ["1b001fffffffffffff", Number.MAX_SAFE_INTEGER],
      ["20", -1],
      ["3903e7", -1000],
      ["f93e00", 1.5],
      ["f97c00", Infinity],
      ["f90001", 5.960464477539063e-8],
      ["fa47c35000", 100000],
      ["fb3ff199999999999a", 1.1],
      ["f4", false],
      ["f5", true],
      ["f6", null],
      ["f7", undefined],
      ["6449455446", "IETF"],
      ["62c3bc", "\u00fc"],
      ["4401020304", Uint8Array.of(1, 2, 3, 4)],
      ["8301820203820405", [1, [2, 3], [4, 5]]],
    ];
    for (const [bytes, value] of cases) expect(decodeCbor(hex(bytes))).toEqual(value);
    expect(Number.isNaN(decodeCbor(hex("f97e00")))).toBe(true);
    expect(decodeCbor(hex("f9c400"))).toBe(-4);
  });

  it("reads back what encodeCbor writes: maps as Maps, tags as DecodedTag, bytes as plain Uint8Array copies", () => {
    const value = new CborTag(18, [
      new CborMap([
        [1, -8],
        [4, Uint8Array.of(9, 9)],
        ["k", "بيان"],
      ]),
      [0, 23, 24, 255, 256, 65535, 65536, 2 ** 32, -1, -25, -257],
      null,
      true,
    ]);
    const bytes = encodeCbor(value);
    const decoded = decodeCbor(bytes);
    expect(decoded).toBeInstanceOf(DecodedTag);
    const [map, ints, nil, yes] = (decoded as DecodedTag).value as unknown[];
    expect(map).toEqual(
      new Map<number | string, unknown>([
        [1, -8],
        [4, Uint8Array.of(9, 9)],
        ["k", "بيان"],
      ]),
    );
    expect((map as Map<number, Uint8Array>).get(4)!.buffer).not.toBe(bytes.buffer);
    expect(ints).toEqual([0, 23, 24, 255, 256, 65535, 65536, 2 ** 32, -1, -25, -257]);
    expect([nil, yes]).toEqual([null, true]);
  });

  it("refuses what is not well-formed, or not accepted, with MALFORMED", () => {
    malformed(hex(""), /truncated/);
    malformed(hex("4201"), /truncated/);
    malformed(hex("0001"), /trailing/);
    malformed(hex("5f42010243030405ff"), /indefinite/);
    malformed(hex("9f01ff"), /indefinite/);
    malformed(hex("1c"), /reserved/);
    malformed(hex("ff"), /break/);
    malformed(hex("e0"), /simple/);
    malformed(hex("62fffe"), /UTF-8/);
    malformed(hex("1bffffffffffffffff"), /2\^53/);
    malformed(hex("a201020103"), /repeated map key/);
    malformed(hex("a1810102"), /map key/);
  });

  it("checks declared lengths against the input before reading or allocating", () => {
    malformed(hex("9b00000000ffffffff00"), /array longer than its input/);
    malformed(hex("bb00000000ffffffff00"), /map longer than its input/);
    malformed(hex("5b00000000ffffffff00"), /truncated/);
    malformed(hex("7a7fffffff61"), /truncated/);
  });

  it(`caps nesting at ${MAX_CBOR_DEPTH}`, () => {
    const nested = (depth: number) => new Uint8Array([...new Array<number>(depth).fill(0x81), 0x00]);
    expect(() => decodeCbor(nested(MAX_CBOR_DEPTH))).not.toThrow();
    malformed(nested(MAX_CBOR_DEPTH + 1), /nested deeper/);
    // Tags nest too: 100,000 tags deep is refused at once, not a stack overflow.
    malformed(new Uint8Array([...new Array<number>(100_000).fill(0xc1), 0x00]), /nested deeper/);
  });

  it(`decodes at most ${MAX_CBOR_ITEMS} items, however small they are`, () => {
    const items = (n: number) => encodeCbor(new Array<number>(n).fill(0));
    expect(decodeCbor(items(MAX_CBOR_ITEMS - 1))).toHaveLength(MAX_CBOR_ITEMS - 1);
    malformed(items(MAX_CBOR_ITEMS), /more than/);
    // 10 MiB of zeros declared as one array: refused after MAX_CBOR_ITEMS, not read to the end.
    const huge = new Uint8Array(10 * 1024 * 1024 + 5);
    huge.set([0x9a, 0x00, 0xa0, 0x00, 0x00]);
    malformed(huge, /more than/);
  });
});
