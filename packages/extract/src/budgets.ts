/**
 * Input budgets: what a document may cost, computed from its bytes before the expensive step (pdf.js,
 * mammoth, htmlparser2), so that a small hostile file is refused in a fraction of a second with a
 * reason a person understands instead of exhausting the worker's memory or time (issue #13).
 */
export interface ExtractionBudgets {
  /** PDF: bytes all non-image streams decode to (FlateDecode inflated), summed. */
  pdfDecodedBytes: number;
  /** DOCX: uncompressed size of word/document.xml. */
  docxDocumentBytes: number;
  /** DOCX: paragraphs (<w:p> elements) in the Word parts. */
  docxParagraphs: number;
  /** DOCX: XML elements in the Word parts (runs, properties, text…). */
  docxElements: number;
  /** HTML: elements, comments and other markup nodes. */
  htmlNodes: number;
  /** HTML: decoded characters of the page. */
  htmlChars: number;
  /** HTML: how deep elements nest (estimated from start and end tags). */
  htmlDepth: number;
}

/**
 * Chosen from measurements (README, "Hostile documents"): mammoth needs about 1.2 KiB of heap per
 * XML element (a 10,000-paragraph document of 110,000 elements did not fit a 128 MiB heap and
 * took 5 s on a busy 2-core machine), so 100,000 elements stay inside a 256 MiB worker and its
 * deadline; a press release has a few thousand. pdf.js holds a decoded stream whole (memory the
 * heap cap does not count) and lexes it: a 100 MiB content stream ran past the 20 s deadline on a
 * busy 2-core machine, while a press release's streams decode to a few MiB (fonts included) and a
 * 500-page report's to some tens.
 */
export const DEFAULT_BUDGETS: Readonly<ExtractionBudgets> = {
  pdfDecodedBytes: 64 * 1024 * 1024,
  docxDocumentBytes: 64 * 1024 * 1024,
  docxParagraphs: 20_000,
  docxElements: 100_000,
  htmlNodes: 500_000,
  htmlChars: 32 * 1024 * 1024,
  // Real pages nest a few dozen deep; htmlparser2's cost per end tag grows with the depth.
  htmlDepth: 2_000,
};

const MIB = 1024 * 1024;

/** "1,000 MiB", "384 KiB": sizes as the reasons in records say them. */
export function formatSize(bytes: number): string {
  if (bytes >= MIB) return `${Math.round(bytes / MIB).toLocaleString("en-US")} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024).toLocaleString("en-US")} KiB`;
  return `${bytes.toLocaleString("en-US")} bytes`;
}

export const formatCount = (n: number): string => n.toLocaleString("en-US");
