import { describe, expect, it } from "vitest";
import { matchQuote } from "./quote";
import { prepareDocument } from "./document";
import { NORMALIZATION_VERSION } from "./normalize";
import { SEED_TEXT } from "./__fixtures__/seed";
import { at, quoted, seed, spans } from "./__fixtures__/seed-match";

describe("matchQuote on the seed statement: what copying changes is forgiven", () => {
  it("finds a verbatim sentence at its offsets", () => {
    const quote = "ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار، خلال الأيام الثلاثة الماضية فقط";
    const m = matchQuote(quote, SEED_TEXT);
    expect(m).toEqual({
      verdict: "verbatim",
      normalization: NORMALIZATION_VERSION,
      fragments: [{ ...at(quote), quoteStart: 0, quoteEnd: quote.length }],
      folded: [],
      differences: [],
    });
  });

  it("ignores quotation marks around the quote, and reports the span inside them", () => {
    const quote = "«أياماً قليلة فقط تفصلنا عن جولة من المفاوضات في جنيف»";
    const m = matchQuote(quote, seed);
    expect(m.verdict).toBe("verbatim");
    expect(m.fragments).toEqual([{ ...at(quote.slice(1, -1)), quoteStart: 1, quoteEnd: quote.length - 1 }]);
  });

  it("forgives extra spaces and line breaks as whitespace, still verbatim", () => {
    const m = matchQuote("ارتكبت   نحو\n80\r\n خرقاً  لاتفاق", seed);
    expect(m).toMatchObject({ verdict: "verbatim", folded: ["whitespace"] });
    expect(m.fragments[0]).toMatchObject(at("ارتكبت نحو 80 خرقاً لاتفاق"));
  });

  it("finds the quote with tashkeel added", () => {
    const m = matchQuote("ارْتَكَبَتْ نَحْوَ 80 خَرْقاً لِاتِّفَاقِ وَقْفِ إِطْلاقِ النَّارِ", seed);
    expect(m).toMatchObject({ verdict: "same-words", folded: ["diacritics"], differences: [] });
    expect(spans(m)).toEqual(["ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار"]);
  });

  it("finds the quote with tashkeel removed", () => {
    const m = matchQuote("مدينا هذه الخروقات وداعيا المجتمع الدولي", seed);
    expect(m).toMatchObject({ verdict: "same-words", folded: ["punctuation", "diacritics"] });
    expect(m.fragments[0]).toMatchObject(at("مديناً هذه الخروقات، وداعياً المجتمع الدولي"));
  });

  it("finds the quote with alef, hamza and ta marbuta variants", () => {
    const m = matchQuote("الائتلاف ان مخاطر حقيقيه تهدد حياه المدنيين في المنطقه", seed);
    expect(m).toMatchObject({ verdict: "same-words", folded: ["alef variants", "ta marbuta"] });
    expect(spans(m)).toEqual(["الائتلاف أن مخاطر حقيقية تهدد حياة المدنيين في المنطقة"]);
    const hamza = matchQuote("الاءتلاف أن مخاطر حقيقية", seed);
    expect(hamza).toMatchObject({ verdict: "same-words", folded: ["hamza variants"] });
  });

  it("finds the quote with ya variants (ى, ی) and kaf variants", () => {
    expect(matchQuote("العدوان علي درعا وريفها مستمر", seed)).toMatchObject({
      verdict: "same-words",
      folded: ["ya variants"],
    });
    expect(matchQuote("العدوان علی درعا وريفها مستمر", seed).folded).toEqual(["ya variants"]);
    expect(matchQuote("إضافة إلى بلدات وقری أخری", seed).verdict).toBe("same-words");
  });

  it("finds the quote with Latin punctuation and other quotation marks", () => {
    const quote = '"أياماً قليلة فقط تفصلنا عن جولة من المفاوضات في جنيف, والتي لا يمكن أن يكتب لها النجاح"';
    const m = matchQuote(quote, seed);
    expect(m).toMatchObject({ verdict: "same-words", folded: ["punctuation"], differences: [] });
    expect(spans(m)).toEqual([
      "أياماً قليلة فقط تفصلنا عن جولة من المفاوضات في جنيف، والتي لا يمكن أن يكتب لها النجاح",
    ]);
  });

  it("finds the quote with Arabic-Indic digits for 80", () => {
    const m = matchQuote("ارتكبت نحو ٨٠ خرقاً", seed);
    expect(m).toMatchObject({ verdict: "same-words", folded: ["digits"] });
    expect(m.fragments[0]).toMatchObject(at("ارتكبت نحو 80 خرقاً"));
  });

  it("finds the quote with invisible characters and tatweel", () => {
    const m = matchQuote("\u200Fقوات النظـــام\u200C، مدعومة", seed);
    expect(m).toMatchObject({ verdict: "same-words", folded: ["invisible characters", "tatweel"] });
  });

  it("finds a quote with omissions marked by ellipses, each fragment at its offsets", () => {
    const quote =
      "أكد الائتلاف الوطني لقوى الثورة والمعارضة السورية أن النظام وداعميه يخرقون اتفاق وقف إطلاق النار في درعا … وإيقاف القصف [...] لعقد جولة جديدة من المفاوضات في جنيف";
    const m = matchQuote(quote, seed);
    expect(m.verdict).toBe("abridged");
    expect(spans(m)).toEqual([
      "أكد الائتلاف الوطني لقوى الثورة والمعارضة السورية أن النظام وداعميه يخرقون اتفاق وقف إطلاق النار في درعا",
      "وإيقاف القصف",
      "لعقد جولة جديدة من المفاوضات في جنيف",
    ]);
    expect(quoted(m, quote)).toEqual(spans(m));
    expect(m.fragments[2]).toMatchObject(at("لعقد جولة جديدة من المفاوضات في جنيف"));
  });

  it("folds inside abridged fragments too", () => {
    const m = matchQuote("ارتكبت نحو ٨٠ خرقاً ... أكثر من 30 خرقا", seed);
    expect(m).toMatchObject({ verdict: "abridged", folded: ["diacritics", "digits"] });
  });

  it("treats leading and trailing ellipses as a plain quote from the middle", () => {
    expect(matchQuote("… مخاطر حقيقية تهدد حياة المدنيين …", seed).verdict).toBe("verbatim");
  });

  it("treats fragments that touch in the original (its own ellipsis) as one span", () => {
    const doc = "قال المتحدث: نحن مستعدون ... للتفاوض فوراً.";
    expect(matchQuote("نحن مستعدون ... للتفاوض فوراً", doc)).toMatchObject({
      verdict: "verbatim",
      fragments: [{ start: 13, end: 42 }],
    });
    expect(matchQuote("نحن مستعدون … للتفاوض فوراً", doc)).toMatchObject({
      verdict: "same-words",
      folded: ["punctuation"],
    });
  });

  it("takes the verbatim occurrence of a phrase that occurs several times", () => {
    const doc = "قال: وقفُ إطلاق النار. ثم قال: وقف إطلاق النار.";
    const m = matchQuote("وقف إطلاق النار", doc);
    expect(m).toMatchObject({ verdict: "verbatim", fragments: [{ start: 31, end: 46 }] });
    expect(matchQuote("وقفَ إطلاق النار", doc)).toMatchObject({
      verdict: "same-words",
      fragments: [{ start: 5 }],
    });
  });
});

