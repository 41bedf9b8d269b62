import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { matchQuote, type QuoteMatch } from "./quote";
import { prepareDocument } from "./document";
import { normalizeText } from "./normalize";
import { isNegation } from "./negation";
import { SEED_TEXT } from "./__fixtures__/seed";

const seed = prepareDocument(SEED_TEXT);
const tokens = seed.tokens;
const seedNorm = ` ${normalizeText(SEED_TEXT)} `;
const inSeed = (quote: string): boolean => seedNorm.includes(` ${normalizeText(quote)} `);

/** A run of 1–40 of the seed's words, as written in the seed. */
const run = fc.tuple(fc.nat(tokens.length - 1), fc.integer({ min: 1, max: 40 })).map(([start, length]) => {
  const end = Math.min(tokens.length, start + length);
  return { start, end, text: SEED_TEXT.slice(tokens[start]!.start, tokens[end - 1]!.end) };
});

/**
 * Authentic, in the only sense a substring of the seed can fail to be: it is verbatim, unless the
 * seed has a negation right before it, in which case that negation must be the one difference.
 */
function expectAuthentic(m: QuoteMatch, quote: string, exact: boolean): void {
  const span = SEED_TEXT.slice(m.fragments[0]!.start, m.fragments[0]!.end);
  if (exact) expect(span).toBe(quote);
  // A bidi mark inside a word splits it (norm-2); matchQuote reads such a quote with it removed too.
  else expect(normalizeText(span)).toBe(normalizeText(quote.replace(/[\u200E\u200F\u061C]/gu, "")));
  expect(m.fragments).toHaveLength(1);
  if (m.verdict === "altered") {
    expect(m.differences).toHaveLength(1);
    const d = m.differences[0]!;
    expect(d).toMatchObject({ kind: "negation", quote: "", quoteEnd: d.quoteStart });
    expect(isNegation(normalizeText(d.original))).toBe(true);
    expect(SEED_TEXT.slice(d.end, m.fragments[0]!.start)).toMatch(/^\s*$/u);
  } else {
    expect(exact ? ["verbatim"] : ["verbatim", "same-words"]).toContain(m.verdict);
    expect(m.differences).toEqual([]);
  }
}

/** Edits that copying makes and normalization forgives. */
const MARKS = [..."\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0670"];
const copyEdit = fc.oneof(
  fc.record({ kind: fc.constant("mark" as const), pos: fc.nat(), mark: fc.constantFrom(...MARKS) }),
  fc.record({
    kind: fc.constant("invisible" as const),
    pos: fc.nat(),
    c: fc.constantFrom("\u200C", "\u200D", "\u200F", "\u00AD"),
  }),
  fc.record({ kind: fc.constant("tatweel" as const), pos: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), pos: fc.nat() }),
);
const REPLACE: Record<string, string[]> = {
  "\u0627": ["أ", "إ", "آ", "ٱ"],
  "\u064A": ["ى", "ی"],
  "\u0647": ["ة"],
  "\u0629": ["ه"],
  "\u0623": ["ا", "إ"],
  "\u0621": ["ؤ", "ئ"],
  "0": ["٠"],
  "3": ["٣"],
  "4": ["۴"],
  "7": ["٧"],
  "8": ["٨"],
  "،": [",", "‚"],
  " ": ["  ", "\n", "\u00A0"],
  "“": ["«", '"'],
  "”": ["»", '"'],
};

interface CopyEdit {
  kind: "mark" | "invisible" | "tatweel" | "replace";
  pos: number;
  mark?: string;
  c?: string;
}

function applyEdit(text: string, edit: CopyEdit): string {
  const i = edit.pos % (text.length + 1);
  switch (edit.kind) {
    case "mark":
      return /\p{L}/u.test(text[i - 1] ?? "") ? text.slice(0, i) + edit.mark! + text.slice(i) : text;
    case "invisible":
      return text.slice(0, i) + edit.c! + text.slice(i);
    case "tatweel":
      return /\p{Script=Arabic}/u.test(text[i - 1] ?? "") && /\p{Script=Arabic}/u.test(text[i] ?? "")
        ? text.slice(0, i) + "\u0640" + text.slice(i)
        : text;
    default: {
      const options = REPLACE[text[i] ?? ""];
      return options ? text.slice(0, i) + options[edit.pos % options.length]! + text.slice(i + 1) : text;
    }
  }
}

describe("matchQuote properties on the seed statement", () => {
  it("finds any run of the seed's words verbatim, at an occurrence that reads the same", () => {
    fc.assert(
      fc.property(run, ({ text }) => {
        expectAuthentic(matchQuote(text, seed), text, true);
      }),
    );
  });

  it("finds it at its own offsets when the run occurs once", () => {
    fc.assert(
      fc.property(run, ({ start, end, text }) => {
        fc.pre(SEED_TEXT.indexOf(text) === SEED_TEXT.lastIndexOf(text) && end - start >= 3);
        const m = matchQuote(text, seed);
        expect(m.fragments[0]).toMatchObject({ start: tokens[start]!.start, end: tokens[end - 1]!.end });
      }),
    );
  });

  it("forgives copy edits (tashkeel, variants, digits, punctuation, spacing, invisibles)", () => {
    fc.assert(
      fc.property(run, fc.array(copyEdit, { maxLength: 12 }), ({ text }, edits) => {
        const quote = edits.reduce(applyEdit, text);
        expectAuthentic(matchQuote(quote, seed), quote, false);
      }),
    );
  });

  it("never calls a quote with a substituted word verbatim, same-words or abridged", () => {
    const strangers = ["برتقال", "٩٩", "17", "ليس", "لن", "never", "روسيا", "الحكومة"];
    const word = fc.oneof(
      fc.constantFrom(...strangers),
      fc.nat(tokens.length - 1).map((i) => SEED_TEXT.slice(tokens[i]!.start, tokens[i]!.end)),
    );
    fc.assert(
      fc.property(run, fc.nat(), word, ({ start, end }, k, replacement) => {
        fc.pre(end - start >= 3);
        const t = tokens[start + (k % (end - start))]!;
        const quote =
          SEED_TEXT.slice(tokens[start]!.start, t.start) +
          replacement +
          SEED_TEXT.slice(t.end, tokens[end - 1]!.end);
        fc.pre(!inSeed(quote));
        expect(["altered", "not-found"]).toContain(matchQuote(quote, seed).verdict);
      }),
    );
  });

  it("never calls a quote with a dropped or added word verbatim, same-words or abridged", () => {
    fc.assert(
      fc.property(run, fc.nat(), fc.boolean(), ({ start, end }, k, drop) => {
        fc.pre(end - start >= 4);
        const t = tokens[start + 1 + (k % (end - start - 2))]!;
        const before = SEED_TEXT.slice(tokens[start]!.start, t.start);
        const after = SEED_TEXT.slice(t.end, tokens[end - 1]!.end);
        const quote = drop ? before + after : `${before}لا ${SEED_TEXT.slice(t.start, t.end)}${after}`;
        fc.pre(!inSeed(quote));
        const m = matchQuote(quote, seed);
        expect(m.verdict).toBe("altered");
        const kinds = m.differences.map((d) => d.kind);
        // The added لا is named, as a negation, or as the word it replaced when the aligner pairs it
        // with a word beside it ("ما لا يقل" quoted "لا لا يقل": ما → لا).
        if (!drop)
          expect(m.differences.some((d) => d.kind === "negation" || isNegation(normalizeText(d.quote)))).toBe(
            true,
          );
        if (drop) expect(kinds.some((k) => k === "missing" || k === "negation" || k === "number")).toBe(true);
      }),
    );
  });
});
