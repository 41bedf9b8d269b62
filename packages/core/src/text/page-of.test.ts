import { describe, expect, it } from "vitest";
import { isPageStarts, pageOf } from "./page-of";

describe("pageOf", () => {
  it("gives the page whose start is the last at or before the offset", () => {
    expect(pageOf([0, 100, 250], 0)).toBe(1);
    expect(pageOf([0, 100, 250], 99)).toBe(1);
    expect(pageOf([0, 100, 250], 100)).toBe(2);
    expect(pageOf([0, 100, 250], 9999)).toBe(3);
  });

  it("skips empty pages (equal starts) to the last of them", () => {
    expect(pageOf([0, 10, 10, 20], 10)).toBe(3);
  });

  it("is undefined without pages", () => {
    expect(pageOf(undefined, 5)).toBeUndefined();
    expect(pageOf([], 5)).toBeUndefined();
  });
});

describe("isPageStarts", () => {
  it("accepts ascending integer starts from 0 within the text", () => {
    expect(isPageStarts([0], 0)).toBe(true);
    expect(isPageStarts([0, 5, 5, 9], 9)).toBe(true);
  });

  it("refuses what storage should not have held", () => {
    for (const bad of [[], [1, 5], [0, 5, 3], [0, 1.5], [0, 10], ["0"], { 0: 0 }, null]) {
      expect(isPageStarts(bad, 9), JSON.stringify(bad)).toBe(false);
    }
  });
});
