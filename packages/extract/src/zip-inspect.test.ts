import { describe, expect, it } from "vitest";
import { makeDocx } from "./testing/make-docx";
import { writeZip } from "./testing/zip-writer";
import { DEFAULT_ZIP_LIMITS } from "./types";
import { checkZipLimits, readZipDirectory, verifyZipEntrySizes } from "./zip-inspect";

const zeros = (n: number): Uint8Array => new Uint8Array(n);

describe("readZipDirectory", () => {
  it("lists the entries of a generated DOCX with their sizes", () => {
    const docx = makeDocx({ paragraphs: ["نص"] });
    const entries = readZipDirectory(docx);
    expect(entries.map((e) => e.name)).toEqual(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
    for (const e of entries) expect(e.method).toBe(8);
    expect(() => verifyZipEntrySizes(docx, entries)).not.toThrow();
  });

  it("reads a stored (uncompressed) entry at a non-zero offset in a subarray", () => {
    const zip = writeZip([{ name: "a.txt", data: "hello", method: "store" }]);
    const shifted = new Uint8Array(zip.length + 7);
    shifted.set(zip, 7);
    const view = shifted.subarray(7);
    const [entry] = readZipDirectory(view);
    expect(entry).toMatchObject({ name: "a.txt", method: 0, compressedSize: 5, uncompressedSize: 5 });
    expect(() => verifyZipEntrySizes(view, readZipDirectory(view))).not.toThrow();
  });

  it("refuses what is not a ZIP, or is cut short", () => {
    expect(() => readZipDirectory(new TextEncoder().encode("PK\x03\x04 not really"))).toThrow(
      /no end of central directory/,
    );
    const docx = makeDocx({ paragraphs: ["x"] });
    expect(() => readZipDirectory(docx.subarray(0, docx.length - 30))).toThrow(/unsafe or malformed ZIP/);
    expect(() => readZipDirectory(new Uint8Array(0))).toThrow(/no end of central directory/);
  });

  it("refuses ZIP64 and multi-disk archives", () => {
    const zip = writeZip([{ name: "a", data: "x" }]);
    const eocd = zip.length - 22;
    const zip64 = zip.slice();
    new DataView(zip64.buffer).setUint16(eocd + 10, 0xffff, true);
    expect(() => readZipDirectory(zip64)).toThrow(/ZIP64/);
    const disks = zip.slice();
    new DataView(disks.buffer).setUint16(eocd + 4, 1, true);
    expect(() => readZipDirectory(disks)).toThrow(/multi-disk/);
  });

  it.each([["../evil.xml"], ["word/../../evil.xml"], ["/etc/passwd"], ["C:\\boot.ini"], ["a\\..\\..\\b"]])(
    "refuses the entry path %s",
    (name) => {
      expect(() => readZipDirectory(writeZip([{ name, data: "x" }]))).toThrow(/entry path/);
    },
  );

  it("refuses duplicate names (two readers could pick different entries)", () => {
    const zip = writeZip([
      { name: "word/document.xml", data: "a" },
      { name: "word/document.xml", data: "b" },
    ]);
    expect(() => readZipDirectory(zip)).toThrow(/duplicate entry/);
  });
});

describe("checkZipLimits", () => {
  it("accepts an ordinary document", () => {
    expect(() => checkZipLimits(readZipDirectory(makeDocx({ paragraphs: ["x"] })))).not.toThrow();
  });

  it("refuses a high-ratio entry (a zip bomb) from its declared sizes alone", () => {
    const bomb = writeZip([{ name: "word/media/zeros.bin", data: zeros(4 * 1024 * 1024) }]);
    expect(() => checkZipLimits(readZipDirectory(bomb))).toThrow(
      /compression ratio \d+:1 .* \(limit 100:1\)/,
    );
  });

  it("refuses too many entries and too much in total", () => {
    const many = writeZip(Array.from({ length: 12 }, (_, i) => ({ name: `f${i}`, data: "x" })));
    expect(() => checkZipLimits(readZipDirectory(many), { ...DEFAULT_ZIP_LIMITS, maxEntries: 10 })).toThrow(
      /12 entries \(limit 10\)/,
    );
    const big = writeZip([{ name: "a", data: zeros(3000) }]);
    expect(() =>
      checkZipLimits(readZipDirectory(big), { ...DEFAULT_ZIP_LIMITS, maxTotalUncompressed: 2000 }),
    ).toThrow(/3000 bytes uncompressed \(limit 2000\)/);
  });

  it("refuses encrypted entries and unknown compression methods", () => {
    const zip = writeZip([{ name: "a", data: "x" }]);
    const [entry] = readZipDirectory(zip);
    if (!entry) throw new Error("no entry");
    expect(() => checkZipLimits([{ ...entry, flags: 1 }])).toThrow(/encrypted entry/);
    expect(() => checkZipLimits([{ ...entry, method: 12 }])).toThrow(/compression method 12/);
    expect(() => checkZipLimits([{ ...entry, uncompressedSize: 0xffffffff }])).toThrow(/ZIP64/);
  });
});

describe("verifyZipEntrySizes", () => {
  it("catches an entry that inflates beyond its declared size, without inflating it all", () => {
    const liar = writeZip([{ name: "word/document.xml", data: zeros(8 * 1024 * 1024), declaredSize: 1000 }]);
    const entries = readZipDirectory(liar);
    expect(() => checkZipLimits(entries)).not.toThrow(); // the claims look harmless
    expect(() => verifyZipEntrySizes(liar, entries)).toThrow(/does not inflate to its declared size/);
  });

  it("catches an entry smaller than declared, and data out of bounds", () => {
    const short = writeZip([{ name: "a", data: "abc", declaredSize: 10 }]);
    expect(() => verifyZipEntrySizes(short, readZipDirectory(short))).toThrow(/is not 10 bytes as declared/);
    const zip = writeZip([{ name: "a", data: "abc", method: "store" }]);
    const [entry] = readZipDirectory(zip);
    if (!entry) throw new Error("no entry");
    expect(() => verifyZipEntrySizes(zip, [{ ...entry, compressedSize: 1e6 }])).toThrow(/out of bounds/);
    expect(() => verifyZipEntrySizes(zip, [{ ...entry, localHeaderOffset: 5 }])).toThrow(/bad local header/);
  });
});
