import { describe, expect, it } from "vitest";
import { sha256Hex } from "@isnad/core";
import { hashFile, parseSha256Input } from "./hash-file";

describe("hashFile", () => {
  it("hashes a file chunk by chunk to the same SHA-256 as a one-shot hash, reporting progress", async () => {
    const bytes = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 31) & 0xff);
    const progress: [number, number][] = [];
    // A stream of 64 KiB chunks, as browsers read files.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) =>
      bytes.subarray(i * 65536, (i + 1) * 65536),
    );
    const stream = () =>
      new ReadableStream<Uint8Array<ArrayBuffer>>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      });
    const file = { size: bytes.length, stream };
    const hex = await hashFile(file, (done, total) => progress.push([done, total]));
    expect(hex).toBe(sha256Hex(bytes));
    expect(progress[0]).toEqual([0, bytes.length]);
    expect(progress.at(-1)).toEqual([bytes.length, bytes.length]);
    expect(progress).toHaveLength(chunks.length + 1);
  });

  it("hashes an empty file (FIPS 180-4 empty-message digest)", async () => {
    await expect(hashFile(new Blob([]))).resolves.toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });
});

describe("parseSha256Input", () => {
  it("accepts 64 hex digits in any case with spaces around, and nothing else", () => {
    const hex = "ab".repeat(32);
    expect(parseSha256Input(`  ${hex.toUpperCase()}\n`)).toBe(hex);
    expect(parseSha256Input(hex.slice(1))).toBeUndefined();
    expect(parseSha256Input(`${hex.slice(2)}zz`)).toBeUndefined();
    expect(parseSha256Input(`${hex.slice(0, 32)} ${hex.slice(32)}`)).toBeUndefined();
  });
});
