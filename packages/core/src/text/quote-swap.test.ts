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

  it("is altered in a 4-word quote, where the swap leaves no two placed words in a row", () => {
    for (const quote of ["عدد المسجلة الإصابات منذ", "reopen Monday on 14", "Monday July 14 at"]) {
      const m = matchQuote(quote, SOURCE);
      expect(m.verdict, quote).toBe("altered");
      expect(m.differences.length, quote).toBeGreaterThan(0);
    }
  });

  it("still needs all words but one in order: scattered words are not found", () => {
    expect(matchQuote("العام الإصابات port July Monday", SOURCE).verdict).toBe("not-found");
    // Three of four words in order, gathered from six ("port will reopen on Monday 14"): not a
    // word moved or changed; from five, they are.
    expect(matchQuote("port xx on 14", SOURCE).verdict).toBe("not-found");
    expect(matchQuote("port reopen xx Monday", SOURCE).verdict).toBe("altered");
  });
});
