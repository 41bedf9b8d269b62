import { describe, expect, it } from "vitest";
import {
  NORMALIZATION_VERSION,
  fingerprintText,
  foldCodePoint,
  isNormalizationVersion,
  normalizeText,
  tokenize,
} from "./normalize";
import { sha256Hex } from "../sha256";
import { utf8 } from "../bytes";
import { SEED_TEXT } from "./__fixtures__/seed";

const norms = (text: string): string[] => tokenize(text).map((t) => t.norm);

describe("tokenize: Arabic folding (DESIGN.md, Quote verification)", () => {
  it("drops tashkeel, shadda, sukun and the superscript alef", () => {
    expect(norms("أَكَّدَ الائْتِلافُ الوَطَنِيُّ")).toEqual(norms("أكد الائتلاف الوطني"));
    expect(norms("هٰذا")).toEqual(["هذا"]);
  });

  it("folds alef variants أ إ آ ٱ to ا, precomposed or not", () => {
    expect(norms("أحمد إبراهيم آمن ٱلله")).toEqual(["احمد", "ابراهيم", "امن", "الله"]);
    expect(norms("\u0627\u0654حمد \u0627\u0655براهيم \u0627\u0653من")).toEqual(["احمد", "ابراهيم", "امن"]);
  });

  it("folds ى and ی to ي, ک to ك, ة to ه", () => {
    expect(norms("على علی کتاب المدينة")).toEqual(["علي", "علي", "كتاب", "المدينه"]);
  });

  it("folds ؤ and ئ to ء, whether precomposed or written with a separate hamza above", () => {
    expect(norms("مسؤولية الائتلاف")).toEqual(["مسءوليه", "الاءتلاف"]);
    expect(norms("مسو\u0654ولية الاي\u0654تلاف")).toEqual(["مسءوليه", "الاءتلاف"]);
    // ى followed by hamza above is how some keyboards write ئ; ى folds to ي first.
    expect(norms("الاى\u0654تلاف")).toEqual(["الاءتلاف"]);
    // A shadda between the letter and the hamza does not stop it (canonical order puts it first).
    expect(norms("و\u0651\u0654")).toEqual(["ء"]);
    // After any other letter, or with no letter, the hamza is just a mark.
    expect(norms("ه\u0654 \u0654")).toEqual(["ه"]);
  });

  it("removes tatweel", () => {
    expect(norms("درعــــا الـنظام")).toEqual(["درعا", "النظام"]);
  });

  it("folds presentation forms through NFKD (ﻻ, ﷲ, ﺓ)", () => {
    expect(norms("ﻻ ﷲ ﻷ ﺍﻟﻤﺪﻳﻨﺔ")).toEqual(["لا", "الله", "لا", "المدينه"]);
  });

  it("maps Arabic-Indic and Persian digits to 0–9", () => {
    expect(norms("٨٠ ۸۰ 80 ٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹")).toEqual(["80", "80", "80", "0123456789", "0123456789"]);
  });

  it("makes Arabic punctuation and every kind of quotation mark a boundary", () => {
    const text = "«درعا»، “ريفها”؛ ‘طفس’؟ „جنيف“۔ \"تل\" 'شهاب' ‹اللجاة› ٪";
    expect(norms(text)).toEqual(["درعا", "ريفها", "طفس", "جنيف", "تل", "شهاب", "اللجاه"]);
  });

  it("removes invisible format characters inside words instead of splitting them", () => {
    for (const c of ["\u200D", "\u200C", "\uFEFF", "\u00AD", "\u2060"]) {
      expect(norms(`در${c}عا`), `U+${c.codePointAt(0)!.toString(16)}`).toEqual(["درعا"]);
    }
  });

  it("makes bidi controls token boundaries (norm-2), as poppler puts them around numbers", () => {
    const bidi = [..."\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069"];
    for (const c of bidi) {
      expect(norms(`در${c}عا`), `U+${c.codePointAt(0)!.toString(16)}`).toEqual(["در", "عا"]);
      expect(tokenize(`در${c}عا`, "isnad-norm-1").map((t) => t.norm)).toEqual(["درعا"]);
    }
    // pdftotext's copy of "في ١٥ مارس ٢٠٢٤ أن": the space moved into the embedding.
    expect(norms("في \u202A ١٥\u202Cمارس \u202A ٢٠٢٤\u202Cأن")).toEqual(["في", "15", "مارس", "2024", "ان"]);
    expect(tokenize("\u202A ١٥\u202Cمارس", "isnad-norm-1").map((t) => t.norm)).toEqual(["15مارس"]);
  });

  it("makes a digit next to a letter a token boundary (norm-2), whatever the scripts", () => {
    expect(norms("١٥مارس 15mars COVID19 H1N1 ٣٠م")).toEqual([
      "15",
      "مارس",
      "15",
      "mars",
      "covid",
      "19",
      "h",
      "1",
      "n",
      "1",
      "30",
      "م",
    ]);
    expect(tokenize("١٥مارس", "isnad-norm-1").map((t) => t.norm)).toEqual(["15مارس"]);
    // Offsets still slice the original: the Arabic-Indic digits, then the word.
    expect(tokenize("١٥مارس").map((t) => [t.start, t.end])).toEqual([
      [0, 2],
      [2, 6],
    ]);
  });

  it("treats ZERO WIDTH SPACE and the modifier-letter apostrophe as boundaries", () => {
    expect(norms("درعا\u200Bوريفها")).toEqual(["درعا", "وريفها"]);
    expect(norms("don\u02BCt")).toEqual(["don", "t"]);
  });

  it("splits on every kind of whitespace and on controls", () => {
    expect(norms("a\u00A0b\u2009c\u3000d\ne\r\nf\tg\u2028h\u0001i")).toEqual([..."abcdefghi"]);
  });
});

