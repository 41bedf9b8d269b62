/**
 * C2SP tlog-tiles entry bundles (https://c2sp.org/tlog-tiles, "Log entries"): the entries under
 * one level-0 tile, each as a big-endian uint16 length followed by that many bytes, back to back.
 * The i-th entry of bundle N hashes (RFC 6962 leaf hash) to the i-th hash of level-0 tile N.
 */
import { IsnadError } from "./errors";
import { TILE_WIDTH } from "./tile-path";

/** The largest entry a bundle can carry: the length prefix is a uint16. */
export const MAX_BUNDLE_ENTRY_SIZE = 0xffff;

export function formatEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  // tlog-tiles: bundles hold 1..256 entries ("Empty tiles MUST NOT be served").
  if (entries.length < 1 || entries.length > TILE_WIDTH) {
    throw new IsnadError(
      "INVALID_ARGUMENT",
      `an entry bundle holds 1 to ${TILE_WIDTH} entries, not ${entries.length}`,
    );
  }
  let size = 0;
  for (const [i, entry] of entries.entries()) {
    if (entry.length > MAX_BUNDLE_ENTRY_SIZE) {
      throw new IsnadError(
        "INVALID_ARGUMENT",
        `entry ${i} is ${entry.length} bytes, over ${MAX_BUNDLE_ENTRY_SIZE}`,
      );
    }
    size += 2 + entry.length;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const entry of entries) {
    out[offset] = entry.length >> 8;
    out[offset + 1] = entry.length & 0xff;
    out.set(entry, offset + 2);
    offset += 2 + entry.length;
  }
  return out;
}

/**
 * Splits a bundle into its entries (copies). Strict: the bundle must end exactly after its last
 * entry, hold 1..256 entries, and, when `width` is given (the W of the bundle's path, 256 for a
 * full bundle), exactly `width` of them.
 */
export function parseEntryBundle(bundle: Uint8Array, width?: number): Uint8Array[] {
  const fail = (why: string): never => {
    throw new IsnadError("INVALID_TILE", `invalid entry bundle: ${why}`);
  };
  if (!(bundle instanceof Uint8Array)) fail("not bytes");
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < bundle.length) {
    if (entries.length === TILE_WIDTH) fail(`more than ${TILE_WIDTH} entries`);
    if (offset + 2 > bundle.length) fail(`truncated length prefix at byte ${offset}`);
    const length = (bundle[offset]! << 8) | bundle[offset + 1]!;
    const end = offset + 2 + length;
    if (end > bundle.length)
      fail(`entry ${entries.length} needs ${length} bytes, ${bundle.length - offset - 2} left`);
    entries.push(bundle.slice(offset + 2, end));
    offset = end;
  }
  if (entries.length === 0) fail("no entries");
  if (width !== undefined && entries.length !== width) fail(`${entries.length} entries, expected ${width}`);
  return entries;
}
