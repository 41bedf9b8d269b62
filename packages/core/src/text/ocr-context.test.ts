import { describe, expect, it } from "vitest";
import { isChromeLine } from "./ocr-context";
import { matchQuote } from "./quote";

const SOURCE =
  "أكد الائتلاف الوطني أن النظام يخرق اتفاق وقف إطلاق النار في درعا، مديناً هذه الخروقات، " +
  "وارتكب نحو 80 خرقاً خلال الأيام الثلاثة الماضية فقط.";
const QUOTE = "أكد الاثتلاف الوطني أن النظام يخرق اتفاق وقف إطلاق النار\nفي درعاء مديناً هذه الخروقات";
const ADDED = "ودعا المجتمع الدولي إلى محاسبة المسؤولين عنها";

describe("isChromeLine: what a line at a screenshot's edge may be besides the quote", () => {
  it("takes status bars, names, handles, times, counts and action labels for chrome", () => {
    for (const line of [
      "9:41 5G 87%",
      "Etilaf Media @etilaf · 2h",
      "@etilaf",
      "إعجاب رد مشاركة 12",
      "الائتلاف الوطني السوري",
      "Reply Repost Like 1.2K",
      "٠",
      "لا2", // a phone's back arrow and avatar, as read (tests/corpus/ocr, Noto Naskh 17px phone)
    ])
      expect(isChromeLine(line), line).toBe(true);
  });

  it("takes a sentence, or any line with a negation, for words of the quote", () => {
    expect(isChromeLine(ADDED)).toBe(false);
    expect(isChromeLine("The council will pay for it")).toBe(false);
    expect(isChromeLine("لن نقبل")).toBe(false);
    expect(isChromeLine("not true")).toBe(false);
  });
});

describe("matchQuote with ocr: an edge line in which no word matched", () => {
  it("reports a sentence added on a line of its own after the quote", () => {
    for (const read of [`${QUOTE}\n${ADDED}`, `${QUOTE}\n${ADDED}\nإعجاب رد مشاركة 12`]) {
      const m = matchQuote(read, SOURCE, { ocr: true });
      expect(m.verdict).toBe("altered");
      const real = m.differences.filter((d) => !d.ocr);
      expect(real.some((d) => d.quote.includes("محاسبة"))).toBe(true);
    }
  });

  it("reports it even where a word of it was read unsure and the original goes on with a number", () => {
    // The added sentence is aligned against the original's next words, which hold "80": a number
    // difference, but no misread number.
    const read = `${QUOTE}\n${ADDED}`;
    const at = read.indexOf(ADDED);
    const m = matchQuote(read, SOURCE, { ocr: true, ocrUnsure: [[at, at + 4]] });
    expect(m.verdict).toBe("altered");
    expect(m.differences.some((d) => !d.ocr && d.quote.includes("محاسبة"))).toBe(true);
  });

  it("reports a sentence added on a line of its own before the quote", () => {
    const m = matchQuote(`9:41 5G 87%\n${ADDED}\n${QUOTE}`, SOURCE, { ocr: true });
    expect(m.verdict).toBe("altered");
    expect(m.differences.some((d) => !d.ocr && d.quote.includes("محاسبة"))).toBe(true);
  });

  it("still leaves out the chrome around a genuine quote", () => {
    const m = matchQuote(`9:41 5G 87%\nEtilaf Media @etilaf · 2h\n${QUOTE}\nإعجاب رد مشاركة 12`, SOURCE, {
      ocr: true,
    });
    expect(m.verdict).toBe("uncertain");
    expect(m.differences.every((d) => d.ocr)).toBe(true);
  });
});
