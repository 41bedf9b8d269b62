import { describe, expect, it } from "vitest";
import { hasReversedLamAlef, reverseLamAlef } from "./lam-alef";
import { matchQuote } from "./quote";

// A press release as archived, and lines of it as copied from its LibreOffice PDF (poppler and
// pdf.js both give the lam-alef ligatures alef first; tests/quotes/copy-paste.test.ts).
const SOURCE =
  "بأي حل لا يضمن حقوق المواطنين في مياه الشرب، وأن الوزارة لم تتلقَّ حتى الآن أي طلب رسمي يوم الثلاثاء.";

describe("LibreOffice's reversed lam-alef", () => {
  it("recognises the signature proper Arabic never writes", () => {
    expect(hasReversedLamAlef("بأي حل ال يضمن")).toBe(true); // ال standing alone
    expect(hasReversedLamAlef("حتى اآلن أي")).toBe(true); // the article, then لآ reversed
    expect(hasReversedLamAlef("االجتماع")).toBe(true);
    expect(hasReversedLamAlef("العالم سالم الثالثاء")).toBe(false); // real words, or no proof
  });

  it("reverses every ligature pair in place, keeping the length", () => {
    const text = "لا الآن لأن لإ لَا";
    const reversed = reverseLamAlef(text);
    expect(reversed).toBe("ال اآلن ألن إل الَ");
    expect(reversed.length).toBe(text.length);
  });

  it("finds a line copied from a LibreOffice PDF as the same words, in the original's words", () => {
    const m = matchQuote(
      "بأي حل ال يضمن حقوق المواطنين في مياه الشرب، وأن الوزارة لم تتلقَّ حتى اآلن أي طلب",
      SOURCE,
    );
    expect(m.verdict).toBe("same-words");
    expect(m.folded).toContain("compatibility forms");
    expect(m.fragments[0]).toMatchObject({ start: 0 });
  });

  it("still calls a dropped negation altered, naming the original's words", () => {
    const m = matchQuote("وأن الوزارة تتلقَّ حتى اآلن أي طلب رسمي", SOURCE);
    expect(m.verdict).toBe("altered");
    expect(m.differences).toEqual([expect.objectContaining({ kind: "negation", original: "لم" })]);
    // Without the signature there is no second reading: a changed word stays changed.
    expect(matchQuote("أي طلب رسمي يوم الثالثاء", SOURCE).verdict).toBe("altered");
  });
});
