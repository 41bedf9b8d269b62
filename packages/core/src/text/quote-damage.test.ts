import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { matchQuote } from "./quote";
import { prepareDocument } from "./document";
import { isNegation } from "./negation";
import { tokenize } from "./normalize";
import type { TextSpan } from "./text-quality";
import { SEED_TEXT } from "./__fixtures__/seed";

/** The original release, and the text a PDF extraction made of it (issue #12 §2). */
const SOURCE = "أكّدَ الوزير في ١٥ أبريل أن الحكومة لن تقبل بأي حل لا يضمن حقوق المواطنين كاملة.";
const damage = (text: string, word: string, broken: string): { text: string; span: TextSpan } => {
  const at = text.indexOf(word);
  return { text: text.slice(0, at) + broken + text.slice(at + word.length), span: [at, at + broken.length] };
};

describe("matchQuote on damaged text: uncertain, never altered", () => {
  it("says uncertain, with the damage and the original's words, where a glyph was lost", () => {
    const { text, span } = damage(SOURCE, "أكّدَ", "أكّ"); // pdf.js gave "\0" for دَ, dropped
    const m = matchQuote("أكد الوزير في 15 أبريل أن الحكومة", text, { damaged: [span] });
    expect(m.verdict).toBe("uncertain");
    expect(m.differences).toEqual([
      expect.objectContaining({ kind: "word", original: "أكّ", quote: "أكد", damaged: { start: 0, end: 3 } }),
    ]);
    expect(m.fragments[0]).toMatchObject({ start: 0 });
    // Without the quality report the same text gives "altered": the report is what saves it.
    expect(matchQuote("أكد الوزير في 15 أبريل أن الحكومة", text).verdict).toBe("altered");
  });

  it("says uncertain for a word split by glyph positioning, and same-words when no damage is known", () => {
    const { text, span } = damage(SOURCE, "أبريل", "أبر يل");
    const quote = "الوزير في ١٥ أبريل أن الحكومة لن تقبل";
    expect(matchQuote(quote, text, { damaged: [span] }).verdict).toBe("same-words");
    const m = matchQuote(quote, text);
    expect(m.verdict).toBe("same-words"); // the same letters with a space moved
    expect(m.folded).toContain("whitespace");
  });

  it("keeps 'altered' for a real change elsewhere, and marks only the difference on damage", () => {
    const { text, span } = damage(SOURCE, "حقوق", "ح#وق");
    const m = matchQuote("لن تقبل بأي حل لا يضمن حقوق المواطنين جزئيا", text, { damaged: [span] });
    expect(m.verdict).toBe("altered");
    const onDamage = m.differences.filter((d) => d.damaged);
    expect(onDamage.map((d) => d.original)).toEqual(["ح#وق"]);
    expect(m.differences.filter((d) => !d.damaged).map((d) => [d.original, d.quote])).toEqual([
      ["كاملة", "جزئيا"],
    ]);
  });

  it("lets negations and numbers the original shows intact decide, damage or not", () => {
    const { text, span } = damage(SOURCE, "تقبل", "تق بل");
    // The negation لن is intact; dropping it is altered even though the next word is damaged.
    const dropped = matchQuote("أن الحكومة تقبل بأي حل لا يضمن", text, { damaged: [span] });
    expect(dropped.verdict).toBe("altered");
    expect(dropped.differences.some((d) => d.kind === "negation" && !d.damaged)).toBe(true);
    // The number ١٥ is intact; changing it is altered though the damage is two words away.
    const near = damage(SOURCE, "أبريل", "أب#يل");
    const number = matchQuote("الوزير في ١٦ أبريل أن الحكومة", near.text, { damaged: [near.span] });
    expect(number.verdict).toBe("altered");
    // A number the quote has where the original's digits are unreadable: uncertain.
    const digits = damage(SOURCE, "١٥", "#");
    const unreadable = matchQuote("الوزير في ١٥ أبريل أن الحكومة", digits.text, { damaged: [digits.span] });
    expect(unreadable.verdict).toBe("uncertain");
  });

  it("counts a zero-width damage span (a glyph dropped between words) and unsorted spans", () => {
    const at = SOURCE.indexOf(" الحكومة");
    const text = SOURCE.slice(0, at) + SOURCE.slice(at + " الحكومة".length); // a word lost entirely
    const quote = "في ١٥ أبريل أن الحكومة لن تقبل";
    const m = matchQuote(quote, text, {
      damaged: [
        [at + 1, at + 1],
        [0, 0],
      ],
    });
    expect(m.verdict).toBe("uncertain");
    expect(m.differences).toEqual([expect.objectContaining({ kind: "extra", quote: "الحكومة" })]);
    expect(matchQuote(quote, text, { damaged: [[text.length, text.length]] }).verdict).toBe("altered");
  });

  it("keeps authentic verdicts on damaged text authentic, and not-found not-found", () => {
    const { text, span } = damage(SOURCE, "حقوق", "ح#وق");
    expect(matchQuote("أن الحكومة لن تقبل", text, { damaged: [span] }).verdict).toBe("verbatim");
    expect(matchQuote("ما قاله أحد في المدينة البعيدة", text, { damaged: [span] }).verdict).toBe("not-found");
  });
});