describe("tokenize: Latin scripts and numbers", () => {
  it("lower-cases per character, without locale (Turkish İ is i, not ı)", () => {
    expect(norms("İstanbul ISTANBUL Ünal ΣΟΦΙΑ")).toEqual(["istanbul", "istanbul", "unal", "σοφια"]);
  });

  it("drops Latin accents and folds ligatures and full-width forms", () => {
    expect(norms("Élysée déclaration ﬁnale ＡＢＣ")).toEqual(["elysee", "declaration", "finale", "abc"]);
  });

  it("splits on apostrophes (n't, n', l') and hyphens, never inside a word otherwise", () => {
    expect(norms("don't can’t n'est l'homme cessez-le-feu")).toEqual([
      "don",
      "t",
      "can",
      "t",
      "n",
      "est",
      "l",
      "homme",
      "cessez",
      "le",
      "feu",
    ]);
  });

  it("splits numbers at every separator, so a changed digit always changes a token", () => {
    expect(norms("1,000 1.000 1 000 1.5 1٫5 ١٬٠٠٠ 80% 2017–2018")).toEqual([
      "1",
      "000",
      "1",
      "000",
      "1",
      "000",
      "1",
      "5",
      "1",
      "5",
      "1",
      "000",
      "80",
      "2017",
      "2018",
    ]);
  });

  it("keeps letters outside the folds as they are (no stemming, no stop-words, no clitic split)", () => {
    expect(norms("والمدينة وبالقرار the of le")).toEqual(["والمدينه", "وبالقرار", "the", "of", "le"]);
  });

  it("turns a symbol that expands to several words (ﷺ) into several tokens over the same span", () => {
    expect(tokenize("ﷺ")).toEqual([
      { norm: "صلي", start: 0, end: 1 },
      { norm: "الله", start: 0, end: 1 },
      { norm: "عليه", start: 0, end: 1 },
      { norm: "وسلم", start: 0, end: 1 },
    ]);
  });

  it("handles astral characters and lone surrogates", () => {
    expect(tokenize("𝐀𝐁 x\uD800y 😀z")).toEqual([
      { norm: "ab", start: 0, end: 4 },
      { norm: "x", start: 5, end: 6 },
      { norm: "y", start: 7, end: 8 },
      { norm: "z", start: 11, end: 12 },
    ]);
    expect(foldCodePoint(0x1d400)).toBe(foldCodePoint(0x1d400)); // cached
  });
});

