import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { matchQuote } from "./quote";
import { confirmAlterations, READINGS_DISAGREE } from "./ocr-confirm";
import { isNegation } from "./negation";
import { seed } from "./__fixtures__/seed-match";
import { SEED_TEXT } from "./__fixtures__/seed";

const GENUINE = "أن النظام وداعميه يخرقون اتفاق وقف إطلاق النار في درعا، مديناً هذه الخروقات";
const read = (text: string) => matchQuote(text, seed, { ocr: true });

describe("confirmAlterations: a second reading of the screenshot must confirm each alteration", () => {
  it("keeps a fabricated word that both readings show altered, naming it", () => {
    const fabricated = GENUINE.replace("يخرقون", "يحترمون");
    // The second reading has its own confusion elsewhere (ئ read as ث is one OCR makes).
    const second = read(fabricated.replace("الخروقات", "الخروقاث"));
    const m = confirmAlterations(read(fabricated), second);
    expect(m.verdict).toBe("altered");
    expect(m.differences.filter((d) => !d.ocr)).toEqual([
      expect.objectContaining({ quote: "يحترمون", original: "يخرقون" }),
    ]);
  });

  it("puts a misread that only one reading shows down to OCR: uncertain, saying the readings disagree", () => {
    // Amiri's stacked lam–mim lost its lam and alef: "المجتمع" read as "اجتمع" (measured).
    const misread = "مديناً هذه الخروقات، وداعياً اجتمع الدولي لتحمل المسؤولية وإيقاف القصف";
    const first = read(misread);
    expect(first.verdict).toBe("altered");
    const m = confirmAlterations(first, read(misread.replace("اجتمع", "المجتمع")));
    expect(m.verdict).toBe("uncertain");
    expect(m.differences).toEqual([
      expect.objectContaining({
        quote: "اجتمع",
        original: "المجتمع",
        ocr: true,
        ocrReason: READINGS_DISAGREE,
      }),
    ]);
    // And the other way round: the first reading's misread is the second's right reading.
    expect(confirmAlterations(read(misread.replace("اجتمع", "المجتمع")), first).verdict).toBe("verbatim");
  });

  it("keeps a negation dropped in both readings altered", () => {
    const dropped = "أسفرت عن وقوع مجازر راح ضحيتها ما يقل عن 47 شهيداً، أغلبهم مدنيون";
    const m = confirmAlterations(read(dropped), read(dropped.replace("مجازر", "مجازر،")));
    expect(m.verdict).toBe("altered");
    expect(m.differences.filter((d) => !d.ocr)).toEqual([expect.objectContaining({ kind: "negation" })]);
  });

  it("downgrades nothing when the second reading found nothing or another place", () => {
    const first = read(GENUINE.replace("يخرقون", "يحترمون"));
    expect(confirmAlterations(first, undefined)).toBe(first);
    expect(confirmAlterations(first, read("نص آخر لا صلة له بالبيان أبداً هنا"))).toBe(first);
    const elsewhere = read("ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار، خلال الأيام الثلاثة الماضية فقط");
    expect(elsewhere.verdict).not.toBe("not-found");
    expect(confirmAlterations(first, elsewhere)).toBe(first);
  });
});

/** 6–30 of the seed's words, not right after a negation (which makes any part of it altered). */
const tokens = seed.tokens;
const RUNS = 60;
const run = fc
  .tuple(fc.nat(tokens.length - 7), fc.integer({ min: 6, max: 30 }), fc.nat())
  .filter(([start]) => start === 0 || !isNegation(tokens[start - 1]!.norm))
  .map(([start, length, at]) => {
    const end = Math.min(tokens.length, start + length);
    const word = tokens[start + (at % (end - start))]!;
    const text = SEED_TEXT.slice(tokens[start]!.start, tokens[end - 1]!.end);
    return { text, from: word.start - tokens[start]!.start, to: word.end - tokens[start]!.start };
  });

describe("confirmAlterations on the seed", () => {
  it("keeps any one-word fabrication both readings show altered, and names it", () => {
    fc.assert(
      fc.property(run, ({ text, from, to }) => {
        const fabricated = text.slice(0, from) + "بطيخ" + text.slice(to);
        const first = read(fabricated);
        fc.pre(first.verdict === "altered");
        const m = confirmAlterations(first, read(fabricated));
        expect(m.verdict).toBe("altered");
        expect(m.differences.some((d) => !d.ocr && d.quote.includes("بطيخ"))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("never leaves a word only one reading changed altered", () => {
    fc.assert(
      fc.property(run, ({ text, from, to }) => {
        const misread = read(text.slice(0, from) + "بطيخ" + text.slice(to));
        fc.pre(misread.verdict === "altered");
        expect(confirmAlterations(misread, read(text)).verdict).toBe("uncertain");
      }),
      { numRuns: RUNS },
    );
  });
});
