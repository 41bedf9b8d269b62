import { PNG as PngCodec } from "pngjs";
import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { grayImage, MAX_GRAY_PIXELS, padded, pgm, scaleGray } from "./ocr-gray";
import { JPEG, PNG, WEBP } from "./ocr-image-size";

/** A 2 × 1 RGBA PNG: pure red opaque, then black half transparent. */
function png(colorType: number, pixels: number[]): Uint8Array {
  const image = new PngCodec({ width: 2, height: 1, colorType: colorType as 6, inputColorType: 6 });
  image.data = Buffer.from(pixels);
  return PngCodec.sync.write(image, { colorType: colorType as 6, inputColorType: 6 });
}

const decoder = new TextDecoder("latin1");

/** What the reader sends tesseract: grey PGM where the image decodes, else the image. */
function grayForOcr(image: Uint8Array, type: typeof PNG | typeof JPEG | typeof WEBP, pixels: number) {
  const gray = grayImage(image, type, pixels);
  return gray ? pgm(gray) : image;
}

describe("grayForOcr", () => {
  it("makes a colour PNG one grey PGM channel, BT.601 luma, transparency on white", () => {
    const out = grayForOcr(png(6, [255, 0, 0, 255, 0, 0, 0, 128]), PNG, 2);
    const header = "P5\n2 1\n255\n";
    expect(decoder.decode(out.subarray(0, header.length))).toBe(header);
    // 0.299 × 255 = 76; black at alpha 128/255 over white: 255 × (1 − 0.502) = 127.
    expect([...out.subarray(header.length)]).toEqual([76, 127]);
  });

  it("decodes a JPEG to grey of the same size", () => {
    const rgba = Buffer.alloc(16 * 8 * 4, 255);
    const { data } = jpeg.encode({ width: 16, height: 8, data: rgba }, 70);
    const out = grayForOcr(data, JPEG, 128);
    const header = "P5\n16 8\n255\n";
    expect(decoder.decode(out.subarray(0, header.length))).toBe(header);
    expect(out.length).toBe(header.length + 128);
    expect(Math.min(...out.subarray(header.length))).toBeGreaterThan(250);
  });

  it("crops a box out of the grey image", () => {
    const gray = { width: 3, height: 2, pixels: new Uint8Array([1, 2, 3, 4, 5, 6]) };
    const out = pgm(gray, { x: 1, y: 0, width: 2, height: 2 });
    const header = "P5\n2 2\n255\n";
    expect(decoder.decode(out.subarray(0, header.length))).toBe(header);
    expect([...out.subarray(header.length)]).toEqual([2, 3, 5, 6]);
  });

  it("leaves a page-sized PNG (pdftoppm -gray), WebP and a broken file as they are", () => {
    const grey = png(0, [10, 10, 10, 255, 200, 200, 200, 255]);
    expect(grayForOcr(grey, PNG, MAX_GRAY_PIXELS + 1)).toBe(grey);
    const webp = new Uint8Array([1, 2, 3]);
    expect(grayForOcr(webp, WEBP, 1)).toBe(webp);
    const broken = png(6, [0, 0, 0, 255, 0, 0, 0, 255]).subarray(0, 40);
    expect(grayForOcr(broken, PNG, 2)).toBe(broken);
    const colour = png(6, [255, 0, 0, 255, 0, 0, 0, 255]);
    expect(grayForOcr(colour, PNG, MAX_GRAY_PIXELS + 1)).toBe(colour);
  });
});

describe("scaleGray", () => {
  it("scales bilinearly from pixel centres, the edges held", () => {
    const out = scaleGray({ width: 2, height: 1, pixels: new Uint8Array([0, 100]) }, 2);
    expect(out).toMatchObject({ width: 4, height: 2 });
    expect([...out.pixels]).toEqual([0, 25, 75, 100, 0, 25, 75, 100]);
  });

  it("pads a box of the image with the median of its edge pixels", () => {
    // 4 × 3: a dark background (20) with one light pixel on the box's edge and ink (0) inside.
    const gray = {
      width: 4,
      height: 3,
      pixels: new Uint8Array([20, 20, 20, 20, 20, 0, 20, 20, 20, 250, 20, 20]),
    };
    const out = padded(gray, { x: 0, y: 0, width: 3, height: 3 }, 1);
    expect([out.width, out.height]).toEqual([5, 5]);
    expect([...out.pixels.subarray(0, 5)]).toEqual([20, 20, 20, 20, 20]);
    expect([...out.pixels.subarray(5, 20)]).toEqual([
      20, 20, 20, 20, 20, 20, 20, 0, 20, 20, 20, 20, 250, 20, 20,
    ]);
  });
});
