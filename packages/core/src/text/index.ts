export {
  NORMALIZATION_VERSION,
  NORMALIZATION_VERSIONS,
  isNormalizationVersion,
  tokenize,
  normalizeText,
  fingerprintText,
  type NormalizationVersion,
  type Token,
} from "./normalize";
export { FOLD_KINDS, type FoldKind } from "./fold-explain";
export { splitQuote, type QuoteFragment } from "./split-quote";
export {
  QUOTE_INDEX_VERSION,
  SHINGLE_SIZE,
  SHINGLE_SPAN,
  SHINGLE_PATTERNS,
  DEFAULT_QUERY_SHINGLES,
  shingleKey,
  indexShingles,
  isGapped,
  selectFragmentKeys,
  quoteFragmentTokens,
  quoteShingles,
  type Shingle,
  type QuoteShingle,
} from "./shingles";
export { NEGATION_WORDS, isNegation } from "./negation";
export { ocrSkeleton } from "./ocr-skeleton";
export { isOcrReading } from "./ocr-verdict";
export { confirmAlterations, READINGS_DISAGREE, type ConfirmedDifference } from "./ocr-confirm";
export { prepareDocument, type PreparedDocument } from "./document";
export {
  matchQuote,
  type MatchOptions,
  type QuoteMatch,
  type QuoteVerdict,
  type DifferenceKind,
  type MatchedSpan,
  type QuoteDifference,
} from "./quote";
export { MAX_DAMAGED_SPANS, PERFECT_QUALITY, type TextQuality, type TextSpan } from "./text-quality";
export { MAX_PAGE_STARTS, isPageStarts, pageOf } from "./page-of";
