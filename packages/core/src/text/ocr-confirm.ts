/**
 * A second reading must confirm each alteration of a screenshot (issue #18). OCR misreads real
 * letters in ways no table of shape confusions foresees (Amiri's stacked ligatures lose a letter:
 * "وخمس" read "ومس", "المجتمع" read "اجتمع"; JPEG q70 drops one), and each such misread of a
 * genuine screenshot made it "altered". The misreads depend on the glyphs' size in pixels: the
 * same image read at twice the size reads those words right, and its own misreads are read right
 * at the first size (measured on tests/corpus/ocr). A fabricated word is in the image, so every
 * reading shows it.
 *
 * So an alteration of the first reading (a difference neither OCR-explained nor on damaged text)
 * stands only when the second reading, matched against the same statement at the same place, has a
 * difference that is not OCR-explained over the same span of the original (`start`/`end`: offsets
 * in the original text, which both matches share). One that the second reading does not show there
 * is put down to OCR: `ocr: true`, with `ocrReason: "readings-disagree"`. The verdict is then
 * recomputed as matchQuote computes it: every difference OCR-explained or damaged → "uncertain".
 *
 * Nothing is downgraded when the second reading cannot speak to it: found nothing, found the
 * quote elsewhere (another statement is the caller's to tell apart: pass undefined), or was placed
 * where no part of the first one is.
 */
import type { MatchedSpan, QuoteDifference, QuoteMatch } from "./quote-report";

/** Why a difference of a screenshot was put down to OCR although it is no known confusion. */
export const READINGS_DISAGREE = "readings-disagree";

export type ConfirmedDifference = QuoteDifference & { ocrReason?: typeof READINGS_DISAGREE };

/** Whether two spans of the original meet; a zero-width side (words added) meets what it touches. */
function meets(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start === a.end || b.start === b.end
    ? a.start <= b.end && b.start <= a.end
    : a.start < b.end && b.start < a.end;
}

/** A difference that shows an alteration by itself: neither OCR-explained nor on damaged text. */
const isAlteration = (d: QuoteDifference): boolean => !d.ocr && d.damaged === undefined;

/**
 * The first reading's match with its alterations that `second` (the same statement, read from the
 * same image at another scale) does not confirm put down to OCR, and its verdict recomputed.
 */
export function confirmAlterations(first: QuoteMatch, second: QuoteMatch | undefined): QuoteMatch {
  if (first.verdict !== "altered" || !second || second.verdict === "not-found") return first;
  const samePlace = first.fragments.some((f: MatchedSpan) => second.fragments.some((g) => meets(f, g)));
  if (!samePlace) return first;
  const seen = second.differences.filter((d) => !d.ocr);
  const differences: ConfirmedDifference[] = first.differences.map((d) =>
    !isAlteration(d) || seen.some((e) => meets(d, e)) ? d : { ...d, ocr: true, ocrReason: READINGS_DISAGREE },
  );
  return {
    ...first,
    verdict: differences.every((d) => !isAlteration(d)) ? "uncertain" : "altered",
    differences,
  };
}
