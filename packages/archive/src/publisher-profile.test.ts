import { describe, expect, it } from "vitest";
import { isArchiveError } from "./errors";
import { mergeProfile, summarize } from "./publisher-profile";

const fieldOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return isArchiveError(e, "BAD_REQUEST") ? String(e.details.field) : String(e);
  }
};

describe("publisher profiles", () => {
  it("takes the given name, else the English, else the Arabic one, as the default name", () => {
    expect(mergeProfile(undefined, { names: { ar: "وزارة", en: "Ministry" } }).name).toBe("Ministry");
    expect(mergeProfile(undefined, { names: { ar: "وزارة" } }).name).toBe("وزارة");
    expect(mergeProfile(undefined, { name: "Given", names: { en: "Ministry" } }).name).toBe("Given");
    expect(fieldOf(() => mergeProfile(undefined, {}))).toBe("name");
  });

  it("normalizes domains and URLs and refuses what is not one", () => {
    const p = mergeProfile(undefined, {
      name: "x",
      domain: "MOFA.Gov.Example.",
      url: "https://mofa.example/press",
    });
    expect(p).toMatchObject({ domain: "mofa.gov.example", url: "https://mofa.example/press" });
    for (const domain of ["http://x.example", "x", "a..b", "-a.example", "x.example/path"]) {
      expect(
        fieldOf(() => mergeProfile(undefined, { name: "x", domain })),
        domain,
      ).toBe("domain");
    }
    for (const url of ["javascript:alert(1)", "ftp://x.example", "https://u:p@x.example", "not a url"]) {
      expect(
        fieldOf(() => mergeProfile(undefined, { name: "x", url })),
        url,
      ).toBe("url");
    }
  });

  it("refuses bidi overrides, controls, bad language tags and over-long names", () => {
    expect(fieldOf(() => mergeProfile(undefined, { names: { en: "Evil\u202Eoffice" } }))).toBe("names.en");
    expect(fieldOf(() => mergeProfile(undefined, { names: { "not a tag": "x" } }))).toBe("names");
    expect(fieldOf(() => mergeProfile(undefined, { name: "x".repeat(201) }))).toBe("name");
  });

  it("updates keep what is not named, and null removes", () => {
    const first = mergeProfile(undefined, {
      names: { ar: "أ", en: "A" },
      domain: "a.example",
      url: "https://a.example",
    });
    const next = mergeProfile(first, { names: { fr: "A (fr)", ar: null }, url: null });
    expect(next).toEqual({ name: "A", names: { en: "A", fr: "A (fr)" }, domain: "a.example", url: null });
    expect(summarize("a", next)).toEqual({
      id: "a",
      name: "A",
      names: { en: "A", fr: "A (fr)" },
      domain: "a.example",
    });
  });
});
