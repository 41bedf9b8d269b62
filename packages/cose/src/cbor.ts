/**
 * The small part of CBOR (RFC 8949) that COSE receipts and key sets need, encoded
 * deterministically (§4.2.1: shortest argument, definite lengths, map keys sorted by their
 * encoded bytes), so the same receipt always has the same bytes and its signature input is
 * well defined. Pure: Uint8Array only, no Buffer (a Buffer is not a byte string here).
 */

/** A CBOR value as this module writes it: integers, byte and text strings, arrays, int/text-keyed maps, tags, null, booleans. */
export type CborValue =
  number | boolean | Uint8Array | string | null | readonly CborValue[] | CborMap | CborTag;

/** A map; entries are written in deterministic (bytewise) key order whatever their order here. */
export class CborMap {
  constructor(readonly entries: readonly (readonly [number | string, CborValue])[]) {}
}

export class CborTag {
  constructor(
    readonly tag: number,
    readonly value: CborValue,
  ) {}
}

const encoder = new TextEncoder();

/** Deterministic encoding (RFC 8949 §4.2.1) of `value`. */
export function encodeCbor(value: CborValue): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  write(out, value);
  return Uint8Array.from(out);
}

function head(out: number[], major: number, n: number): void {
  // §3: the argument in the shortest form that holds it.
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`CBOR: argument ${n} out of range`);
  const m = major << 5;
  if (n < 24) out.push(m | n);
  else if (n < 0x100) out.push(m | 24, n);
  else if (n < 0x10000) out.push(m | 25, n >> 8, n & 0xff);
  else if (n < 0x100000000)
    out.push(m | 26, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  else {
    const hi = Math.floor(n / 0x100000000);
    const lo = n >>> 0;
    out.push(m | 27, (hi >>> 24) & 0xff, (hi >>> 16) & 0xff, (hi >>> 8) & 0xff, hi & 0xff);
    out.push((lo >>> 24) & 0xff, (lo >>> 16) & 0xff, (lo >>> 8) & 0xff, lo & 0xff);
  }
}

function write(out: number[], value: CborValue): void {
  if (value === null) out.push(0xf6);
  else if (typeof value === "boolean") out.push(value ? 0xf5 : 0xf4);
  else if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new RangeError(`CBOR: ${value} is not a safe integer`);
    if (value >= 0) head(out, 0, value);
    else head(out, 1, -1 - value);
  } else if (value instanceof Uint8Array) {
    head(out, 2, value.length);
    for (const b of value) out.push(b);
  } else if (typeof value === "string") {
    const bytes = encoder.encode(value);
    head(out, 3, bytes.length);
    for (const b of bytes) out.push(b);
  } else if (value instanceof CborTag) {
    head(out, 6, value.tag);
    write(out, value.value);
  } else if (value instanceof CborMap) {
    const encoded = value.entries.map(([k, v]) => [encodeCbor(k), encodeCbor(v)] as const);
    encoded.sort((a, b) => compareBytes(a[0], b[0]));
    for (let i = 1; i < encoded.length; i++) {
      if (compareBytes(encoded[i - 1]![0], encoded[i]![0]) === 0) throw new Error("CBOR: duplicate map key");
    }
    head(out, 5, encoded.length);
    for (const [k, v] of encoded) for (const b of [...k, ...v]) out.push(b);
  } else {
    head(out, 4, value.length);
    for (const item of value) write(out, item);
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
