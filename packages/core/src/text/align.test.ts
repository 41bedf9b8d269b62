import { describe, expect, it } from "vitest";
import { alignInWindow, bestAlignment, findAnchors, isBetterAlignment, type Alignment } from "./align";
import { prepareDocument } from "./document";

const words = (s: string): string[] => s.split(" ");
/** An alignment as text: "=" match, "~" substitution, "+x" quote-only word, "-x" document-only word. */
function show(a: Alignment, quote: string[], docWords: string[]): string {
  return a.steps
    .map((s) =>
      s.q < 0 ? `-${docWords[s.d]}` : s.d < 0 ? `+${quote[s.q]}` : quote[s.q] === docWords[s.d] ? "=" : "~",
    )
    .join(" ");
}

describe("alignInWindow", () => {
  const text = "p q a b c d e r s";
  const doc = prepareDocument(text);
  const dw = words(text);
  const align = (quote: string, from = 0, to = dw.length) => {
    const a = alignInWindow(words(quote), doc, from, to);
    return { ...a, shown: show(a, words(quote), dw) };
  };

  it("places an exact quote anywhere in the window, at no cost", () => {
    expect(align("a b c")).toMatchObject({ cost: 0, matches: 3, docStart: 2, docEnd: 5, shown: "= = =" });
    expect(align("a b c", 1, 8)).toMatchObject({ docStart: 2, docEnd: 5 });
  });

  it("reports a swapped, an added and a dropped word", () => {
    expect(align("a x c d")).toMatchObject({ cost: 1, matches: 3, shown: "= ~ = =" });
    expect(align("a b x c d")).toMatchObject({ cost: 1, matches: 4, shown: "= = +x = =" });
    expect(align("a b d e")).toMatchObject({ cost: 1, matches: 4, shown: "= = -c = =" });
  });

  it("reads a differing last or first word as swapped rather than added", () => {
    expect(align("a b c d x")).toMatchObject({ cost: 1, docEnd: 7, shown: "= = = = ~" });
    expect(align("x a b c")).toMatchObject({ cost: 1, docStart: 1, shown: "~ = = =" });
  });

  it("aligns against an empty window as added words only", () => {
    expect(align("a b", 3, 3)).toMatchObject({ cost: 2, matches: 0, docStart: 3, docEnd: 3, shown: "+a +b" });
  });
});

