import { describe, expect, it } from "vitest";
import { matchQuote } from "./quote";

const SOURCE =
  "وأشار إلى أن عدد الإصابات المسجلة منذ بداية العام بلغ 1,312 إصابة. The port will reopen on Monday 14 July at 06:00.";

describe("two words swapped", () => {
  it("is altered, not not-found, even when no run of 3 words survives", () => {
    for (const quote of ["عدد الإصابات منذ المسجلة بداية العام", "will reopen Monday on 14 July"]) {
      const m = matchQuote(quote, SOURCE);
      expect(m.verdict, quote).toBe("altered");
      expect(m.differences.length, quote).toBeGreaterThan(0);
    }
  });

  it("still needs all words but one in order: scattered words are not found", () => {
    expect(matchQuote("العام الإصابات port July Monday", SOURCE).verdict).toBe("not-found");
  });
});
