/**
 * Properties of OCR-tolerant verdicts on the seed (issue #18): the seed's own words, as OCR might
 * read them, are never "altered"; one word changed for another that OCR could not have made of it
 * always is, and the difference names it. Confusions are drawn from the skeletons themselves: any
 * letter swapped for another that leaves its word's skeleton as it was, the Arabic comma read as a
 * ء glued to the word before it, Latin lookalikes.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { matchQuote } from "./quote";
import { prepareDocument } from "./document";
import { isNegation } from "./negation";
import { normalizeText } from "./normalize";
import { ocrSkeleton } from "./ocr-skeleton";
import { isOcrReading } from "./ocr-verdict";
import { SEED_TEXT } from "./__fixtures__/seed";

const seed = prepareDocument(SEED_TEXT);
const tokens = seed.tokens;
const seedNorm = ` ${normalizeText(SEED_TEXT)} `;
const inSeed = (quote: string): boolean => seedNorm.includes(` ${normalizeText(quote)} `);
const holdsThreeWordsInARow = (quote: string): boolean => {
  const words = normalizeText(quote).split(" ");
  return words.slice(2).some((_, i) => inSeed(words.slice(i, i + 3).join(" ")));
};

/** 6–40 of the seed's words, not right after a negation (which would make any part of it altered). */
const run = fc
  .tuple(fc.nat(tokens.length - 7), fc.integer({ min: 6, max: 40 }))
  .map(([start, length]) => {
    const end = Math.min(tokens.length, start + length);
    return { start, end, text: SEED_TEXT.slice(tokens[start]!.start, tokens[end - 1]!.end) };
  })
  .filter(({ start }) => start === 0 || !isNegation(tokens[start - 1]!.norm));

const LETTERS = [..."ابتثجحخدذرزسشصضطظعغفقكلمنهوىيئؤءةأإآ"];
const wordAt = (text: string, i: number): [number, number] => {
  let [s, e] = [i, i + 1];
  while (s > 0 && /\p{L}/u.test(text[s - 1]!)) s--;
  while (e < text.length && /\p{L}/u.test(text[e]!)) e++;
  return [s, e];
};

/** One OCR confusion at `pos` (modulo the text's length), or the text unchanged where none fits. */
function confuse(text: string, pos: number, pick: number): string {
  const i = pos % text.length;
  if (text[i] === "،") return text.slice(0, i) + "ء" + text.slice(i + 1); // glued: "درعاء مديناً"
  if (!/\p{Script=Arabic}/u.test(text[i]!) || !/\p{L}/u.test(text[i]!)) return text;
  const [s, e] = wordAt(text, i);
  const word = text.slice(s, e);
  const mates = LETTERS.filter((c) => {
    if (c === text[i]) return false;
    const w = word.slice(0, i - s) + c + word.slice(i - s + 1);
    return ocrSkeleton(w) === ocrSkeleton(word);
  });
  if (mates.length === 0) return text;
  return text.slice(0, i) + mates[pick % mates.length]! + text.slice(i + 1);
}

const confusions = fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 });
const apply = (text: string, edits: [number, number][]): string =>
  edits.reduce((t, [pos, pick]) => confuse(t, pos, pick), text);

describe("matchQuote with ocr on the seed", () => {
  it("never calls the seed's own words altered, whatever confusions OCR made in them", () => {
    fc.assert(
      fc.property(run, confusions, ({ text }, edits) => {
        const read = apply(text, edits);
        const m = matchQuote(read, seed, { ocr: true });
        expect(["verbatim", "same-words", "uncertain"]).toContain(m.verdict);
        for (const d of m.differences) expect(d).toMatchObject({ ocr: true });
      }),
      { numRuns: 200 },
    );
  });

  it("always calls one word changed for another altered, naming it, confusions or not", () => {
    const word = fc.nat(tokens.length - 1).map((i) => SEED_TEXT.slice(tokens[i]!.start, tokens[i]!.end));
    fc.assert(
      fc.property(run, fc.nat(), word, confusions, ({ start, end }, k, replacement, edits) => {
        const t = tokens[start + 1 + (k % (end - start - 2))]!; // not an end: a word changed inside
        const original = SEED_TEXT.slice(t.start, t.end);
        fc.pre(!isOcrReading(replacement, original));
        const before = apply(SEED_TEXT.slice(tokens[start]!.start, t.start), edits);
        const quote = before + replacement + SEED_TEXT.slice(t.end, tokens[end - 1]!.end);
        fc.pre(!inSeed(quote));
        const m = matchQuote(quote, seed, { ocr: true });
        // A quote is placed by three words in a row as the original has them (shingles.ts): when
        // the confusions and the change leave none, it may be not found — never authentic.
        if (m.verdict === "not-found" && !holdsThreeWordsInARow(quote)) return;
        expect(m.verdict).toBe("altered");
        const named = m.differences.filter((d) => !d.ocr);
        expect(named.some((d) => d.quote.includes(replacement) || d.original.includes(original))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
