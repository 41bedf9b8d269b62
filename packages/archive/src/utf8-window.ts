/**
 * A byte range cut out of a UTF-8 text at arbitrary offsets (a window of a long stored text,
 * quote-texts.ts): decoded without the partial characters at its two ends, and placed back in
 * the text's UTF-16 offsets, the unit of every offset in the API.
 */

/** Bytes at the start of a range that continue a character begun before it (UTF-8 10xxxxxx). */
export function leadingContinuation(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && i < 3 && (bytes[i]! & 0xc0) === 0x80) i++;
  return i;
}

/** A byte range of UTF-8 text as a string, without the partial characters at its two ends. */
export function decodeWindow(bytes: Uint8Array): string {
  let end = bytes.length;
  // Back off over an incomplete last character: find its lead byte and check its length.
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = bytes[end - k]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > k) end -= k;
    break;
  }
  return new TextDecoder().decode(bytes.subarray(leadingContinuation(bytes), end));
}

/** UTF-16 length of the first `bytes` UTF-8 bytes of `text`. */
export function utf16Length(text: string, bytes: number): number {
  let i = 0;
  let b = 0;
  while (i < text.length && b < bytes) {
    const u = text.charCodeAt(i);
    if (u < 0x80) b += 1;
    else if (u < 0x800) b += 2;
    else if (u >= 0xd800 && u <= 0xdbff) {
      b += 4;
      i++;
    } else b += 3;
    i++;
  }
  return i;
}
