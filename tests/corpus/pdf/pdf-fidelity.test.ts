/**
 * The PDF corpus (issue #12 §2 and "Done when"): every committed PDF, extracted as ingest does,
 * keeps every letter of its source and stays within the normalized character error goal; and a
 * genuine quote from any of its lines is never reported altered.
 */
import { matchQuote } from "@isnad/core";
import { beforeAll, describe, expect, it } from "vitest";
import { corpusFiles, DOCUMENTS, RENDERERS } from "./corpus";
import { extractCorpus, type CorpusExtraction } from "./extract-corpus";
import { measureFidelity, normalizedCer } from "./fidelity";

/** Normalized CER goal of issue #12. */
const GOAL = 0.002;

let corpus: CorpusExtraction[];
beforeAll(async () => {
  corpus = await extractCorpus();
}, 120_000);

const byFile = (file: string): CorpusExtraction => corpus.find((c) => c.file === file)!;

/** Quotes people would take: runs of 6 to 12 words from the middle of each line of the source. */
function genuineQuotes(expected: string): string[] {
  return expected
    .split("\n")
    .map((line) => line.split(/\s+/).filter((w) => w !== ""))
    .filter((words) => words.length >= 8)
    .flatMap((words) => [words.slice(1, 7), words.slice(2, Math.min(words.length - 1, 14))])
    .map((words) => words.join(" "));
}

describe("PDF corpus fidelity", () => {
  it("holds ≥ 4 Arabic fonts, with and without tashkeel, from Chromium and LibreOffice", () => {
    expect(new Set(DOCUMENTS.map((d) => d.font)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(DOCUMENTS.map((d) => d.tashkeel))).toEqual(new Set([true, false]));
    expect(corpusFiles()).toHaveLength(DOCUMENTS.length * RENDERERS.length);
  });

  it.each(corpusFiles().map((f) => f.file))("%s: no letter lost, normalized CER within the goal", (file) => {
    const e = byFile(file);
    const f = measureFidelity(e.text, e.expected);
    expect({ file, lost: f.lostLetters, samples: f.samples }).toMatchObject({ lost: 0 });
    expect(normalizedCer(f), f.samples.join("\n")).toBeLessThanOrEqual(GOAL);
    expect(e.text).not.toMatch(/[\uFFFD#]/);
    expect(e.text.includes("\u0000")).toBe(false);
    // A line break between lines of a paragraph, never a blank line after every line.
    const lines = e.text.split("\n");
    expect(lines.filter((l) => l === "").length).toBeLessThan(lines.length / 2);
    expect(e.pageStarts[0]).toBe(0);
  });

  it.each(corpusFiles().map((f) => f.file))("%s: genuine quotes are never reported altered", (file) => {
    const e = byFile(file);
    const quotes = genuineQuotes(e.expected);
    expect(quotes.length).toBeGreaterThanOrEqual(6);
    for (const quote of quotes) {
      const match = matchQuote(quote, e.text, { damaged: e.quality.damaged });
      expect({ quote, verdict: match.verdict }).not.toMatchObject({ verdict: "altered" });
      expect({ quote, verdict: match.verdict }).not.toMatchObject({ verdict: "not-found" });
    }
  });
});
