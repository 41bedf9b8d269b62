import { describe, expect, it } from "vitest";
import { matchQuote, type QuoteMatch } from "./quote";
import { prepareDocument } from "./document";

// Short statements written for these tests, in the style of the seed.
const ENGLISH = `The National Coalition said on Monday that it cannot accept any agreement that does not guarantee the safety of civilians.
It recorded 1,250 violations of the ceasefire in 72 hours, and at least 47 people were killed, most of them civilians.
"We will not return to the negotiating table while the bombing continues," the statement said. The Coalition isn't
opposed to talks; it never was.`;

const FRENCH = `La Coalition nationale a déclaré lundi qu'elle n'accepterait aucun accord qui ne garantit pas la sécurité des civils.
Elle a recensé 80 violations du cessez-le-feu en trois jours, dont plus de 30 à Deraa.
« Nous ne retournerons pas à la table des négociations tant que les bombardements continuent », a précisé le communiqué.`;

const en = prepareDocument(ENGLISH);
const fr = prepareDocument(FRENCH);

const summary = (m: QuoteMatch): [string, string, string][] =>
  m.differences.map((d) => [d.kind, d.quote, d.original]);
const spanOf = (doc: string, m: QuoteMatch): string[] => m.fragments.map((f) => doc.slice(f.start, f.end));

describe("matchQuote in English", () => {
  it("finds a verbatim sentence and its offsets", () => {
    const quote = "it cannot accept any agreement that does not guarantee the safety of civilians";
    const m = matchQuote(quote, en);
    expect(m.verdict).toBe("verbatim");
    expect(m.fragments).toEqual([
      {
        start: ENGLISH.indexOf(quote),
        end: ENGLISH.indexOf(quote) + quote.length,
        quoteStart: 0,
        quoteEnd: quote.length,
      },
    ]);
  });

  it("forgives case, curly quotes and a line break", () => {
    const quote =
      "“WE WILL NOT RETURN to the negotiating table while the bombing continues,” the statement\nsaid";
    const m = matchQuote(quote, en);
    expect(m).toMatchObject({ verdict: "same-words", folded: ["whitespace", "punctuation", "case"] });
    expect(spanOf(ENGLISH, m)).toEqual([
      'We will not return to the negotiating table while the bombing continues," the statement said',
    ]);
  });

  it("reports a removed not", () => {
    const m = matchQuote("We will return to the negotiating table while the bombing continues", en);
    expect(m.verdict).toBe("altered");
    expect(summary(m)).toEqual([["negation", "", "not"]]);
  });

  it("reports a removed n't, and an n't written out", () => {
    expect(summary(matchQuote("The Coalition is opposed to talks", en))).toEqual([
      ["negation", "is", "isn't"],
    ]);
    expect(summary(matchQuote("The Coalition is not opposed to talks", en))).toEqual([
      ["word", "is not", "isn't"],
    ]);
  });

  it("reports a quote that starts right after never or not", () => {
    const m = matchQuote("guarantee the safety of civilians", en);
    expect(m.verdict).toBe("altered");
    expect(summary(m)).toEqual([["negation", "", "not"]]);
  });

  it("reports changed numbers, including a changed thousands separator", () => {
    expect(summary(matchQuote("It recorded 1,520 violations of the ceasefire in 72 hours", en))).toEqual([
      ["number", "520", "250"],
    ]);
    expect(summary(matchQuote("It recorded 1.250 violations of the ceasefire in 72 hours", en))).toEqual([
      ["number", "1.250", "1,250"],
    ]);
    expect(
      summary(matchQuote("violations of the ceasefire in 27 hours, and at least 47 people", en)),
    ).toEqual([["number", "27", "72"]]);
  });

  it("reports a swapped word", () => {
    expect(summary(matchQuote("at least 47 people were killed, most of them soldiers", en))).toEqual([
      ["word", "soldiers", "civilians"],
    ]);
  });

  it("accepts an abridged quote across sentences", () => {
    const m = matchQuote("It recorded 1,250 violations … most of them civilians. […] the statement said", en);
    expect(m.verdict).toBe("abridged");
    expect(spanOf(ENGLISH, m)).toEqual([
      "It recorded 1,250 violations",
      "most of them civilians",
      "the statement said",
    ]);
    // An ellipsis that leaves nothing out joins its neighbours into one span.
    const joined = matchQuote(
      "It recorded 1,250 violations … most of them civilians. […] We will not return",
      en,
    );
    expect(spanOf(ENGLISH, joined)).toEqual([
      "It recorded 1,250 violations",
      'most of them civilians.\n"We will not return',
    ]);
  });

  it("does not let an ellipsis cut out a not", () => {
    const m = matchQuote("it cannot accept any agreement that does … guarantee the safety of civilians", en);
    expect(summary(m)).toEqual([["negation", "", "not"]]);
  });
});

describe("matchQuote in French", () => {
  it("forgives dropped accents and other quotation marks", () => {
    const quote =
      '"Nous ne retournerons pas a la table des negociations tant que les bombardements continuent"';
    const m = matchQuote(quote, fr);
    expect(m).toMatchObject({ verdict: "same-words", folded: ["diacritics"] });
    expect(spanOf(FRENCH, m)).toEqual([
      "Nous ne retournerons pas à la table des négociations tant que les bombardements continuent",
    ]);
  });

  it("reports a removed ne … pas, each part where it was", () => {
    const m = matchQuote("Nous retournerons à la table des négociations", fr);
    expect(m.verdict).toBe("altered");
    expect(summary(m)).toEqual([
      ["negation", "", "ne"],
      ["negation", "", "pas"],
    ]);
    const both = matchQuote("aucun accord qui garantit la sécurité des civils", fr);
    expect(summary(both)).toEqual([
      ["negation", "", "ne"],
      ["negation", "", "pas"],
    ]);
  });

  it("reports a removed n'", () => {
    const m = matchQuote("La Coalition nationale a déclaré lundi qu'elle accepterait aucun accord", fr);
    expect(summary(m)).toEqual([["negation", "", "n"]]);
    expect(m.differences[0]!.original).toBe("n");
  });

  it("reports a changed number and accepts an abridged quote", () => {
    expect(summary(matchQuote("Elle a recensé 800 violations du cessez-le-feu", fr))).toEqual([
      ["number", "800", "80"],
    ]);
    expect(matchQuote("Elle a recensé 80 violations […] dont plus de 30 à Deraa", fr).verdict).toBe(
      "abridged",
    );
  });
});
