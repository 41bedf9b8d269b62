import { describe, expect, it } from "vitest";
import { RECEIPT_SCRIPT, verifyPage, VERIFY_SCRIPT } from "./verify-page";

describe("verifyPage", () => {
  it("is Arabic and right-to-left by default, English and left-to-right on request", () => {
    const ar = verifyPage({ lang: "ar" });
    expect(ar).toMatch(/^<!doctype html>\s*<html lang="ar" dir="rtl">/);
    expect(ar).toContain("تحقّق من تصريح رسمي");
    expect(ar).toContain('<a href="/?lang=en" lang="en" hreflang="en">English</a>');
    const en = verifyPage({ lang: "en" });
    expect(en).toMatch(/<html lang="en" dir="ltr">/);
    expect(en).toContain('<a href="/?lang=ar" lang="ar" hreflang="ar">العربية</a>');
  });

  it("labels every control and loads only its own script, with no inline script", () => {
    const page = verifyPage({ lang: "ar" });
    const ids = [...page.matchAll(/<(?:input|textarea)[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(["file", "sha256", "quote", "receipt-file", "receipt-original", "receipt-keys"]);
    for (const id of ids) expect(page).toContain(`<label for="${id}">`);
    expect(page).toContain('aria-live="polite"');
    const scripts = [...page.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual([` src="${VERIFY_SCRIPT}" defer`, ` src="${RECEIPT_SCRIPT}" defer`]);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).not.toMatch(/https?:\/\//);
  });
});
