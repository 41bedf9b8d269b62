import { describe, expect, it } from "vitest";
import { buildExcerpts } from "./excerpts";

const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `w${i + from}`).join(" ");

describe("buildExcerpts", () => {
  it("shows a passage with about `radius` characters of context, cut at spaces", () => {
    const text = `${words(100)} PASSAGE HERE ${words(100, 100)}`;
    const start = text.indexOf("PASSAGE");
    const end = start + "PASSAGE HERE".length;
    const [excerpt, ...rest] = buildExcerpts(text, [{ start, end, kind: "passage" }], 50);
    expect(rest).toEqual([]);
    expect(excerpt!.cutStart && excerpt!.cutEnd).toBe(true);
    expect(excerpt!.segments.map((s) => s.kind)).toEqual(["plain", "passage", "plain"]);
    expect(excerpt!.segments[1]!.text).toBe("PASSAGE HERE");
    const [before, , after] = excerpt!.segments.map((s) => s.text);
    expect(before).toMatch(/^w\d+ /);
    expect(after).toMatch(/ w\d+$/);
    expect(before!.length).toBeLessThanOrEqual(50);
    expect(after!.length).toBeLessThanOrEqual(50);
  });

  it("merges close passages into one excerpt and keeps far ones apart", () => {
    const text = `${words(20)} A ${words(5, 20)} B ${words(200, 30)} C ${words(20, 300)}`;
    const at = (s: string) => ({
      start: text.indexOf(` ${s} `) + 1,
      end: text.indexOf(` ${s} `) + 2,
      kind: "passage" as const,
    });
    const excerpts = buildExcerpts(text, [at("A"), at("B"), at("C")], 60);
    expect(excerpts).toHaveLength(2);
    expect(excerpts[0]!.segments.filter((s) => s.kind === "passage").map((s) => s.text)).toEqual(["A", "B"]);
    expect(excerpts[1]!.segments.filter((s) => s.kind === "passage").map((s) => s.text)).toEqual(["C"]);
  });

  it("marks a difference inside its passage, and ignores empty and out-of-range marks", () => {
    const text = "ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار";
    const excerpts = buildExcerpts(text, [
      { start: 0, end: text.length, kind: "passage" },
      { start: 11, end: 13, kind: "difference" },
      { start: 5, end: 5, kind: "difference" },
      { start: -10, end: -2, kind: "passage" },
    ]);
    expect(excerpts).toHaveLength(1);
    expect(excerpts[0]).toMatchObject({ start: 0, end: text.length, cutStart: false, cutEnd: false });
    expect(excerpts[0]!.segments).toEqual([
      { text: "ارتكبت نحو ", kind: "passage" },
      { text: "80", kind: "difference" },
      { text: " خرقاً لاتفاق وقف إطلاق النار", kind: "passage" },
    ]);
  });

  it("never cuts a surrogate pair when no space is near", () => {
    const text = "😀".repeat(200);
    const [excerpt] = buildExcerpts(text, [{ start: 200, end: 202, kind: "passage" }], 51);
    const shown = excerpt!.segments.map((s) => s.text).join("");
    expect(shown).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(shown.length).toBeGreaterThan(2);
  });

  it("shows no more than the maximum number of excerpts", () => {
    const text = words(2000);
    const marks = Array.from({ length: 20 }, (_, i) => ({
      start: i * 500,
      end: i * 500 + 2,
      kind: "passage" as const,
    }));
    expect(buildExcerpts(text, marks, 10, 6)).toHaveLength(6);
    expect(buildExcerpts(text, [])).toEqual([]);
  });
});