describe("matchQuote cost", () => {
  // Bounded work rather than a stopwatch (no test asserts a timing; 2 shared cores make it flaky):
  // the alignment windows and vote budget are what keep it fast; `npm run bench -- quote` times it.
  it("finds, misses and flags quotes in a 10 MB document", () => {
    const marker = "وأعلن المتحدث باسم الائتلاف اليوم بدء جولة جديدة من المباحثات";
    const copies = Math.ceil(5_000_000 / SEED_TEXT.length);
    const half = SEED_TEXT.repeat(copies);
    const big = `${half}\n${marker}\n${half}`;
    expect(big.length * 2).toBeGreaterThan(10_000_000); // UTF-16 bytes
    const doc = prepareDocument(big);
    const found = matchQuote(marker, doc);
    expect(found.verdict).toBe("verbatim");
    expect(found.fragments[0]!.start).toBe(half.length + 1);
    expect(matchQuote("وأعلن المتحدث باسم الائتلاف اليوم بدء جولة جديدة من المفاوضات", doc).verdict).toBe(
      "altered",
    );
    expect(
      matchQuote("ارتكبت نحو 90 خرقاً لاتفاق وقف إطلاق النار، خلال الأيام الثلاثة الماضية", doc).verdict,
    ).toBe("altered");
    expect(matchQuote("كان بينها أكثر من 30 خرقاً … أغلبهم مدنيون", doc).verdict).toBe("abridged");
    expect(matchQuote("في درعا في درعا في درعا في جنيف في جنيف", doc).verdict).toBe("not-found");
  });
});
