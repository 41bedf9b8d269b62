/**
 * UTF-8 byte offsets of UTF-16 offsets in a string, without encoding it: the quote index stores
 * both, so that a quote can read a byte range of a stored text (S3 Range, RFC 9110 §14) and still
 * report offsets in UTF-16 code units, the unit of every offset in the API.
 */

/** UTF-8 length of one UTF-16 unit at `i` (a surrogate pair counts 4 on its high half, 0 on its low). */
function unitBytes(text: string, i: number): number {
  const u = text.charCodeAt(i);
  if (u < 0x80) return 1;
  if (u < 0x800) return 2;
  if (u >= 0xd800 && u <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff ? 4 : 3;
  }
  if (u >= 0xdc00 && u <= 0xdfff) {
    const prev = text.charCodeAt(i - 1);
    return prev >= 0xd800 && prev <= 0xdbff ? 0 : 3; // a lone surrogate encodes as U+FFFD
  }
  return 3;
}

/** The byte offsets of the ascending UTF-16 `offsets` in `text`, in one pass. */
export function utf8Offsets(text: string, offsets: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let bytes = 0;
  for (const at of offsets) {
    for (; i < at; i++) bytes += unitBytes(text, i);
    out.push(bytes);
  }
  return out;
}
