import { describe, expect, it } from "vitest";
import { formatDifference, formatVerifyReport, isConfirmed, type VerifyResponse } from "./verify-report";

const match = {
  statement: "a".repeat(32),
  publisher: "etilaf",
  title: "بيان",
  publishedAt: "2024-05-01",
  receivedAt: "2024-05-01T10:00:00.000Z",
  superseded: false,
  supersededBy: [] as string[],
  signature: { valid: true, keyId: "0123456789abcdef" },
};
const span = { start: 0, end: 0, quoteStart: 0, quoteEnd: 0 };

describe("verify report", () => {
  it("confirms positive verdicts only when a matching record's signature verifies", () => {
    const ok: VerifyResponse = { verdict: "authentic", query: { sha256: "00" }, matches: [match] };
    expect(isConfirmed(ok)).toBe(true);
    const unsigned = {
      ...ok,
      matches: [{ ...match, signature: { valid: false, keyId: null, reason: "no key" } }],
    };
    expect(isConfirmed(unsigned)).toBe(false);
    expect(formatVerifyReport("http://x", unsigned, "http://x/v").join("\n")).toContain(
      "cannot be relied on",
    );
    expect(isConfirmed({ verdict: "not-found", query: { text: "q" }, matches: [] })).toBe(false);
  });

  it("shows superseded statements and the passage in the original's words", () => {
    const quote = {
      ...match,
      verdict: "verbatim" as const,
      supersededBy: ["b".repeat(32)],
      superseded: true,
      passages: [{ ...span, start: 4, end: 9 }],
      folded: [],
      differences: [],
    };
    const lines = formatVerifyReport(
      "http://x",
      { verdict: "verbatim", query: { text: "words" }, matches: [quote] },
      "http://x/v",
      new Map([[match.statement, "abc words def"]]),
    ).join("\n");
    expect(lines).toContain("✓ VERBATIM");
    expect(lines).toContain("passage    «words» (characters 4–9)");
    expect(lines).toContain(`⚠ superseded by ${"b".repeat(32)}`);
    expect(lines).toContain(`url        http://x/s/${match.statement}`);
  });

  it("words every kind of difference with both sides", () => {
    const d = (kind: Parameters<typeof formatDifference>[0]["kind"], original: string, quote: string) =>
      formatDifference({ ...span, kind, original, quote });
    expect(d("number", "80", "90")).toBe("number changed: original «80», quote «90»");
    expect(d("negation", "لا", "")).toBe("negation removed: the original says «لا» here");
    expect(d("negation", "", "not")).toBe("negation added: «not» is not in the original");
    expect(d("negation", "never", "not")).toBe("negation changed: original «never», quote «not»");
    expect(d("word", "a", "b")).toBe("word changed: original «a», quote «b»");
    expect(d("missing", "x y", "")).toContain("left out without an ellipsis: original «x y»");
    expect(d("extra", "", "z")).toContain("words added that the original does not have: quote «z»");
    expect(d("splice", "", "p q")).toContain("joined from separate places");
  });

  it("says 'cannot tell' for differences on damaged archive text, never 'altered', and never confirms", () => {
    const d = { ...span, start: 10, end: 13, kind: "word" as const, original: "أبر يل", quote: "أبريل" };
    const quote = {
      ...match,
      verdict: "uncertain" as const,
      passages: [{ ...span, start: 0, end: 20 }],
      folded: [],
      differences: [{ ...d, damaged: { start: 10, end: 16 } }],
    };
    const result: VerifyResponse = { verdict: "uncertain", query: { text: "q" }, matches: [quote] };
    const text = formatVerifyReport("http://x", result, "http://x/v").join("\n");
    expect(text).toContain("? CANNOT TELL — ARCHIVED TEXT DAMAGED");
    expect(text).not.toContain("ALTERED:");
    expect(text.split("\n")[0]).not.toContain("✓");
    expect(text).toContain(
      "• word changed: original «أبر يل», quote «أبريل» [archived text damaged at characters 10–16: check the original file]",
    );
    expect(text).not.toContain("cannot be relied on"); // not a positive verdict to doubt
    expect(isConfirmed(result)).toBe(false);
    expect(formatDifference(d)).toBe("word changed: original «أبر يل», quote «أبريل»");
  });

  it("names the page of the original when the archive knows it (PDF)", () => {
    const d = {
      ...span,
      start: 10,
      end: 13,
      kind: "word" as const,
      original: "أبر يل",
      quote: "أبريل",
      page: 3,
    };
    expect(formatDifference({ ...d, damaged: { start: 10, end: 16 } })).toBe(
      "word changed: original «أبر يل», quote «أبريل» [archived text damaged at characters 10–16: check page 3 of the original file]",
    );
    expect(formatDifference(d)).toBe(
      "word changed: original «أبر يل», quote «أبريل» (page 3 of the original file)",
    );
  });
});
