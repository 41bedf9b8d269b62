import { describe, expect, it } from "vitest";
import { matchQuote } from "./quote";
import { prepareDocument } from "./document";
import { NORMALIZATION_VERSION } from "./normalize";
import { SEED_TEXT } from "./__fixtures__/seed";
import { at, quoted, seed, spans, summary } from "./__fixtures__/seed-match";

describe("matchQuote on the seed statement: what changes meaning is never authentic", () => {
  it("reports a changed number (80 → 90) with both sides' offsets", () => {
    const quote = "ارتكبت نحو 90 خرقاً لاتفاق وقف إطلاق النار";
    const m = matchQuote(quote, seed);
    expect(m.verdict).toBe("altered");
    const eighty = SEED_TEXT.indexOf("80");
    expect(m.differences).toEqual([
      {
        kind: "number",
        quote: "90",
        original: "80",
        start: eighty,
        end: eighty + 2,
        quoteStart: 11,
        quoteEnd: 13,
      },
    ]);
    expect(spans(m)).toEqual(["ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار"]);
  });

  it("reports a changed number written in Arabic-Indic digits (٨٠ → ٩٠)", () => {
    const m = matchQuote("ارتكبت نحو ٩٠ خرقاً لاتفاق وقف إطلاق النار", seed);
    expect(m.verdict).toBe("altered");
    expect(m.differences.map((d) => [d.kind, d.quote, d.original])).toEqual([["number", "٩٠", "80"]]);
    expect(m.folded).toEqual([]);
  });

  it("reports a removed negation (لا يمكن → يمكن)", () => {
    const quote = "والتي يمكن أن يكتب لها النجاح";
    const m = matchQuote(quote, seed);
    expect(m.verdict).toBe("altered");
    const la = at("لا يمكن أن يكتب");
    expect(m.differences).toEqual([
      {
        kind: "negation",
        quote: "",
        original: "لا",
        start: la.start,
        end: la.start + 2,
        quoteStart: 5,
        quoteEnd: 5,
      },
    ]);
    expect(spans(m)).toEqual(["والتي لا يمكن أن يكتب لها النجاح"]);
  });

  it("reports an added negation (كان → لم يكن)", () => {
    const m = matchQuote("خلال الأيام الثلاثة الماضية فقط، لم يكن بينها أكثر من 30 خرقاً", seed);
    expect(m.verdict).toBe("altered");
    expect(m.differences.map((d) => [d.kind, d.quote, d.original])).toEqual([["negation", "لم يكن", "كان"]]);
  });

  it("reports an added غير", () => {
    const m = matchQuote("ولفت الائتلاف الوطني إلى أن العدوان على درعا وريفها غير مستمر", seed);
    expect(m.differences.map((d) => [d.kind, d.quote, d.original])).toEqual([["negation", "غير", ""]]);
  });

  it("does not let a quote start right after the original's negation", () => {
    const quote = "يمكن أن يكتب لها النجاح ما لم يتوفر الحد الأدنى من احترام وقف إطلاق النار";
    const m = matchQuote(quote, seed);
    expect(m.verdict).toBe("altered");
    const la = at("لا يمكن").start;
    expect(m.differences).toEqual([
      { kind: "negation", quote: "", original: "لا", start: la, end: la + 2, quoteStart: 0, quoteEnd: 0 },
    ]);
    expect(m.fragments[0]).toMatchObject(at(quote));
  });

  it("does not let an ellipsis hide a negation next to the quoted words", () => {
    const m = matchQuote(
      "أياماً قليلة فقط تفصلنا عن جولة من المفاوضات في جنيف، والتي … يمكن أن يكتب لها النجاح",
      seed,
    );
    expect(m.verdict).toBe("altered");
    expect(m.differences.map((d) => [d.kind, d.original])).toEqual([["negation", "لا"]]);
    expect(m.fragments).toHaveLength(2);
  });

  it("lets an ellipsis leave out a clause whose negation is far from its edges", () => {
    // Left out: "عن جولة … والتي لا يمكن أن يكتب لها النجاح ما لم يتوفر الحد الأدنى من".
    const m = matchQuote("أياماً قليلة فقط تفصلنا … احترام وقف إطلاق النار", seed);
    expect(m.verdict).toBe("abridged");
    // The same omission stopping right after لا, or starting with it, is flagged.
    expect(matchQuote("أياماً قليلة فقط تفصلنا … الحد الأدنى من احترام", seed).verdict).toBe("altered");
    expect(matchQuote("والتي … الحد الأدنى من احترام وقف إطلاق النار", seed).verdict).toBe("altered");
  });

  it("reports a swapped word with the original's words", () => {
    const m = matchQuote("قوات النظام، مدعومة بطائرات حربية إيرانية وميليشيات تابعة", seed);
    expect(m.verdict).toBe("altered");
    expect(m.differences).toMatchObject([
      { kind: "word", quote: "إيرانية", original: "روسية", ...at("روسية") },
    ]);
  });

  it("reports a dropped word and an added word", () => {
    const dropped = matchQuote("قوات النظام، مدعومة بطائرات روسية، وميليشيات تابعة", seed);
    expect(dropped.differences).toMatchObject([{ kind: "missing", quote: "", original: "حربية" }]);
    const added = matchQuote("قوات النظام، مدعومة بطائرات حربية حديثة روسية", seed);
    expect(added.differences).toMatchObject([{ kind: "extra", quote: "حديثة", original: "" }]);
    expect(added.differences[0]!.start).toBe(added.differences[0]!.end);
  });

  it("reports a sentence spliced from two places, with where each part is", () => {
    const first = "ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار";
    const second = "وأن جميع أطراف المجتمع الدولي تتحمل اليوم مسؤولية ما يحصل هناك";
    const quote = `${first} ${second}`;
    const m = matchQuote(quote, seed);
    expect(m.verdict).toBe("altered");
    expect(spans(m)).toEqual([first, second]);
    expect(quoted(m, quote)).toEqual([first, second]);
    // The longer part anchors the alignment; the other is reported as spliced in.
    expect(m.differences).toEqual([
      { kind: "splice", quote: first, original: first, ...at(first), quoteStart: 0, quoteEnd: first.length },
    ]);
  });

  it("reports a splice where the second part comes first in the original", () => {
    const m = matchQuote(
      "وأن جميع أطراف المجتمع الدولي تتحمل اليوم مسؤولية ما يحصل هناك، قوات النظام مدعومة بطائرات حربية روسية",
      seed,
    );
    expect(m.verdict).toBe("altered");
    expect(m.differences.map((d) => d.kind)).toEqual(["splice"]);
  });

  it("reports a splice past the end of the original, and fragments out of order that also differ", () => {
    const tail = "المصدر: الدائرة الإعلامية للائتلاف الوطني السوري";
    const m = matchQuote(`${tail} ارتكبت نحو 80 خرقاً`, seed);
    expect(m.verdict).toBe("altered");
    expect(summary(m)).toEqual([["splice", "ارتكبت نحو 80 خرقاً", "ارتكبت نحو 80 خرقاً"]]);
    expect(spans(m)).toEqual([tail, "ارتكبت نحو 80 خرقاً"]);
    const swapped = matchQuote(
      "والتي لا يمكن أن يكتب لها النجاح … أياماً جداً قليلة تفصلنا عن جولة من المفاوضات",
      seed,
    );
    expect(swapped.verdict).toBe("altered");
    expect(summary(swapped)).toEqual([
      [
        "splice",
        "أياماً جداً قليلة تفصلنا عن جولة من المفاوضات",
        "أياماً قليلة فقط تفصلنا عن جولة من المفاوضات",
      ],
      ["extra", "جداً", ""],
      ["missing", "", "فقط"],
    ]);
  });

  it("reports a fragment with no word in the original as extra, after the fragment before it", () => {
    const first = "ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار";
    const m = matchQuote(`${first} … foo bar baz`, seed);
    expect(m.verdict).toBe("altered");
    const end = at(first).end;
    expect(m.differences).toEqual([
      {
        kind: "extra",
        quote: "foo bar baz",
        original: "",
        start: end,
        end,
        quoteStart: first.length + 3,
        quoteEnd: first.length + 14,
      },
    ]);
  });

  it("reports words left out without an ellipsis as missing", () => {
    const m = matchQuote("أياماً قليلة فقط تفصلنا عن جولة من المفاوضات لا يمكن أن يكتب لها النجاح", seed);
    expect(m.verdict).toBe("altered");
    expect(m.differences).toMatchObject([{ kind: "missing", original: "في جنيف، والتي" }]);
  });

  it("reports ellipsis fragments given in the wrong order as a splice", () => {
    const m = matchQuote("والتي لا يمكن أن يكتب لها النجاح … أياماً قليلة فقط تفصلنا", seed);
    expect(m.verdict).toBe("altered");
    expect(m.differences).toMatchObject([{ kind: "splice", quote: "أياماً قليلة فقط تفصلنا" }]);
  });

  it("reports an altered fragment of an abridged quote", () => {
    const m = matchQuote("ارتكبت نحو 80 خرقاً … أكثر من 40 خرقاً في مدينة درعا", seed);
    expect(m.verdict).toBe("altered");
    expect(m.differences.map((d) => [d.kind, d.quote, d.original])).toEqual([["number", "40", "30"]]);
    expect(m.fragments).toHaveLength(2);
  });

  it("reports a changed separator between digit groups as a changed number", () => {
    const doc = "وثّق الائتلاف 1,500 خرق و١٬٢٠٠ ضحية و2٫5 مليون نازح";
    expect(matchQuote("وثق الائتلاف 1.500 خرق", doc).differences).toMatchObject([
      { kind: "number", quote: "1.500", original: "1,500" },
    ]);
    expect(matchQuote("وثق الائتلاف 1,500 خرق و1,200 ضحية و2.5 مليون", doc)).toMatchObject({
      verdict: "same-words",
      folded: ["punctuation", "diacritics", "digits"],
    });
    expect(matchQuote("و1,200 ضحية و2.5 مليون نازح", doc).verdict).toBe("same-words");
    expect(matchQuote("و1200 ضحية و2.5 مليون نازح", doc).verdict).toBe("altered");
  });

  it("does not take a dash between years for a number separator", () => {
    const doc = "قُتل في الفترة 2017–2018 أكثر من 30 مدنياً";
    expect(matchQuote("في الفترة 2017-2018 أكثر من 30", doc)).toMatchObject({
      verdict: "same-words",
      folded: ["punctuation"],
    });
  });

  it("only counts a negation right before the quote when nothing but spaces separates them", () => {
    const doc = "لا، يمكن أن ننجح معاً إذا توقف القصف";
    expect(matchQuote("يمكن أن ننجح معاً", doc).verdict).toBe("verbatim");
    expect(matchQuote("لا، يمكن أن ننجح", doc).verdict).toBe("verbatim");
    expect(matchQuote("لا\u200F يمكن أن ننجح", "قال لا\u200F يمكن أن ننجح").verdict).toBe("verbatim");
    expect(matchQuote("يمكن أن ننجح", "قال لا\u200F يمكن أن ننجح").verdict).toBe("altered");
  });

  it("reports a whole-statement quote with one changed word, across alignment chunks", () => {
    const tokens = seed.tokens;
    const t = tokens[300]!;
    const quote = SEED_TEXT.slice(0, t.start) + "كلمة" + SEED_TEXT.slice(t.end);
    const m = matchQuote(quote, seed);
    expect(m.verdict).toBe("altered");
    expect(m.differences).toMatchObject([{ kind: "word", quote: "كلمة", start: t.start, end: t.end }]);
    expect(matchQuote(SEED_TEXT, seed).verdict).toBe("verbatim");
  });

  it("reports a word dropped at the boundary between alignment chunks as missing", () => {
    const t = seed.tokens[256]!;
    const quote = SEED_TEXT.slice(0, t.start) + SEED_TEXT.slice(t.end);
    const m = matchQuote(quote, seed);
    expect(m.verdict).toBe("altered");
    expect(m.differences).toMatchObject([
      { kind: "missing", original: SEED_TEXT.slice(t.start, t.end), start: t.start },
    ]);
  });

  it("does not find what is not there", () => {
    for (const quote of [
      "",
      " … «» ",
      "hello world, this is not in the statement",
      "قال الرئيس إن الحرب انتهت",
    ]) {
      expect(matchQuote(quote, seed)).toEqual({
        verdict: "not-found",
        normalization: NORMALIZATION_VERSION,
        fragments: [],
        folded: [],
        differences: [],
      });
    }
  });

  it("does not take a quote spliced from two documents for either", () => {
    const other = prepareDocument(
      "The ceasefire holds in the south. The coalition will attend the talks in Geneva.",
    );
    const quote = "ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار The coalition will attend the talks in Geneva";
    for (const doc of [seed, other]) {
      expect(["altered", "not-found"]).toContain(matchQuote(quote, doc).verdict);
    }
    const m = matchQuote(
      "ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار، خلال الأيام الثلاثة the talks in Geneva",
      seed,
    );
    expect(m.verdict).toBe("altered");
    expect(m.differences.map((d) => [d.kind, d.quote, d.original])).toEqual([
      ["word", "the talks in Geneva", "الماضية فقط، كان بينها"],
    ]);
  });
});
