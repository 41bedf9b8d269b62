import { describe, expect, it } from "vitest";
import {
  dirOf,
  fillTemplate,
  formatBytes,
  formatDate,
  formatLanguage,
  langHref,
  negotiateLang,
  otherLang,
  parseLang,
} from "./i18n";

describe("languages", () => {
  it("defaults to Arabic, right-to-left; English only when asked", () => {
    expect([parseLang(undefined), parseLang(""), parseLang("fr"), parseLang("EN"), parseLang("en")]).toEqual([
      "ar",
      "ar",
      "ar",
      "ar",
      "en",
    ]);
    expect([dirOf("ar"), dirOf("en")]).toEqual(["rtl", "ltr"]);
    expect([otherLang("ar"), otherLang("en")]).toEqual(["en", "ar"]);
    expect([
      langHref("/", "ar"),
      langHref("/", "en"),
      langHref("/?a=1", "en"),
      langHref("/s/x#q=1-2", "en"),
    ]).toEqual(["/?lang=ar", "/?lang=en", "/?a=1&lang=en", "/s/x?lang=en#q=1-2"]);
  });

  it("honours ?lang=, then Accept-Language by quality, then Arabic", () => {
    expect(negotiateLang("en", "ar")).toBe("en");
    expect(negotiateLang("ar", "en-GB,en;q=0.9")).toBe("ar");
    expect(negotiateLang(undefined, "en-GB,en;q=0.9")).toBe("en");
    expect(negotiateLang(undefined, "fr-FR, en;q=0.5, ar;q=0.8")).toBe("ar");
    expect(negotiateLang(undefined, "fr, de")).toBe("ar");
    expect(negotiateLang(undefined, "en;q=0, ar;q=0.1")).toBe("ar");
    expect(negotiateLang("xx", "EN-us")).toBe("en");
    expect(negotiateLang(undefined, undefined)).toBe("ar");
    expect(negotiateLang(undefined, "en;q=abc")).toBe("ar");
  });

  it("fills templates with markup in place of their placeholders, keeping the words around", () => {
    expect(fillTemplate("entry {n} of {size}.", { n: 1, size: 2 })).toEqual(["entry ", 1, " of ", 2, "."]);
    expect(fillTemplate("{a}{b}", { a: "x", b: "y" })).toEqual(["x", "y"]);
    expect(fillTemplate("keep {unknown} as is", {})).toEqual(["keep {unknown} as is"]);
  });

  it("formats dates in UTC with Latin digits, date-only claims as dates", () => {
    expect(formatDate("2017-05-10", "en")).toBe("10 May 2017");
    expect(formatDate("2017-05-10", "ar")).toMatch(/^10 مايو 2017$/);
    expect(formatDate("2017-05-10T12:30:00Z", "en")).toMatch(/^10 May 2017.*12:30 UTC$/);
    expect(formatDate("not a date", "en")).toBe("not a date");
    expect(formatDate(null, "en")).toBeNull();
  });

  it("formats sizes and language names", () => {
    expect(formatBytes(39, "en")).toBe("39 bytes");
    expect(formatBytes(3666, "en")).toBe("3.6 KB");
    expect(formatBytes(3666, "ar")).toBe("3.6 كيلوبايت");
    expect(formatBytes(50 * 1024 * 1024, "en")).toBe("50 MB");
    expect(formatLanguage("ar", "ar")).toBe("العربية (ar)");
    expect(formatLanguage("en", "en")).toBe("English (en)");
    expect(formatLanguage("not a tag!", "en")).toBe("not a tag!");
  });
});