describe("tokenize: offsets into the original", () => {
  it("gives UTF-16 offsets whose slices are the original words, marks included", () => {
    const text = "  «أَكَّدَ»  الائتلافُ\u200F،\nدرعــا ";
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(["أَكَّدَ", "الائتلافُ", "درعــا"]);
  });

  it("does not start a token on a leading mark or invisible character, nor end one on a trailing invisible", () => {
    const text = "\u064E\u200Fدرعا\u200F ";
    expect(tokenize(text)).toEqual([{ norm: "درعا", start: 2, end: 6 }]);
  });

  it("slices the seed statement back into its words", () => {
    const tokens = tokenize(SEED_TEXT);
    expect(tokens.length).toBe(332);
    for (const t of tokens) {
      const raw = SEED_TEXT.slice(t.start, t.end);
      expect(raw).not.toMatch(/^[\s\p{P}]|[\s\p{P}]$/u);
      expect(norms(raw)).toEqual([t.norm]);
    }
  });

  it("returns nothing for empty or word-less text", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize(" ،.؟!«» \u200F\u064E")).toEqual([]);
  });
});

describe("normalizeText and fingerprintText", () => {
  it("joins folded tokens with single spaces", () => {
    expect(normalizeText("  وقال   الائتلافُ،\n«إن» ")).toBe("وقال الاءتلاف ان");
  });

  it("is idempotent on the seed", () => {
    const once = normalizeText(SEED_TEXT);
    expect(normalizeText(once)).toBe(once);
    expect(once.startsWith("الاءتلاف الوطني يدين خروقات النظام في درعا")).toBe(true);
  });

  it("fingerprints the normalized UTF-8 and names the version", () => {
    const f = fingerprintText("وقال  الائتلافُ");
    expect(f).toEqual({ normalization: NORMALIZATION_VERSION, sha256: sha256Hex(utf8("وقال الاءتلاف")) });
    expect(NORMALIZATION_VERSION).toBe("isnad-norm-2");
    expect(isNormalizationVersion("isnad-norm-1")).toBe(true);
    expect(isNormalizationVersion("isnad-norm-3")).toBe(false);
    expect(fingerprintText("وقال الائتلاف").sha256).toBe(f.sha256);
    expect(fingerprintText("وقال الائتلاف لا").sha256).not.toBe(f.sha256);
  });

  it("pins the seed's fingerprint per version, so that old records stay verifiable", () => {
    // norm-1's value, recorded before norm-2 existed: records that name norm-1 still recompute it.
    expect(fingerprintText(SEED_TEXT, "isnad-norm-1")).toEqual({
      normalization: "isnad-norm-1",
      sha256: "5c5ae60a4a6b24aee891d9594aedf76f59de1443da12ae43f4bed5892affb6a9",
    });
    // The seed has no bidi control and no digit next to a letter: both versions agree on it.
    expect(fingerprintText(SEED_TEXT).sha256).toBe(fingerprintText(SEED_TEXT, "isnad-norm-1").sha256);
  });

  it("differs between versions only where norm-2 adds boundaries", () => {
    const text = "قال في ١٥مارس إن\u200F النص";
    expect(normalizeText(text, "isnad-norm-1")).toBe("قال في 15مارس ان النص");
    expect(normalizeText(text)).toBe("قال في 15 مارس ان النص");
  });
});

describe("tokenize with maxTokens", () => {
  it("gives the first tokens of the whole text's tokenization, whatever the bound", () => {
    const text = `${SEED_TEXT} ١٥مارس\u202A٢٠٢٦\u202C co\u0301te `.repeat(3);
    const all = tokenize(text);
    for (const n of [0, 1, 2, 7, 100, all.length - 1, all.length, all.length + 5])
      expect(tokenize(text, undefined, n)).toEqual(all.slice(0, n));
  });
});