describe("respaced words: the same letters, word breaks elsewhere", () => {
  it("is same-words for Arabic and Latin words split or joined", () => {
    expect(
      matchQuote("the minister said that nobody was", "The minis ter said that no body was").verdict,
    ).toBe("same-words");
    expect(matchQuote("الحكومة لايمكن أن تقبل", "الحكومة لا يمكن أن تقبل").verdict).toBe("same-words");
  });

  it("is not same-words when a Latin negation appears or a number is re-split", () => {
    const notAble = matchQuote("he said he was notable to come", "he said he was not able to come");
    expect(notAble.verdict).toBe("altered");
    expect(notAble.differences[0]).toMatchObject({
      kind: "negation",
      original: "not able",
      quote: "notable",
    });
    expect(
      matchQuote("they counted 1500 people on the road", "they counted 15 00 people on the road").verdict,
    ).toBe("altered");
  });
});

describe("matchQuote property: a quote that differs only where the text is damaged is never altered", () => {
  const seedTokens = prepareDocument(SEED_TEXT).tokens;
  const BREAKS = [
    (w: string) => w.slice(0, Math.max(1, w.length - 2)), // glyphs lost at the end
    (w: string) => `${w.slice(0, 2)} ${w.slice(2)}`, // split by glyph positioning
    (w: string) => `${w.slice(0, 1)}#${w.slice(2)}`, // a placeholder for a lost letter
    (w: string) => `${w.slice(0, 1)}\uFFFD${w.slice(1)}`,
  ];
  it("gives verbatim, same-words or uncertain, with the damaged word inside the passage", () => {
    fc.assert(
      fc.property(
        fc.nat(seedTokens.length - 10),
        fc.integer({ min: 4, max: 12 }),
        fc.nat(),
        fc.nat(BREAKS.length - 1),
        (start, length, k, b) => {
          const end = Math.min(seedTokens.length, start + length);
          fc.pre(!isNegation(seedTokens[start - 1]?.norm ?? ""));
          const target = seedTokens[start + (k % (end - start))]!;
          const word = SEED_TEXT.slice(target.start, target.end);
          fc.pre(tokenize(word).length === 1 && word.length >= 3);
          const broken = BREAKS[b]!(word);
          const text = SEED_TEXT.slice(0, target.start) + broken + SEED_TEXT.slice(target.end);
          const quote = SEED_TEXT.slice(seedTokens[start]!.start, seedTokens[end - 1]!.end);
          const m = matchQuote(quote, text, { damaged: [[target.start, target.start + broken.length]] });
          expect(["verbatim", "same-words", "uncertain"]).toContain(m.verdict);
          for (const d of m.differences) expect(d.damaged).toBeDefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});
