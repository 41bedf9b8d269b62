/**
 * The kind and pixel size of an image, read from its header alone: OCR bounds the pixel count
 * before any decoder sees the bytes, so a 30,000 × 30,000 PNG of a few kilobytes (an image bomb:
 * 2.7 GB once decoded) is refused in microseconds instead of exhausting the engine's memory.
 * Pure; a header that does not parse is "not this kind of image", never an exception.
 */
export const PNG = "image/png";
export const JPEG = "image/jpeg";
export const WEBP = "image/webp";
export const TIFF = "image/tiff";

export type ImageType = typeof PNG | typeof JPEG | typeof WEBP | typeof TIFF;

export interface ImageSize {
  type: ImageType;
  width: number;
  height: number;
  /** Images in the file (a multi-page TIFF holds several; the engine reads every one). */
  frames: number;
  /** Pixels over all frames: what decoding costs. */
  pixels: number;
}

/** The image type from the magic bytes alone, or undefined (a cheap test for the sniffer). */
export function imageTypeOf(bytes: Uint8Array): ImageType | undefined {
  const b = bytes;
  // PNG §5.2 signature; JPEG SOI (ITU T.81 B.1.1.3) followed by a marker; RIFF container with a
  // WEBP form type (RFC 9649 §2.5); TIFF 6.0 §2 byte order + 42.
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a)
    return PNG;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return JPEG;
  if (ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return WEBP;
  if (
    (b[0] === 0x49 && b[1] === 0x49 && b[2] === 42 && b[3] === 0) ||
    (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 42)
  )
    return TIFF;
  return undefined;
}

/** The header's size, or undefined when the bytes are no image of a known kind or it is unreadable. */
export function readImageSize(bytes: Uint8Array): ImageSize | undefined {
  const type = imageTypeOf(bytes);
  const dims =
    type === PNG
      ? pngSize(bytes)
      : type === JPEG
        ? jpegSize(bytes)
        : type === WEBP
          ? webpSize(bytes)
          : type === TIFF
            ? tiffSize(bytes)
            : undefined;
  if (!type || !dims || dims.width < 1 || dims.height < 1) return undefined;
  const frames = dims.frames ?? 1;
  return {
    type,
    width: dims.width,
    height: dims.height,
    frames,
    pixels: dims.pixels ?? dims.width * dims.height,
  };
}

interface Dims {
  width: number;
  height: number;
  frames?: number;
  pixels?: number;
}

const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

function ascii(b: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...b.subarray(at, at + length));
}

// PNG §11.2.2: IHDR is the first chunk; width and height are 4-byte big-endian at offsets 16, 20.
function pngSize(b: Uint8Array): Dims | undefined {
  if (b.length < 24 || ascii(b, 12, 4) !== "IHDR") return undefined;
  return { width: view(b).getUint32(16), height: view(b).getUint32(20) };
}

// ITU T.81 B.2.2: a frame header (SOF0–SOF15 except DHT C4, JPG C8, DAC CC) holds P, Y, X. Segments
// before it are skipped by their 2-byte lengths; at most the first 1 MiB is walked.
function jpegSize(b: Uint8Array): Dims | undefined {
  const v = view(b);
  let at = 2;
  const end = Math.min(b.length, 1 << 20);
  while (at + 9 < end) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte (B.1.1.2)
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      at += 2; // markers without a segment
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: v.getUint16(at + 5), width: v.getUint16(at + 7) };
    }
    const length = v.getUint16(at + 2);
    if (length < 2) return undefined;
    at += 2 + length;
  }
  return undefined;
}

// RFC 9649 §2.5–2.7: the first chunk is VP8 (lossy, 14-bit sizes in the key frame header), VP8L
// (lossless, 14-bit sizes minus one, packed) or VP8X (extended, 24-bit sizes minus one).
function webpSize(b: Uint8Array): Dims | undefined {
  if (b.length < 30) return undefined;
  const v = view(b);
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8 ")
    return { width: v.getUint16(26, true) & 0x3fff, height: v.getUint16(28, true) & 0x3fff };
  if (chunk === "VP8L") {
    const bits = v.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X") {
    const u24 = (at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
    return { width: u24(24) + 1, height: u24(27) + 1 };
  }
  return undefined;
}

/** More directories than this and the TIFF is refused as unreadable: no release has them. */
const MAX_TIFF_FRAMES = 64;

// TIFF 6.0 §2: a chain of image file directories (IFDs), each of 12-byte entries; ImageWidth is tag
// 256 and ImageLength 257, SHORT (3) or LONG (4). Every frame is summed, since the engine reads
// every page of a multi-page TIFF; a looping chain is cut by the frame bound.
function tiffSize(b: Uint8Array): Dims | undefined {
  const v = view(b);
  const le = b[0] === 0x49;
  let ifd = v.getUint32(4, le);
  let first: Dims | undefined;
  let frames = 0;
  let pixels = 0;
  while (ifd !== 0) {
    if (ifd + 2 > b.length || ++frames > MAX_TIFF_FRAMES) return undefined;
    const count = v.getUint16(ifd, le);
    if (ifd + 2 + count * 12 + 4 > b.length) return undefined;
    let width = 0;
    let height = 0;
    for (let i = 0; i < count; i++) {
      const at = ifd + 2 + i * 12;
      const tag = v.getUint16(at, le);
      const type = v.getUint16(at + 2, le);
      const value = type === 3 ? v.getUint16(at + 8, le) : type === 4 ? v.getUint32(at + 8, le) : 0;
      if (tag === 256) width = value;
      if (tag === 257) height = value;
    }
    first ??= { width, height };
    pixels += width * height;
    ifd = v.getUint32(ifd + 2 + count * 12, le);
  }
  return first && { ...first, frames, pixels };
}
