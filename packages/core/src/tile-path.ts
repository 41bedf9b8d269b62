/**
 * C2SP tlog-tiles resource paths (https://c2sp.org/tlog-tiles, "Merkle Tree" and "Log entries"):
 *
 *     tile/<L>/<N>[.p/<W>]        hash tiles: level L (0–63), tile number N, partial width W (1–255)
 *     tile/entries/<N>[.p/<W>]    entry bundles
 *
 * N is written in zero-padded 3-digit groups, all but the last prefixed with "x" (1234067 →
 * x001/x234/067). Each resource has exactly one path: parsing rejects every other spelling
 * (leading zeros, x000 groups, ".p/256", "..", doubled or trailing slashes), so a path can be used
 * as a storage key or a cache key without normalization.
 */
import { IsnadError } from "./errors";
import { isIndex } from "./tree-math";

/** Every tile spans 8 levels of the tree (tlog-tiles fixes the height). */
export const TILE_HEIGHT = 8;
/** Hashes in a full tile, entries in a full bundle: 2^TILE_HEIGHT. */
export const TILE_WIDTH = 256;

/** A hash tile: the `index`-th tile at tile level `level`, holding `width` hashes (256 = full). */
export interface Tile {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** An entry bundle: the entries under the `index`-th level-0 tile, `width` of them (256 = full). */
export interface EntryBundleTile {
  readonly index: number;
  readonly width: number;
}

export type ParsedTilePath =
  | { readonly kind: "hashes"; readonly tile: Tile }
  | { readonly kind: "entries"; readonly bundle: EntryBundleTile };

const MAX_TILE_LEVEL = 63;

/**
 * Why a tile cannot exist, or undefined if it can. Beyond the spec's ranges, a tile must occur in
 * some tree of at most 2^53 − 1 leaves (the largest size a JavaScript number counts exactly): its
 * last hash covers leaves up to (index·256 + width)·256^level.
 */
function tileProblem(level: number, index: number, width: number): string | undefined {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL)
    return `tile level ${level} is not in 0..63`;
  if (!isIndex(index)) return `tile index ${index} is not a non-negative safe integer`;
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH)
    return `tile width ${width} is not in 1..256`;
  if ((index * TILE_WIDTH + width) * TILE_WIDTH ** level > Number.MAX_SAFE_INTEGER) {
    return `tile ${level}/${index} lies beyond any tree of at most 2^53 - 1 entries`;
  }
  return undefined;
}

function formatIndexAndWidth(index: number, width: number): string {
  const digits = String(index);
  const padded = digits.padStart(Math.ceil(digits.length / 3) * 3, "0");
  const groups = padded.match(/\d{3}/g)!;
  const last = groups.pop()!;
  const n = groups.map((g) => `x${g}/`).join("") + last;
  return width === TILE_WIDTH ? n : `${n}.p/${width}`;
}

export function formatTilePath(tile: Tile): string {
  const problem = tileProblem(tile.level, tile.index, tile.width);
  if (problem !== undefined) throw new IsnadError("INVALID_ARGUMENT", problem);
  return `tile/${tile.level}/${formatIndexAndWidth(tile.index, tile.width)}`;
}

export function formatEntryBundlePath(bundle: EntryBundleTile): string {
  const problem = tileProblem(0, bundle.index, bundle.width);
  if (problem !== undefined) throw new IsnadError("INVALID_ARGUMENT", problem);
  return `tile/entries/${formatIndexAndWidth(bundle.index, bundle.width)}`;
}

const MAX_PATH_LENGTH = 64; // far above the longest canonical path (about 40 characters)
const PATH = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*)([0-9]{3})(?:\.p\/([0-9]{1,3}))?$/;

function invalid(path: string, why: string): IsnadError {
  return new IsnadError(
    "INVALID_TILE",
    `invalid tile path ${JSON.stringify(path.slice(0, MAX_PATH_LENGTH))}: ${why}`,
  );
}

/** Parses a path relative to the log prefix, e.g. "tile/0/x001/234.p/7" (no leading slash). */
export function parseTilePath(path: string): ParsedTilePath {
  if (typeof path !== "string") throw invalid(String(path), "not a string");
  if (path.length > MAX_PATH_LENGTH) throw invalid(path, "too long");
  const m = PATH.exec(path);
  if (m === null) throw invalid(path, "not of the form tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]");
  const [, levelText, prefixGroups, lastGroup, widthText] = m as unknown as [
    string,
    string,
    string,
    string,
    string?,
  ];
  const digits = prefixGroups.replaceAll("x", "").replaceAll("/", "") + lastGroup;
  if (digits.length > 18) throw invalid(path, "tile index too large");
  const index = Number(digits);
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  const entries = levelText === "entries";
  const level = entries ? 0 : Number(levelText);
  const problem = tileProblem(level, index, width);
  if (problem !== undefined) throw invalid(path, problem);
  // The regular expression admits a few non-canonical spellings (x000 groups, a zero-padded or
  // 256 width); the one canonical text is the formatted one.
  const canonical = entries
    ? formatEntryBundlePath({ index, width })
    : formatTilePath({ level, index, width });
  if (canonical !== path) throw invalid(path, `not canonical (expected ${canonical})`);
  return entries
    ? { kind: "entries", bundle: { index, width } }
    : { kind: "hashes", tile: { level, index, width } };
}
