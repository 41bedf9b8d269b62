import { describe, expect, it } from "vitest";
import { explainGapFolds, explainTokenFolds, sortFoldKinds, type FoldKind } from "./fold-explain";

const token = (a: string, b: string): FoldKind[] => {
  const into = new Set<FoldKind>();
  explainTokenFolds(a, b, into);
  return sortFoldKinds(into);
};
const gap = (a: string, b: string): FoldKind[] => {
  const into = new Set<FoldKind>();
  explainGapFolds(a, b, into);
  return sortFoldKinds(into);
};

describe("explainTokenFolds", () => {
  it("says nothing about identical tokens", () => {
    expect(token("درعا", "درعا")).toEqual([]);
  });

  it.each([
    ["خرقاً", "خرقا", ["diacritics"]],
    ["أكَّد", "اكد", ["diacritics", "alef variants"]],
    ["إطلاق", "اطلاق", ["alef variants"]],
    ["إطلاق", "أطلاق", ["alef variants"]],
    ["ٱلله", "الله", ["alef variants"]],
    ["مسؤولية", "مسءولية", ["hamza variants"]],
    ["على", "علي", ["ya variants"]],
    ["علی", "على", ["ya variants"]],
    ["کتاب", "كتاب", ["kaf variants"]],
    ["المدينة", "المدينه", ["ta marbuta"]],
    ["٨٠", "80", ["digits"]],
    ["۸۰", "٨٠", ["digits"]],
    ["درعــا", "درعا", ["tatweel"]],
    ["در\u200Dعا", "درعا", ["invisible characters"]],
    ["ﻻ", "لا", ["compatibility forms"]],
    ["ﺍﻟﻤﺪﻳﻨﺔ", "المدينة", ["compatibility forms"]],
    ["ﺍﻟﻤﺪﻳﻨﺔ", "المدينه", ["compatibility forms", "ta marbuta"]],
    ["ﻷ", "لأ", ["compatibility forms"]],
    ["Élysée", "elysee", ["diacritics", "case"]],
    ["Élysée", "élysée", ["case"]],
    ["e\u0301lysee", "élysee", ["diacritics"]],
    ["ＡＢＣ", "abc", ["compatibility forms", "case"]],
    ["و\u0654", "ؤ", ["diacritics", "hamza variants"]],
  ] as const)("explains %j against %j", (a, b, kinds) => {
    expect(token(a, b)).toEqual(kinds);
    expect(token(b, a)).toEqual(kinds);
  });

  it("names diacritics written in another order", () => {
    expect(token("ب\u0651\u064E", "ب\u064E\u0651")).toEqual(["diacritics"]);
  });

  it("keeps a stray hamza before any letter among the ignored marks", () => {
    expect(token("\u0654ب", "ب")).toEqual(["diacritics"]);
  });

  it("explains coarsely a token produced by a character that expands to several words", () => {
    expect(token("ﷺ", "صلى")).toEqual(["compatibility forms"]);
    expect(token("ﷺ", "صلي")).toEqual(["compatibility forms", "ya variants"]);
  });
});

describe("explainGapFolds", () => {
  it.each([
    [" ", " ", []],
    [" ", "\n", ["whitespace"]],
    ["  ", " ", ["whitespace"]],
    ["، ", ", ", ["punctuation"]],
    [" «", " “", ["punctuation"]],
    [" ", " \u200F", ["invisible characters"]],
    ["\u200F،  ", "، ", ["whitespace", "invisible characters"]],
    ["\u200F، ", ". ", ["punctuation", "invisible characters"]],
  ] as const)("explains %j against %j", (a, b, kinds) => {
    expect(gap(a, b)).toEqual(kinds);
  });
});

describe("sortFoldKinds", () => {
  it("lists each kind once, in the fixed order", () => {
    expect(sortFoldKinds(["case", "whitespace", "case", "digits"])).toEqual(["whitespace", "digits", "case"]);
  });
});
