import { describe, expect, it } from "vitest";
import { matchQuote } from "./quote";

const SOURCE =
  "أكد الائتلاف الوطني أن النظام يخرق اتفاق وقف إطلاق النار في درعا، مديناً هذه الخروقات، " +
  "وارتكب نحو 80 خرقاً خلال الأيام الثلاثة الماضية فقط.";

describe("matchQuote with ocr: a screenshot's words as read", () => {
  it("calls the measured OCR confusions uncertain (OCR), with the words read and the original's", () => {
    // ئ read as ث, the comma after درعا read as ء glued to it.
    const read = "أكد الاثتلاف الوطني أن النظام يخرق اتفاق وقف إطلاق النار في درعاء مديناً هذه الخروقات";
    const m = matchQuote(read, SOURCE, { ocr: true });
    expect(m.verdict).toBe("uncertain");
    expect(m.differences).toEqual([
      expect.objectContaining({ kind: "word", quote: "الاثتلاف", original: "الائتلاف", ocr: true }),
      expect.objectContaining({ kind: "word", quote: "درعاء", original: "درعا", ocr: true }),
    ]);
    expect(SOURCE.slice(m.fragments[0]!.start, m.fragments[0]!.end)).toMatch(/^أكد .* الخروقات$/u);
    // Without the option, the same reading is altered: the option is what saves it.
    expect(matchQuote(read, SOURCE).verdict).toBe("altered");
  });

  it("keeps a changed word, number or negation altered, naming it beside the confusions", () => {
    const changed = matchQuote("أكد الاثتلاف الوطني أن النظام يحترم اتفاق وقف إطلاق النار في درعاء", SOURCE, {
      ocr: true,
    });
    expect(changed.verdict).toBe("altered");
    expect(changed.differences.filter((d) => !d.ocr)).toEqual([
      expect.objectContaining({ kind: "word", quote: "يحترم", original: "يخرق" }),
    ]);
    const number = matchQuote("وارتكب نحو 30 خرقاً خلال الأيام الثلاثة الماضية", SOURCE, { ocr: true });
    expect(number.differences).toEqual([
      expect.objectContaining({ kind: "number", quote: "30", original: "80" }),
    ]);
    expect(number.verdict).toBe("altered");
    const negation = matchQuote("أن النظام لا يخرق اتفاق وقف إطلاق النار", SOURCE, { ocr: true });
    expect(negation.verdict).toBe("altered");
    expect(negation.differences).toEqual([expect.objectContaining({ kind: "negation", quote: "لا" })]);
  });

  it("changes nothing for a quote read exactly", () => {
    const m = matchQuote("النار في درعا، مديناً هذه الخروقات", SOURCE, { ocr: true });
    expect(m.verdict).toBe("verbatim");
  });

  it("reads Latin lookalikes as confusions, not a number changed", () => {
    const text = "The council did not approve the modern budget of 2015 in full.";
    const m = matchQuote("The counci1 did not approve the modem budget of 2O15 in fu11.", text, {
      ocr: true,
    });
    expect(m.verdict).toBe("uncertain");
    expect(m.differences.every((d) => d.ocr)).toBe(true);
    expect(
      matchQuote("The council did not approve the modern budget of 2016 in full.", text, { ocr: true })
        .verdict,
    ).toBe("altered");
  });
});

describe("matchQuote with ocr and the engine's unsure words", () => {
  const read = "وارتكب نحو 0 خرقاً خلال الأيام الثلاثة الماضية";
  const at = read.indexOf("0");

  it("calls a number read where the engine was unsure uncertain (OCR)", () => {
    const m = matchQuote(read, SOURCE, { ocr: true, ocrUnsure: [[at, at + 1]] });
    expect(m.verdict).toBe("uncertain");
    expect(m.differences).toEqual([
      expect.objectContaining({ kind: "number", quote: "0", original: "80", ocr: true }),
    ]);
  });

  it("keeps it altered where the engine was sure, and a word changed where it was unsure", () => {
    expect(matchQuote(read, SOURCE, { ocr: true }).verdict).toBe("altered");
    const word = "وارتكب نحو 80 خرقاً خلال الأيام الأربعة الماضية";
    const w = word.indexOf("الأربعة");
    expect(matchQuote(word, SOURCE, { ocr: true, ocrUnsure: [[w, w + 7]] }).verdict).toBe("altered");
  });
});

describe("matchQuote with ocr and what a screenshot shows besides the quote", () => {
  const quote = "أكد الاثتلاف الوطني أن النظام يخرق اتفاق وقف إطلاق النار\nفي درعاء مديناً هذه الخروقات";
  const phone = `9:41 5G 87%\nEtilaf Media @etilaf · 2h\n${quote}\nإعجاب رد مشاركة 12\n٠`;

  it("leaves out lines with no word of the original at either edge, and stray specks", () => {
    const m = matchQuote(phone, SOURCE, { ocr: true });
    expect(m.verdict).toBe("uncertain");
    expect(m.differences.every((d) => d.ocr)).toBe(true);
    expect(m.fragments[0]!.quoteStart).toBe(phone.indexOf(quote));
  });

  it("still names a word changed inside the quote", () => {
    const m = matchQuote(phone.replace("يخرق", "يحترم"), SOURCE, { ocr: true });
    expect(m.verdict).toBe("altered");
    expect(m.differences.filter((d) => !d.ocr)).toEqual([
      expect.objectContaining({ quote: "يحترم", original: "يخرق" }),
    ]);
  });
});
