import { describe, expect, it } from "vitest";
import { prepareDocument } from "./document";
import { tokenize } from "./normalize";
import { respaceEnds } from "./respace-ends";
import type { QuoteTokens } from "./quote-report";

const quote = (text: string): QuoteTokens => ({
  text,
  tokens: tokenize(text),
  fragments: [[0, tokenize(text).length]],
});

describe("respaceEnds", () => {
  const doc = prepareDocument("بالباقي. وشدّد على أن الوزارة ليست مسؤولة");

  it("drops the document word before a respaced first word", () => {
    const q = quote("وشّد د على أن"); // pdftotext split وشدّد
    // As the alignment gave it: وشد against بالباقي, د against وشدد.
    const steps = [
      { q: 0, d: 0 },
      { q: 1, d: 1 },
      { q: 2, d: 2 },
      { q: 3, d: 3 },
    ];
    expect(respaceEnds(steps, q, doc)).toEqual([
      { q: 0, d: 1 },
      { q: 1, d: -1 },
      { q: 2, d: 2 },
      { q: 3, d: 3 },
    ]);
  });

  it("drops the document word after a respaced last word", () => {
    const q = quote("أن الوزارة لي ست");
    const steps = [
      { q: 0, d: 3 },
      { q: 1, d: 4 },
      { q: 2, d: 5 },
      { q: 3, d: 6 },
    ];
    expect(respaceEnds(steps, q, doc)).toEqual([
      { q: 0, d: 3 },
      { q: 1, d: 4 },
      { q: 2, d: 5 },
      { q: 3, d: -1 },
    ]);
  });

  it("leaves alone what is already respaced, what no trim respaces, and steps with no match", () => {
    const q = quote("وشد د على");
    const already = [
      { q: 0, d: 1 },
      { q: 1, d: -1 },
      { q: 2, d: 2 },
    ];
    expect(respaceEnds(already, q, doc)).toEqual(already);
    const other = quote("كلمة أخرى على أن");
    const steps = [
      { q: 0, d: 0 },
      { q: 1, d: 1 },
      { q: 2, d: 2 },
      { q: 3, d: 3 },
    ];
    expect(respaceEnds(steps, other, doc)).toEqual(steps);
    const none = [{ q: 0, d: 5 }];
    expect(respaceEnds(none, quote("لا"), doc)).toEqual(none);
  });
});
