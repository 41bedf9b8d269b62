import { describe, expect, it } from "vitest";
import { ocrSkeleton } from "./ocr-skeleton";

const isOcrConfusion = (a: string, b: string): boolean => ocrSkeleton(a) === ocrSkeleton(b);

describe("ocrSkeleton: what OCR cannot tell apart", () => {
  it("forgives the confusions measured on renders of the seed (issue #18)", () => {
    // The Arabic comma read as ء glued to the word before it.
    expect(isOcrConfusion("درعاء", "درعا،")).toBe(true);
    expect(isOcrConfusion("الخروقاتء", "الخروقات")).toBe(true);
    // ئ read as ث (both a tooth when connected), ف read as غ between two connections.
    expect(isOcrConfusion("الاثتلاف", "الائتلاف")).toBe(true);
    expect(isOcrConfusion("الغضب", "الفضب")).toBe(true);
  });

  it("forgives lost and added dots within a letter family, ة↔ه, ى↔ي and hamza seats", () => {
    expect(isOcrConfusion("بيت", "ثنت")).toBe(true);
    expect(isOcrConfusion("مدينه", "مدينة")).toBe(true);
    expect(isOcrConfusion("علي", "على")).toBe(true);
    expect(isOcrConfusion("اكد", "أكد")).toBe(true);
    expect(isOcrConfusion("وان", "ولن")).toBe(true); // connected lam is a stroke like alef
    expect(isOcrConfusion("حرب", "خرب")).toBe(true);
  });

  it("keeps the shape of a letter's position: final ن is not final ي, final ق is not final ف", () => {
    expect(isOcrConfusion("من", "مي")).toBe(false);
    expect(isOcrConfusion("نمن", "يمن")).toBe(true); // initial: a tooth either way
    expect(isOcrConfusion("حق", "حف")).toBe(false);
    expect(isOcrConfusion("عرب", "غرب")).toBe(true);
    expect(isOcrConfusion("عرب", "فرب")).toBe(false); // initial ع is not a loop
  });

  it("forgives Latin lookalikes and the pairs OCR merges", () => {
    expect(isOcrConfusion("modern", "modem")).toBe(true);
    expect(isOcrConfusion("Wor1d", "world")).toBe(true);
    expect(isOcrConfusion("2O15", "2015")).toBe(true);
    expect(isOcrConfusion("c1ear", "dear")).toBe(true);
    expect(isOcrConfusion("vvar", "war")).toBe(true);
  });

  it("never forgives another word, another number or a negation", () => {
    expect(isOcrConfusion("2016", "2015")).toBe(false);
    expect(isOcrConfusion("80", "30")).toBe(false);
    expect(isOcrConfusion("لا يقل", "يقل")).toBe(false);
    expect(isOcrConfusion("not acceptable", "acceptable")).toBe(false);
    expect(isOcrConfusion("الروسية", "الإيرانية")).toBe(false);
    expect(isOcrConfusion("شهيداً", "جريحاً")).toBe(false);
  });

  it("ignores punctuation, spaces, case and tashkeel, and folds presentation forms", () => {
    expect(ocrSkeleton("مُدِيناً،")).toBe(ocrSkeleton("مدينا"));
    expect(ocrSkeleton("ﻻ")).toBe(ocrSkeleton("لا"));
    expect(ocrSkeleton("Hello, World!")).toBe(ocrSkeleton("hello world"));
  });
});
