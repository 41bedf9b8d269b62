/**
 * A strict, bounded CBOR (RFC 8949) decoder for what clients send: Signed Statements (COSE_Sign1)
 * and their headers. Hostile input gives a CoseError("MALFORMED"), never a RangeError or a huge
 * allocation: every declared length is checked against the bytes that remain before anything is
 * read or allocated (an item takes at least one byte), and nesting and the number of items are
 * capped (MAX_CBOR_DEPTH, MAX_CBOR_ITEMS).
 *
 * Decoded as: unsigned/negative integers → number (beyond 2^53 → MALFORMED: no COSE label or
 * claim needs them), byte strings → Uint8Array (a copy, never a Buffer), text → string (UTF-8,
 * fatal), arrays → arrays, maps → Map (integer or text keys only; a repeated key is MALFORMED,
 * RFC 9052 §3 demands unique labels), tags → DecodedTag, false/true/null/undefined, floats → number.
 * Indefinite lengths (§3.2.2–3.2.3) are refused: COSE structures are definite-length in practice
 * and refusing them keeps the decoder linear and simple.
 */
import { CoseError } from "./cose-error";

/** A decoded CBOR item: what encodeCbor writes, plus what a client may send. */
export type DecodedCbor =
  | number
  | boolean
  | null
  | undefined
  | Uint8Array
  | string
  | DecodedCbor[]
  | Map<number | string, DecodedCbor>
  | DecodedTag;

/** A tagged item (§3.4), e.g. tag 18 around a COSE_Sign1. */
export class DecodedTag {
  constructor(
    readonly tag: number,
    readonly value: DecodedCbor,
  ) {}
}

export const MAX_CBOR_DEPTH = 32;
/**
 * Items decoded at most per call: a COSE_Sign1's headers hold a few dozen, while 25 MiB of
 * one-byte items would otherwise become a JavaScript array or Map of 25 million values.
 */
export const MAX_CBOR_ITEMS = 4_096;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function malformed(why: string): never {
  throw new CoseError("MALFORMED", `not well-formed CBOR: ${why}`);
}

class Reader {
  at = 0;
  items = 0;
  constructor(readonly bytes: Uint8Array) {}

  remaining(): number {
    return this.bytes.length - this.at;
  }

  take(n: number): Uint8Array {
    if (n > this.remaining()) malformed("truncated");
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  /** The argument of an item head (§3): the value, or a length, or a tag number. */
  argument(info: number): number {
    if (info < 24) return info;
    if (info === 24) return this.take(1)[0]!;
    if (info === 25) return new DataView(copy(this.take(2)).buffer).getUint16(0);
    if (info === 26) return new DataView(copy(this.take(4)).buffer).getUint32(0);
    if (info === 27) {
      const value = new DataView(copy(this.take(8)).buffer).getBigUint64(0);
      if (value > BigInt(Number.MAX_SAFE_INTEGER)) malformed("an integer beyond 2^53");
      return Number(value);
    }
    if (info === 31) malformed("indefinite lengths are not accepted");
    return malformed(`reserved additional information ${info}`);
  }
}

function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(bytes);
}

/** Decodes exactly one CBOR item filling all of `bytes`; trailing bytes are MALFORMED. */
export function decodeCbor(bytes: Uint8Array): DecodedCbor {
  const reader = new Reader(bytes);
  const value = item(reader, 0);
  if (reader.remaining() !== 0) malformed("trailing bytes after the item");
  return value;
}

function item(r: Reader, depth: number): DecodedCbor {
  if (depth > MAX_CBOR_DEPTH) malformed(`nested deeper than ${MAX_CBOR_DEPTH}`);
  if (++r.items > MAX_CBOR_ITEMS) malformed(`more than ${MAX_CBOR_ITEMS} items`);
  const initial = r.take(1)[0]!;
  const major = initial >> 5;
  const info = initial & 0x1f;
  if (major === 7) return simple(r, info);
  const n = r.argument(info);
  switch (major) {
    case 0:
      return n;
    case 1:
      return -1 - n;
    case 2:
      return copy(r.take(n));
    case 3: {
      const bytes = r.take(n);
      try {
        return utf8.decode(bytes);
      } catch {
        return malformed("a text string that is not UTF-8");
      }
    }
    case 4: {
      if (n > r.remaining()) malformed("an array longer than its input");
      const out: DecodedCbor[] = [];
      for (let i = 0; i < n; i++) out.push(item(r, depth + 1));
      return out;
    }
    case 5: {
      if (2 * n > r.remaining()) malformed("a map longer than its input");
      const out = new Map<number | string, DecodedCbor>();
      for (let i = 0; i < n; i++) {
        const key = item(r, depth + 1);
        if (typeof key !== "number" && typeof key !== "string")
          malformed("a map key that is not an integer or text");
        if (out.has(key)) malformed(`a repeated map key ${JSON.stringify(key)}`);
        out.set(key, item(r, depth + 1));
      }
      return out;
    }
    default:
      // Major type 6: a tag and its content.
      return new DecodedTag(n, item(r, depth + 1));
  }
}

/** Major type 7 (§3.3): simple values and floats. */
function simple(r: Reader, info: number): DecodedCbor {
  if (info === 20) return false;
  if (info === 21) return true;
  if (info === 22) return null;
  if (info === 23) return undefined;
  if (info === 25) return halfFloat(copy(r.take(2)));
  if (info === 26) return new DataView(copy(r.take(4)).buffer).getFloat32(0);
  if (info === 27) return new DataView(copy(r.take(8)).buffer).getFloat64(0);
  if (info === 31) return malformed("a break outside an indefinite-length item");
  return malformed(`unassigned simple value ${info}`);
}

/** IEEE 754 binary16 (RFC 8949 Appendix D). */
function halfFloat(b: Uint8Array): number {
  const half = (b[0]! << 8) | b[1]!;
  const exp = (half >> 10) & 0x1f;
  const mant = half & 0x3ff;
  const value =
    exp === 0 ? mant * 2 ** -24 : exp !== 31 ? (mant + 1024) * 2 ** (exp - 25) : mant === 0 ? Infinity : NaN;
  return half & 0x8000 ? -value : value;
}
