import { describe, expect, it } from "vitest";
import { formatHex, utf8 } from "./bytes";
import { MAX_BUNDLE_ENTRY_SIZE, formatEntryBundle, parseEntryBundle } from "./entry-bundle";
import { expectIsnadError } from "./__fixtures__/expect-error";

describe("entry bundles", () => {
  it("writes each entry as a big-endian uint16 length and its bytes", () => {
    const bundle = formatEntryBundle([utf8("ab"), new Uint8Array(0), new Uint8Array(0x1234).fill(9)]);
    expect(formatHex(bundle.subarray(0, 6))).toBe("000261620000");
    expect(formatHex(bundle.subarray(6, 9))).toBe("123409");
    expect(bundle).toHaveLength(2 + 2 + 2 + 2 + 0x1234);
    expect(parseEntryBundle(bundle, 3)).toEqual([
      utf8("ab"),
      new Uint8Array(0),
      new Uint8Array(0x1234).fill(9),
    ]);
  });

  it("round-trips a full bundle of 256 entries and the largest entry", () => {
    const entries = Array.from({ length: 256 }, (_, i) => utf8(`entry ${i}`));
    expect(parseEntryBundle(formatEntryBundle(entries), 256)).toEqual(entries);
    const largest = new Uint8Array(MAX_BUNDLE_ENTRY_SIZE).fill(1);
    expect(parseEntryBundle(formatEntryBundle([largest]))).toEqual([largest]);
  });

  it("returns copies, not views of the bundle", () => {
    const bundle = formatEntryBundle([utf8("x")]);
    const [entry] = parseEntryBundle(bundle);
    bundle[2] = 0x79;
    expect(entry).toEqual(utf8("x"));
  });

  it("refuses to format bundles the format cannot carry", () => {
    expectIsnadError(() => formatEntryBundle([]), "INVALID_ARGUMENT", /1 to 256 entries, not 0/);
    const many = Array.from({ length: 257 }, () => new Uint8Array(1));
    expectIsnadError(() => formatEntryBundle(many), "INVALID_ARGUMENT", /not 257/);
    const big = new Uint8Array(MAX_BUNDLE_ENTRY_SIZE + 1);
    expectIsnadError(() => formatEntryBundle([utf8("a"), big]), "INVALID_ARGUMENT", /entry 1 is 65536 bytes/);
  });

  it.each([
    ["an empty bundle", new Uint8Array(0), undefined, /no entries/],
    ["a truncated length", Uint8Array.of(0, 1, 0x61, 0), undefined, /truncated length prefix at byte 3/],
    ["a truncated entry", Uint8Array.of(0, 3, 0x61, 0x62), undefined, /entry 0 needs 3 bytes, 2 left/],
    ["a count other than the width", Uint8Array.of(0, 1, 0x61), 2, /1 entries, expected 2/],
    ["more than 256 entries", new Uint8Array(2 * 257), undefined, /more than 256 entries/],
    ["non-bytes", "abc" as unknown as Uint8Array, undefined, /not bytes/],
  ])("rejects %s", (_name, bytes, width, message) => {
    expectIsnadError(() => parseEntryBundle(bytes, width), "INVALID_TILE", message);
  });
});
