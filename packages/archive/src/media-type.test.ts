import { describe, expect, it } from "vitest";
import { cleanMediaType, mediaTypeEssence } from "./media-type";
import { isArchiveError } from "./errors";

describe("mediaTypeEssence (RFC 9110 §8.3.1)", () => {
  it("keeps type/subtype in lower case and drops well-formed parameters", () => {
    expect(mediaTypeEssence("application/pdf")).toBe("application/pdf");
    expect(mediaTypeEssence('Text/HTML; Charset="windows-1256"; q=1')).toBe("text/html");
    expect(mediaTypeEssence("text/plain;format=flowed")).toBe("text/plain");
    expect(mediaTypeEssence('text/plain ; a=b ;; c="x\\"y"')).toBe("text/plain");
    expect(mediaTypeEssence("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
  });

  it("refuses what is not a media type", () => {
    for (const value of [
      "<script>alert(1)</script>",
      "pdf",
      "text/",
      "/plain",
      "text/plain/x",
      "text /plain",
      "text/plain; a",
      "text/plain; a=",
      "text/plain; a=b c",
      'text/plain; a="open',
      "text/plain\r\nx-injected: 1",
      "تطبيق/pdf",
      `a/${"b".repeat(255)}`,
    ]) {
      expect(mediaTypeEssence(value), value).toBeUndefined();
    }
  });
});

describe("cleanMediaType", () => {
  it("is null for nothing, the essence for a media type, and a 400 naming the field otherwise", () => {
    expect(cleanMediaType(undefined)).toBeNull();
    expect(cleanMediaType("  ")).toBeNull();
    expect(cleanMediaType(" Text/Plain; charset=utf-8 ")).toBe("text/plain");
    try {
      cleanMediaType("<script>", "Content-Type");
      expect.unreachable();
    } catch (e) {
      expect(isArchiveError(e, "BAD_REQUEST")).toBe(true);
      expect((e as Error).message).toMatch(/^Content-Type: not a media type/);
      expect((e as { details: unknown }).details).toEqual({ field: "Content-Type" });
    }
  });
});
