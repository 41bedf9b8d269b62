import { describe, expect, it } from "vitest";
import { isOcrReading } from "./ocr-verdict";

describe("isOcrReading: what OCR may make of a word", () => {
  it("forgives the same skeleton (ocr-skeleton.ts)", () => {
    expect(isOcrReading("الاثتلاف", "الائتلاف")).toBe(true);
    expect(isOcrReading("درعاء", "درعا،")).toBe(true);
  });

  it("forgives one letter shape in a long word, as measured on renders of the seed", () => {
    expect(isOcrReading("الائنتلاف", "الائتلاف")).toBe(true); // an extra tooth
    expect(isOcrReading("لتبيئة", "لتهيئة")).toBe(true); // medial ه read as a tooth
    expect(isOcrReading("لإيقاغها", "لإيقافها")).toBe(true); // initial ف read as غ
    expect(isOcrReading("يعان مجلس", "يعلن المجلس")).toBe(true); // the article lost in a ligature
    expect(isOcrReading("ف", "في")).toBe(true); // a final yeh stacked under feh
  });

  it("forgives a stray mark where the original has nothing, not a word", () => {
    expect(isOcrReading("ء", "")).toBe(true);
    expect(isOcrReading("ت", "")).toBe(true);
    expect(isOcrReading("لا", "")).toBe(false);
    expect(isOcrReading("", "و")).toBe(false);
  });

  it("never forgives a number, a negation, a short word or two shapes", () => {
    expect(isOcrReading("0", "80")).toBe(false);
    expect(isOcrReading("90 خرقاً", "80 خرقاً")).toBe(false);
    expect(isOcrReading("يتم", "تم")).toBe(false);
    expect(isOcrReading("ولا يقبل", "ولم يقبل")).toBe(false);
    expect(isOcrReading("الروسية", "الإيرانية")).toBe(false);
    expect(isOcrReading("المعارضة", "المفاوضة")).toBe(false);
    expect(isOcrReading("الشرعية", "الشعبية")).toBe(false);
  });
});
