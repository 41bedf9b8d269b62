import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { imageTypeOf, readImageSize } from "./ocr-image-size";

function png(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write("IHDR", 4, "latin1");
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr[16] = 8; // bit depth
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, ihdr, deflateSync(Buffer.alloc(64))]);
}

function jpeg(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof = [0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 255, width >> 8, width & 255, 3];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...sof, ...new Array(12).fill(0)]);
}

function tiff(frames: [number, number][]): Uint8Array {
  const out = Buffer.alloc(8 + frames.length * (2 + 2 * 12 + 4));
  out.write("II", 0, "latin1");
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  frames.forEach(([w, h], i) => {
    const at = 8 + i * 30;
    out.writeUInt16LE(2, at);
    out.writeUInt16LE(256, at + 2);
    out.writeUInt16LE(4, at + 4);
    out.writeUInt32LE(1, at + 6);
    out.writeUInt32LE(w, at + 10);
    out.writeUInt16LE(257, at + 14);
    out.writeUInt16LE(3, at + 16);
    out.writeUInt32LE(1, at + 18);
    out.writeUInt16LE(h, at + 22);
    out.writeUInt32LE(i + 1 < frames.length ? at + 30 : 0, at + 26);
  });
  return out;
}

describe("readImageSize", () => {
  it("reads PNG, JPEG and multi-frame TIFF headers", () => {
    expect(readImageSize(png(30_000, 30_000))).toMatchObject({ type: "image/png", pixels: 9e8 });
    expect(readImageSize(jpeg(1170, 2532))).toMatchObject({ type: "image/jpeg", width: 1170, height: 2532 });
    expect(
      readImageSize(
        tiff([
          [100, 50],
          [200, 10],
        ]),
      ),
    ).toMatchObject({ frames: 2, pixels: 7000, width: 100 });
  });

  it("reads the three WebP forms", () => {
    const webp = (chunk: string, body: number[]) =>
      Uint8Array.from([
        ...Buffer.from("RIFF\0\0\0\0WEBP"),
        ...Buffer.from(chunk),
        ...body,
        ...new Array(20).fill(0),
      ]);
    // VP8: 4-byte size, 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
    expect(
      readImageSize(webp("VP8 ", [0, 0, 0, 0, 0, 0, 0, 0x9d, 0x01, 0x2a, 0x20, 0x03, 0x58, 0x02])),
    ).toMatchObject({ width: 800, height: 600 });
    // VP8L: size, signature 0x2f, then width-1 and height-1 in 14 bits each.
    const bits = (799 | (599 << 14)) >>> 0;
    expect(
      readImageSize(
        webp("VP8L", [0, 0, 0, 0, 0x2f, bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, bits >>> 24]),
      ),
    ).toMatchObject({ width: 800, height: 600 });
    expect(readImageSize(webp("VP8X", [0, 0, 0, 0, 0, 0, 0, 0, 0x1f, 0x03, 0, 0x57, 0x02, 0]))).toMatchObject(
      { width: 800, height: 600 },
    );
  });

  it("is undefined for other bytes, truncated headers and looping TIFF directories", () => {
    expect(imageTypeOf(new TextEncoder().encode("%PDF-1.7"))).toBeUndefined();
    expect(readImageSize(png(1, 1).subarray(0, 20))).toBeUndefined();
    expect(readImageSize(jpeg(0, 10))).toBeUndefined();
    const loop = Buffer.from(tiff([[10, 10]]));
    loop.writeUInt32LE(8, 8 + 26); // the directory names itself as the next one
    expect(readImageSize(loop)).toBeUndefined();
  });
});
