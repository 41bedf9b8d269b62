/**
 * Words split by PDF spacing (issue #12): the same letters with a break inside a word are the same
 * words, even where a piece looks like a negation, unless both readings are words of the text.
 */
import { describe, expect, it } from "vitest";
import { matchQuote } from "./quote";

const FR =
  "La préfecture recommande toutefois de ne jamais s'engager sur une route inondée. La crue du 12 " +
  "novembre a touché 40 communes ; aucun dossier ne sera refusé.";
const EN =
  "No Person shall be convicted without the Concurrence of two thirds. The port reopened in June " +
  `after repairs. ${"Some other words follow here. ".repeat(8)}Each House may, with the Concurrence ` +
  "of two thirds, expel a Member.";

describe("a word split by PDF spacing into a piece that is no word of the text", () => {
  it("is the same words, whether the piece looks like a negation or the word was one", () => {
    for (const quote of [
      "recommande toutefois de ne jama is", // "jamais": the original's negation, split
      "crue du 12 no vembre a touché", // "no": a negation-like piece
      "40 communes ; au cun dossier",
      "The port reopened in Ju ne after", // "ne", French negation, in an English text
    ]) {
      const m = matchQuote(quote, `${FR} ${EN}`);
      expect(m.verdict, quote).toBe("same-words");
      expect(m.folded, quote).toContain("whitespace");
    }
  });

  it("stays altered when both readings are words of the text", () => {
    const text = "Nowhere was the plan notable. The minister was able to come now, and he is here.";
    const notAble = matchQuote("Nowhere was the plan not able. The minister", text);
    expect(notAble.verdict).toBe("altered");
    expect(notAble.differences[0]).toMatchObject({
      kind: "negation",
      original: "notable",
      quote: "not able",
    });
    expect(matchQuote("Now here was the plan", text).verdict).toBe("altered");
  });

  it("is found where the joined word stands, not at a place with the pieces' words", () => {
    // "with out the Concurrence of": "with the Concurrence of" (one word added) stands later, out
    // of the alignment's window: the alignment is judged with its ends respaced.
    const m = matchQuote("with out the Concurrence of", EN);
    expect(m.verdict).toBe("same-words");
    expect(EN.slice(m.fragments[0]!.start, m.fragments[0]!.end)).toBe("without the Concurrence of");
    // Within one window: the alignment itself takes a split word for one (alignInWindow).
    const near =
      "No Person shall be convicted without the Concurrence of two. Each House may, with the Concurrence of";
    const n = matchQuote("with out the Concurrence of", near);
    expect(n.verdict).toBe("same-words");
    expect(near.slice(n.fragments[0]!.start, n.fragments[0]!.end)).toBe("without the Concurrence of");
    const damaged =
      "بيان المجلس الأعلى للصحة بشأن حم لة التطعيم الوطنية. يعلن المجلس الأعلى للصحة أن حملة التطعيم الوطنية";
    const d = matchQuote("المجلس الأعلى للصحة بشأن حملة التطعيم الوطنية", damaged);
    expect(d.verdict).toBe("same-words");
    expect(d.fragments[0]!.start).toBe(5);
  });
});