describe("findAnchors and bestAlignment", () => {
  it("votes for the diagonal where most of the quote's words fall", () => {
    const doc = prepareDocument("a b c d e f g h i j k l m n o p a b x y z q r s t u");
    expect(findAnchors(words("x y z q"), doc, 2)).toEqual([16]);
    expect(findAnchors(words("a b c d e f"), doc, 2)).toEqual([0, 16]);
  });

  it("lets two neighbouring quote tokens that are one word of the text vote (a PDF split)", () => {
    // 20 places with "… the officers of the" outvote, word by word, the one that holds "civil".
    const doc = prepareDocument(
      `${"x all the officers of the y q r s t u v ".repeat(20)}z civil officers of the w`,
    );
    const at = doc.positions.get("civil")![0]!;
    const anchors = findAnchors(words("civ il officers of the"), doc, 4);
    expect(anchors.some((a) => a <= at && at < a + 8)).toBe(true);
  });

  it("takes a word split in two for one, on either side, within one window", () => {
    const doc = prepareDocument("convicted without the consent of two. Each may with the consent of");
    const joinedWord = (qs: number, qe: number, ds: number, de: number) => qe - qs + de - ds === 3;
    const a = bestAlignment(words("with out the consent of"), doc, 0, undefined, [], joinedWord)!;
    expect(a).toMatchObject({ docStart: 1, cost: 0 });
    const split = prepareDocument("the port re opened on monday and the port opened on");
    const b = bestAlignment(words("port reopened on monday"), split, 0, undefined, [], joinedWord)!;
    expect(b).toMatchObject({ docStart: 1, cost: 0 });
    expect(bestAlignment(words("with out the consent of"), doc)).toMatchObject({ docStart: 8, cost: 1 });
  });

  it("returns nothing when none of the quote's words occurs", () => {
    const doc = prepareDocument("a b c");
    expect(findAnchors(words("x y"), doc, 4)).toEqual([]);
    expect(bestAlignment(words("x y"), doc)).toBeUndefined();
  });

  it("stops voting when a word has more occurrences than the budget left", () => {
    const doc = prepareDocument(`k ${"w ".repeat(200_001)}`);
    expect(findAnchors(words("w k"), doc, 4)).toEqual([-4]);
  });

  it("prefers, among equal alignments, the one starting at or after `prefer`", () => {
    const doc = prepareDocument("a b c x x x x x x x x x x x x x a b c");
    expect(bestAlignment(words("a b c"), doc)).toMatchObject({ docStart: 0, cost: 0 });
    expect(bestAlignment(words("a b c"), doc, 1)).toMatchObject({ docStart: 16, cost: 0 });
    expect(bestAlignment(words("a b c"), doc, 17)).toMatchObject({ docStart: 0, cost: 0 });
  });

  it("prefers the cheaper alignment, then the one with more matches", () => {
    const doc = prepareDocument("a b y d x x x x x x x x x x x x x x a b c d");
    expect(bestAlignment(words("a b c d"), doc)).toMatchObject({ docStart: 18, cost: 0 });
    const doc2 = prepareDocument("a b x x x x x x x x x x x x x x x x a b c d");
    expect(bestAlignment(words("a b c"), doc2)).toMatchObject({ docStart: 18, cost: 0, matches: 3 });
  });

  it("prefers, among equally costly alignments with as many matches, more words in a row", () => {
    // "a … c" at 0 (b missing) and "a b …" at 18 (c replaced): one edit each, two matches each.
    const doc = prepareDocument("a c x x x x x x x x x x x x x x x x a b e");
    expect(bestAlignment(words("a b c"), doc)).toMatchObject({ docStart: 18, cost: 1, matches: 2 });
    // A splice: the quote's first half in a row beats its common words matched one by one earlier.
    const text =
      "of nature and x y of z nature q r s t u v w of cruelty and perfidy k l m executioners of their";
    expect(bestAlignment(words("of cruelty and executioners of their"), prepareDocument(text))).toMatchObject(
      {
        docStart: 15,
      },
    );
  });
});

describe("isBetterAlignment", () => {
  const a = (cost: number, matches: number, docStart: number): Alignment => ({
    steps: [],
    cost,
    matches,
    docStart,
    docEnd: docStart + 3,
  });

  it("orders by cost, then matches, then the preferred start, then the earlier start", () => {
    expect(isBetterAlignment(a(1, 2, 9), a(2, 3, 0), 0)).toBe(true);
    expect(isBetterAlignment(a(2, 3, 0), a(1, 2, 9), 0)).toBe(false);
    expect(isBetterAlignment(a(1, 3, 9), a(1, 2, 0), 0)).toBe(true);
    expect(isBetterAlignment(a(1, 2, 0), a(1, 3, 9), 0)).toBe(false);
    expect(isBetterAlignment(a(1, 2, 9), a(1, 2, 0), 5)).toBe(true);
    expect(isBetterAlignment(a(1, 2, 0), a(1, 2, 9), 5)).toBe(false);
    expect(isBetterAlignment(a(1, 2, 0), a(1, 2, 9), 0)).toBe(true);
    expect(isBetterAlignment(a(1, 2, 9), a(1, 2, 0), 0)).toBe(false);
  });

  it("puts more words in a row between matches and the start, when told how to count them", () => {
    const runs = (x: Alignment) => (x.docStart === 9 ? 2 : 1);
    expect(isBetterAlignment(a(1, 2, 9), a(1, 2, 0), 0, runs)).toBe(true);
    expect(isBetterAlignment(a(1, 2, 0), a(1, 2, 9), 0, runs)).toBe(false);
    expect(isBetterAlignment(a(1, 2, 0), a(1, 3, 9), 0, runs)).toBe(false);
  });
});
