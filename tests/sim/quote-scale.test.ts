/**
 * The quote-scale simulation, small (the bench group `quote-scale` runs it on 1,000,000
 * statements): every planted quote — changed anywhere, or mostly a phrase that one statement in
 * ten holds — is among the candidates, with a bounded number of reads, unless MAX_EXAMINED
 * statements received before its own hold it word for word (then those are the right answer).
 */
import { describe, expect, it } from "vitest";
import { MAX_QUOTE_READS } from "@isnad/archive";
import { MAX_EXAMINED, runQuoteScale } from "./quote-scale";

describe("quote retrieval at scale (simulation)", () => {
  it("finds every planted quote among 20,000 statements, 2,000 of them sharing a phrase", async () => {
    const report = await runQuoteScale({ statements: 20_000, planted: 150 });
    expect(report.commonHolders).toBe(2_000);
    for (const c of report.classes) {
      expect(c.quotes, c.name).toBeGreaterThanOrEqual(140);
      expect(c.found + c.crowded, c.name).toBe(c.quotes);
      expect(c.maxReads, c.name).toBeLessThanOrEqual(MAX_QUOTE_READS);
      expect(c.maxCandidates, c.name).toBeLessThanOrEqual(MAX_EXAMINED);
    }
  }, 120_000);
});
