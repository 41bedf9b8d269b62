import { describe, expect, it } from "vitest";
import { formatEntryBundlePath, formatTilePath, parseTilePath, type Tile } from "./tile-path";
import { expectIsnadError } from "./__fixtures__/expect-error";

const HASH_TILES: [string, Tile][] = [
  // The example of https://c2sp.org/tlog-tiles: index 1234067 is x001/x234/067.
  ["tile/0/x001/x234/067", { level: 0, index: 1234067, width: 256 }],
  ["tile/0/x001/x234/067.p/8", { level: 0, index: 1234067, width: 8 }],
  // Adapted from golang.org/x/mod/sumdb/tlog's tile path tests (C2SP drops the height element).
  ["tile/0/001", { level: 0, index: 1, width: 256 }],
  ["tile/0/001.p/5", { level: 0, index: 1, width: 5 }],
  ["tile/1/x123/x456/078", { level: 1, index: 123456078, width: 256 }],
  ["tile/1/x123/x456/078.p/2", { level: 1, index: 123456078, width: 2 }],
  ["tile/0/x003/x057/500", { level: 0, index: 3057500, width: 256 }],
  ["tile/0/000", { level: 0, index: 0, width: 256 }],
  ["tile/0/999.p/255", { level: 0, index: 999, width: 255 }],
  ["tile/1/x001/000.p/1", { level: 1, index: 1000, width: 1 }],
  ["tile/6/000.p/1", { level: 6, index: 0, width: 1 }],
  ["tile/0/x137/x438/x953/471", { level: 0, index: 137438953471, width: 256 }],
];

describe("tlog-tiles paths", () => {
  it.each(HASH_TILES)("%s is tile %j", (path, tile) => {
    expect(formatTilePath(tile)).toBe(path);
    expect(parseTilePath(path)).toEqual({ kind: "hashes", tile });
  });

  it("formats and parses entry bundle paths", () => {
    expect(formatEntryBundlePath({ index: 1234067, width: 256 })).toBe("tile/entries/x001/x234/067");
    expect(formatEntryBundlePath({ index: 0, width: 17 })).toBe("tile/entries/000.p/17");
    expect(parseTilePath("tile/entries/x001/x234/067")).toEqual({
      kind: "entries",
      bundle: { index: 1234067, width: 256 },
    });
    expect(parseTilePath("tile/entries/000.p/17")).toEqual({
      kind: "entries",
      bundle: { index: 0, width: 17 },
    });
  });

  it.each([
    ["a leading slash", "/tile/0/000", /not of the form/],
    ["a trailing slash", "tile/0/000/", /not of the form/],
    ["a doubled slash", "tile/0//000", /not of the form/],
    ["a dot segment", "tile/0/../000", /not of the form/],
    ["an encoded dot", "tile/0/%2e%2e/000", /not of the form/],
    ["a backslash", "tile\\0\\000", /not of the form/],
    ["whitespace", "tile/0/000 ", /not of the form/],
    ["no tile prefix", "tiles/0/000", /not of the form/],
    ["the Go height element", "tile/8/0/000", /not of the form/],
    ["a negative level", "tile/-1/000", /not of the form/],
    ["a zero-padded level", "tile/01/000", /not of the form/],
    ["level 64", "tile/64/000", /level 64 is not in 0\.\.63/],
    ["a level no JavaScript tree reaches", "tile/7/000", /beyond any tree/],
    ["a short group", "tile/0/67", /not of the form/],
    ["a long group", "tile/0/0067", /not of the form/],
    ["an unprefixed inner group", "tile/0/001/234", /not of the form/],
    ["a prefixed last group", "tile/0/x001", /not of the form/],
    ["a leading x000 group", "tile/0/x000/067", /not canonical \(expected tile\/0\/067\)/],
    ["an uppercase X", "tile/0/X001/067", /not of the form/],
    ["a width of 0", "tile/0/000.p/0", /width 0 is not in 1\.\.256/],
    ["a zero-padded width", "tile/0/000.p/05", /not canonical/],
    ["a width of 256", "tile/0/000.p/256", /not canonical \(expected tile\/0\/000\)/],
    ["a width over 256", "tile/0/000.p/300", /width 300/],
    ["a 4-digit width", "tile/0/000.p/1000", /not of the form/],
    ["a .p without width", "tile/0/000.p", /not of the form/],
    ["a .p on entries level", "tile/entries.p/000", /not of the form/],
    ["a huge index", "tile/0/x999/x999/x999/x999/x999/x999/999", /too large/],
    ["an index past 2^53", "tile/0/x999/x999/x999/x999/999", /beyond any tree/],
    ["an index past 2^53 at level 1", "tile/1/x200/x000/x000/000", /beyond any tree/],
    ["a very long path", `tile/0/${"x000/".repeat(20)}000`, /too long/],
    ["an empty string", "", /not of the form/],
  ])("rejects %s", (_name, path, message) => {
    expectIsnadError(() => parseTilePath(path), "INVALID_TILE", message);
  });

  it("rejects non-strings", () => {
    expectIsnadError(() => parseTilePath(42 as never), "INVALID_TILE", /not a string/);
  });

  it("refuses to format tiles that do not exist", () => {
    expectIsnadError(() => formatTilePath({ level: 0, index: 0, width: 0 }), "INVALID_ARGUMENT", /width 0/);
    expectIsnadError(
      () => formatTilePath({ level: 0, index: 0, width: 257 }),
      "INVALID_ARGUMENT",
      /width 257/,
    );
    expectIsnadError(() => formatTilePath({ level: 0, index: -1, width: 1 }), "INVALID_ARGUMENT", /index -1/);
    expectIsnadError(
      () => formatTilePath({ level: 1.5, index: 0, width: 1 }),
      "INVALID_ARGUMENT",
      /level 1.5/,
    );
    expectIsnadError(() => formatTilePath({ level: 7, index: 0, width: 1 }), "INVALID_ARGUMENT", /beyond/);
    expectIsnadError(() => formatEntryBundlePath({ index: 2 ** 50, width: 1 }), "INVALID_ARGUMENT", /beyond/);
  });
});
