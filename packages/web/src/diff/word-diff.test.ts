import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffWords } from "./word-diff";

const side = (parts: { op: string; text: string }[], keep: string) =>
  parts.filter((p) => p.op === "same" || p.op === keep).map((p) => p.text);

describe("diffWords", () => {
  it("shows a changed number and an added negation, word by word", () => {
    expect(diffWords("ارتكبت نحو 80 خرقا", "ارتكبت نحو 90 خرقا")).toEqual([
      { op: "same", text: "ارتكبت نحو " },
      { op: "removed", text: "80 " },
      { op: "added", text: "90 " },
      { op: "same", text: "خرقا" },
    ]);
    expect(diffWords("we can accept this", "we cannot accept this\n")).toEqual([
      { op: "same", text: "we " },
      { op: "removed", text: "can " },
      { op: "added", text: "cannot " },
      { op: "same", text: "accept this\n" },
    ]);
    expect(diffWords("same text", "same text")).toEqual([{ op: "same", text: "same text" }]);
    expect(diffWords("", "new words")).toEqual([{ op: "added", text: "new words" }]);
  });

  it("gives up, with null, past the edit bound", () => {
    const a = Array.from({ length: 50 }, (_, i) => `a${i}`).join(" ");
    const b = Array.from({ length: 50 }, (_, i) => `b${i}`).join(" ");
    expect(diffWords(a, b, 20)).toBeNull();
    expect(diffWords(a, b, 100)).not.toBeNull();
  });

  it("is a minimal script whose sides rebuild both texts' words", () => {
    const word = fc.constantFrom("a", "b", "c", "لا", "80");
    const text = fc.array(word, { maxLength: 30 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = diffWords(before, after)!;
        const split = (s: string) => s.split(/\s+/).filter(Boolean);
        expect(split(side(parts, "added").join(" "))).toEqual(split(after));
        expect(split(side(parts, "removed").join(" "))).toEqual(split(before));
        // Minimal: edits = n + m − 2·LCS.
        const a = split(before);
        const b = split(after);
        const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
        for (let i = 1; i <= a.length; i++)
          for (let j = 1; j <= b.length; j++)
            lcs[i]![j] =
              a[i - 1] === b[j - 1] ? lcs[i - 1]![j - 1]! + 1 : Math.max(lcs[i - 1]![j]!, lcs[i]![j - 1]!);
        const edits = parts.filter((p) => p.op !== "same").reduce((n, p) => n + split(p.text).length, 0);
        expect(edits).toBe(a.length + b.length - 2 * lcs[a.length]![b.length]!);
      }),
      { numRuns: 300 },
    );
  });
});
