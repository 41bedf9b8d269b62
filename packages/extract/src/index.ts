export { extractText } from "./extract-text";
export { sniffMediaType } from "./sniff-media-type";
export { DOCX, HTML, MARKDOWN, PDF, PLAIN, XHTML, parseMediaType } from "./media-types";
export type { ParsedMediaType } from "./media-types";
export { DEFAULT_LIMITS, DEFAULT_ZIP_LIMITS } from "./types";
export type { ExtractOptions, Extraction, ExtractionStatus, ZipLimits } from "./types";
export { documentExtractor } from "./document-extractor";
