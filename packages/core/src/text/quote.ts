/**
 * Is this quote really theirs? Matches a quote against one document's text and says how it
 * relates to it (DESIGN.md, "Quote verification: what is known": forgive what copying changes,
 * never what changes meaning).
 *
 * Verdicts:
 * - "verbatim": the quote's words, from first to last, are in the original exactly as written,
 *   whitespace aside (line breaks, repeated or non-breaking spaces).
 * - "same-words": the same tokens after normalization (normalize.ts), written differently;
 *   `folded` says how (diacritics, alef variants, punctuation …).
 * - "abridged": the quote's ellipsis fragments are each found, in order and without overlap.
 * - "altered": a close alignment exists but something differs; each difference says where and
 *   what: a negation added or removed, a number changed, a word swapped, words missing or added,
 *   or a part spliced in from elsewhere.
 * - "uncertain": it would be altered, but every difference falls where the archived text is
 *   damaged (`options.damaged`, from the record's text quality; damage.ts): the archive cannot tell
 *   a misquote from its own extraction damage there. Each difference carries `damaged`.
 *   Likewise for a quote read by OCR (`options.ocr`), where every difference is one the engine may
 *   have made (the same letters but for dots and lookalikes: ocr-verdict.ts); each carries `ocr`.
 * - "not-found": nothing close enough: fewer than 60% of the quote's words aligned, or no run of
 *   3 consecutive words matched (of half the quote's words, for quotes shorter than 6 words).
 *
 * Never authentic when meaning changes, even with the original's own words:
 * - a quote that starts right after a negation of the original ("يمكن أن …" from "لا يمكن أن …")
 *   is altered (negation missing), and so is an ellipsis that cuts out a negation next to the
 *   quoted words;
 * - adjacent numbers joined by another separator ("1,500" → "1.500") are a changed number;
 * - words joined without an ellipsis from places that are not adjacent in the original (a splice)
 *   are altered, with kind "splice" and the place each part was found; fragments given in the
 *   wrong order are a splice too.
 *
 * Words whose breaks moved ("أبر يل" for "أبريل", a space moved beside a number or a bidi mark)
 * are the same words (quote-report.ts, isRespaced): "same-words", with "whitespace" folded.
 *
 * Cost: tokenizing the document is linear; exact search scans the occurrences of the rarest word;
 * the alignment works on chunks of at most 256 quote tokens, each in windows of about 4× its
 * length around a few anchors (align.ts), so neither a 10 MB document nor a long quote hangs.
 */
import { prepareDocument, type PreparedDocument } from "./document";
import { sortFoldKinds } from "./fold-explain";
import { hasReversedLamAlef, reverseLamAlef } from "./lam-alef";
import { sortSpans } from "./damage";
import { matchReading, type Tolerance } from "./quote-reading";
import { OcrSkeletons, ocrRespell } from "./ocr-verdict";
import { blankOcrContext } from "./ocr-context";
import type { MatchOptions, QuoteMatch, QuoteVerdict } from "./quote-report";

export type {
  DifferenceKind,
  MatchedSpan,
  MatchOptions,
  QuoteDifference,
  QuoteMatch,
  QuoteVerdict,
} from "./quote-report";

const RANK: readonly QuoteVerdict[] = [
  "verbatim",
  "same-words",
  "abridged",
  "uncertain",
  "altered",
  "not-found",
];
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const BIDI_CONTROLS = new RegExp(BIDI_CONTROL.source, "gu");

/**
 * Matches `quote` against a document (its text, or prepared once with prepareDocument), whose
 * damaged spans, if any, make differences there "uncertain" instead of "altered".
 *
 * A quote that does not match as authentic is read again where copying may have garbled it, and
 * the best reading wins (the better verdict, then fewer differences):
 * - bidi controls are token boundaries (normalize.ts), which is right where copy tools put them,
 *   around runs; one stray inside a word splits it, though: read again with them as invisible
 *   joiners (U+2060, removed like ZWJ and one UTF-16 unit long too, so every offset stays right);
 * - a quote read by OCR is also read with its digit–letter lookalikes put back (ocrRespell), and
 *   with what the screenshot shows besides the quote blanked out (ocr-context.ts);
 * - a quote with LibreOffice's reversed lam-alef (lam-alef.ts) is read against the document with
 *   its ligatures reversed the same way; it reports the original's own words.
 */
export function matchQuote(
  quote: string,
  document: string | PreparedDocument,
  options: MatchOptions = {},
): QuoteMatch {
  const doc = typeof document === "string" ? prepareDocument(document) : document;
  const tol: Tolerance = {
    damaged: sortSpans(options.damaged ?? []),
    ...(options.ocr ? { ocr: new OcrSkeletons(options.ocrUnsure) } : {}),
  };
  const quotes = BIDI_CONTROL.test(quote) ? [quote, quote.replace(BIDI_CONTROLS, "\u2060")] : [quote];
  if (options.ocr && ocrRespell(quote) !== quote) quotes.push(ocrRespell(quote));
  const rank = (m: QuoteMatch): number => RANK.indexOf(m.verdict) * 1e6 + m.differences.length;
  const authentic = (m: QuoteMatch): boolean => RANK.indexOf(m.verdict) <= RANK.indexOf("abridged");
  let best: QuoteMatch | undefined;
  for (const read of quotes) {
    const m = matchReading(read, quote, doc, tol);
    if (!best || rank(m) < rank(best)) best = m;
    if (authentic(best)) return best;
  }
  if (options.ocr && (best!.verdict === "altered" || best!.verdict === "uncertain")) {
    const read = blankOcrContext(quotes[quotes.length - 1]!, best!);
    if (read !== quotes[quotes.length - 1]) {
      const m = matchReading(read, quote, doc, tol);
      if (rank(m) < rank(best!)) best = m;
    }
  }
  if (!hasReversedLamAlef(quote)) return best!;
  const reversed = prepareDocument(reverseLamAlef(doc.text));
  for (const read of quotes) {
    const m = inOriginalWords(matchReading(read, quote, reversed, tol), doc);
    if (rank(m) < rank(best!)) best = m;
  }
  return best!;
}

/** A match made on the ligature-reversed text, told in the original's words. */
function inOriginalWords(m: QuoteMatch, doc: PreparedDocument): QuoteMatch {
  return {
    ...m,
    verdict: m.verdict === "verbatim" ? "same-words" : m.verdict,
    folded: m.verdict === "not-found" ? m.folded : sortFoldKinds([...m.folded, "compatibility forms"]),
    differences: m.differences.map((d) => ({ ...d, original: doc.text.slice(d.start, d.end) })),
  };
}
