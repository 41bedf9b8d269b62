/**
 * A screenshot made grey before tesseract sees it (issue #18). tesseract 5 binarizes a colour
 * image with Otsu's method per channel (src/ccstruct/otsuthr.cpp: a threshold for each of R, G
 * and B, a pixel is ink when any channel says so), so JPEG's chroma noise, which differs per
 * channel, sets a different cut in each channel and the union of the three breaks strokes and
 * merges lines: on the corpus (tests/corpus/ocr) the KacstOne 20px JPEG q70 was read at 36 %
 * character error in colour and 2 % in grey, the same pixels. One luminance channel (ITU-R BT.601
 * weights, transparency laid on white as a browser shows it) gives Otsu one histogram to cut.
 *
 * The grey image goes to tesseract as binary PGM (Netpbm P5), which Leptonica reads without a
 * codec. PNG and JPEG only (what screenshots are); WebP and TIFF go as they are. Decoding is pure
 * JS (pngjs, jpeg-js) on the calling thread, so it is bounded: past MAX_GRAY_PIXELS the image
 * also goes as it is.
 */
import { PNG as PngCodec } from "pngjs";
import jpeg from "jpeg-js";
import { JPEG, PNG, type ImageType } from "./ocr-image-size";

/**
 * Screenshots, not pages: a phone screenshot is some 3 MP, a 300 dpi A4 page 8.7 MP. Decoding
 * in JS costs ~0.14 s per MP on a loaded core (1.2 s for the page, on the calling thread), so a
 * page goes to tesseract as it is (a scanned PDF's pages come grey from pdftoppm -gray anyway).
 * Only images this small are read a second time too (ocr-layout.ts).
 */
export const MAX_GRAY_PIXELS = 4_000_000;

/** One luminance byte per pixel, row by row. */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The image as one grey channel, or undefined where it goes to tesseract as it is. */
export function grayImage(image: Uint8Array, type: ImageType, pixels: number): GrayImage | undefined {
  if (pixels > MAX_GRAY_PIXELS) return undefined;
  const rgba = decode(image, type);
  if (!rgba) return undefined;
  const { width, height, data } = rgba;
  const out = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const p = i * 4;
    const alpha = data[p + 3]! / 255;
    const luma = 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
    out[i] = Math.round(luma * alpha + 255 * (1 - alpha));
  }
  return { width, height, pixels: out };
}

/**
 * The image scaled by an integer `factor`, bilinear (pixel centres: source x = (x + 0.5) / factor
 * − 0.5, clamped at the edges). tesseract's misreads depend on the glyphs' size in pixels: Amiri's
 * stacked ligatures and JPEG-blurred letters it misreads at one size it reads right at twice the
 * size, and the other way round (measured on tests/corpus/ocr).
 */
export function scaleGray(gray: GrayImage, factor: number): GrayImage {
  const width = gray.width * factor;
  const height = gray.height * factor;
  const out = new Uint8Array(width * height);
  const src = gray.pixels;
  const at = (x: number, y: number) => src[y * gray.width + x]!;
  for (let y = 0; y < height; y++) {
    const sy = Math.min(Math.max((y + 0.5) / factor - 0.5, 0), gray.height - 1);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, gray.height - 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(Math.max((x + 0.5) / factor - 0.5, 0), gray.width - 1);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, gray.width - 1);
      const fx = sx - x0;
      const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
      const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
      out[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, pixels: out };
}

/** Binary PGM (Netpbm P5) of the image, or of `box` within it. */
export function pgm(gray: GrayImage, box: Box = { x: 0, y: 0, width: gray.width, height: gray.height }) {
  const header = new TextEncoder().encode(`P5\n${box.width} ${box.height}\n255\n`);
  const out = new Uint8Array(header.length + box.width * box.height);
  out.set(header);
  for (let y = 0; y < box.height; y++) {
    const from = (box.y + y) * gray.width + box.x;
    out.set(gray.pixels.subarray(from, from + box.width), header.length + y * box.width);
  }
  return out;
}

/**
 * `box` of the image with `border` pixels of its background on every side: the median of the box's
 * edge pixels (white on a light screenshot, dark in dark mode). tesseract needs some blank space
 * around a block of text; taking it from the image brought in what stood beside the text
 * (ocr-layout.ts).
 */
export function padded(gray: GrayImage, box: Box, border: number): GrayImage {
  const width = box.width + 2 * border;
  const height = box.height + 2 * border;
  const out = new Uint8Array(width * height).fill(edgeMedian(gray, box));
  for (let y = 0; y < box.height; y++) {
    const from = (box.y + y) * gray.width + box.x;
    out.set(gray.pixels.subarray(from, from + box.width), (y + border) * width + border);
  }
  return { width, height, pixels: out };
}

/** The median grey of the pixels on a box's four edges (a histogram: linear in the perimeter). */
function edgeMedian(gray: GrayImage, box: Box): number {
  const counts = new Uint32Array(256);
  const at = (x: number, y: number) => counts[gray.pixels[y * gray.width + x]!]!++;
  const [right, bottom] = [box.x + box.width - 1, box.y + box.height - 1];
  for (let x = box.x; x <= right; x++) {
    at(x, box.y);
    at(x, bottom);
  }
  for (let y = box.y; y <= bottom; y++) {
    at(box.x, y);
    at(right, y);
  }
  const half = (2 * (box.width + box.height)) / 2;
  let seen = 0;
  for (let v = 0; v < 256; v++) if ((seen += counts[v]!) >= half) return v;
  return 255;
}

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

function decode(image: Uint8Array, type: ImageType): Rgba | undefined {
  try {
    if (type === PNG)
      return PngCodec.sync.read(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
    if (type === JPEG) {
      const limitMp = MAX_GRAY_PIXELS / 1e6;
      return jpeg.decode(image, { useTArray: true, maxResolutionInMP: limitMp, maxMemoryUsageInMB: 128 });
    }
  } catch {
    // A file our decoder refuses still goes to tesseract, whose own refusal names the problem.
  }
  return undefined;
}
