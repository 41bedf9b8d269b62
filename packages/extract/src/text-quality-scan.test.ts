import { MAX_DAMAGED_SPANS, PERFECT_QUALITY } from "@isnad/core";
import { describe, expect, it } from "vitest";
import { finalQuality, mergeSpans, pageOf, scanTextQuality, wordAround } from "./text-quality-scan";

describe("scanTextQuality", () => {
  it("finds nothing wrong in clean Arabic with tashkeel", () => {
    expect(scanTextQuality("أَكَّدَ وَزِيرُ الخَارِجِيَّةِ «السَّلَامَ» (UN) ١٥ مارس")).toEqual(PERFECT_QUALITY);
  });

  it("counts replacement characters and isolated marks, and damages their words", () => {
    const text = "قال \uFFFDلوزير إن الحل ٌ ممكن";
    const q = scanTextQuality(text);
    expect(q).toMatchObject({ status: "degraded", replacementChars: 1, isolatedMarks: 1, unmappedGlyphs: 0 });
    // "\uFFFDلوزير" and the detached tanween's word "الحل" (the mark belongs to the word before it).
    expect(q.damaged).toEqual([
      [4, 10],
      [14, 18],
    ]);
    expect(text.slice(14, 18)).toBe("الحل");
  });

  it("reports the extractor's unmapped glyphs and reordered runs", () => {
    const text = "أكد الوزير";
    const q = scanTextQuality(text, { unmappedAt: [3], reordered: [[4, 10]] });
    expect(q).toMatchObject({ status: "degraded", unmappedGlyphs: 1, reorderedRuns: 1 });
    // The word before the unmapped glyph, and the run.
    expect(q.damaged).toEqual([
      [0, 3],
      [4, 10],
    ]);
  });
});

describe("wordAround", () => {
  it("is the whitespace-delimited word at or touching an offset, never empty", () => {
    expect(wordAround("ab cd", 1)).toEqual([0, 2]);
    expect(wordAround("ab cd", 2)).toEqual([0, 2]);
    expect(wordAround("ab  cd", 3)).toEqual([3, 4]);
    expect(wordAround("", 0)).toEqual([0, 0]);
  });
});

describe("mergeSpans", () => {
  it("sorts, drops empty spans and merges overlapping or touching ones", () => {
    expect(
      mergeSpans([
        [10, 12],
        [0, 2],
        [2, 4],
        [5, 5],
        [11, 15],
      ]),
    ).toEqual([
      [0, 4],
      [10, 15],
    ]);
  });

  it("keeps at most MAX_DAMAGED_SPANS by merging across the smallest gaps", () => {
    const many = Array.from({ length: 2000 }, (_, i): [number, number] => [i * 10 + (i % 3), i * 10 + 5]);
    const merged = mergeSpans(many);
    expect(merged.length).toBeLessThanOrEqual(MAX_DAMAGED_SPANS);
    expect(merged[0]![0]).toBe(0);
    expect(merged[merged.length - 1]![1]).toBe(19995);
    // Still sorted and disjoint, and every original span is covered.
    merged.slice(1).forEach((s, i) => expect(s[0]).toBeGreaterThan(merged[i]![1]));
    for (const [s, e] of many) expect(merged.some(([a, b]) => a <= s && e <= b)).toBe(true);
    expect(mergeSpans(many, 3)).toHaveLength(3);
  });
});

describe("finalQuality and pageOf", () => {
  it("clips the extractor's spans to a truncated text, and scans texts that have no report", () => {
    const own = {
      ...PERFECT_QUALITY,
      status: "degraded" as const,
      unmappedGlyphs: 2,
      damaged: [
        [0, 3],
        [8, 12],
      ] as [number, number][],
    };
    expect(finalQuality({ warnings: [], quality: own }, "0123456789").damaged).toEqual([
      [0, 3],
      [8, 10],
    ]);
    expect(finalQuality({ warnings: [] }, "a \uFFFD").replacementChars).toBe(1);
  });

  it("names the 1-based page holding an offset", () => {
    expect(pageOf([0, 100, 250], 0)).toBe(1);
    expect(pageOf([0, 100, 250], 99)).toBe(1);
    expect(pageOf([0, 100, 250], 100)).toBe(2);
    expect(pageOf([0, 100, 250], 9999)).toBe(3);
    expect(pageOf(undefined, 5)).toBeUndefined();
  });
});
