import { formatCount, formatSize } from "./budgets";
import { ExtractionError } from "./types";
import type { ZipEntry } from "./zip-inspect";

export interface DocxBudget {
  documentBytes: number;
  paragraphs: number;
  elements: number;
}

/** The Word parts mammoth converts: the main document and the notes, comments and headers. */
export const isWordPart = (name: string): boolean => name.startsWith("word/") && name.endsWith(".xml");

/** Refuses before inflating when the Word parts' declared sizes are over the budget. */
export function checkDocxSizes(entries: readonly ZipEntry[], budget: DocxBudget): void {
  const bytes = entries.filter((e) => isWordPart(e.name)).reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (bytes > budget.documentBytes) {
    throw new ExtractionError(
      "failed",
      `too large to extract: ${formatSize(bytes)} of Word XML when decompressed (limit ${formatSize(budget.documentBytes)})`,
    );
  }
}

/**
 * Counts paragraphs and elements across the inflated Word parts, before mammoth builds its tree:
 * its memory grows with them (about 1.2 KiB of heap per element, measured; issue #13's 500,000
 * paragraphs took 41 s and 3.4 GB). A paragraph is any element whose local name is `p`, whatever
 * its prefix (ECMA-376 §17.3.1.22 w:p; Namespaces in XML §4): mammoth resolves namespaces, so a
 * document binding another prefix to WordprocessingML must not slip past a count of `<w:p`.
 */
export function createWordCounter(budget: DocxBudget): (entry: ZipEntry, xml: Uint8Array) => void {
  const seen: XmlCounts = { elements: 0, paragraphs: 0 };
  return (entry, xml) => {
    if (!isWordPart(entry.name)) return;
    countElements(xml, seen, budget);
    if (seen.paragraphs > budget.paragraphs) {
      throw new ExtractionError(
        "failed",
        `too large to extract: more than ${formatCount(budget.paragraphs)} paragraphs (limit ${formatCount(budget.paragraphs)})`,
      );
    }
    if (seen.elements > budget.elements) {
      throw new ExtractionError(
        "failed",
        `too large to extract: more than ${formatCount(budget.elements)} XML elements (limit ${formatCount(budget.elements)})`,
      );
    }
  };
}

export interface XmlCounts {
  elements: number;
  paragraphs: number;
}

const LT = 0x3c;
const COLON = 0x3a;
const P = 0x70;
/** No element name we count is longer; a longer one is still an element. */
const MAX_NAME = 64;

/**
 * Adds the start tags of UTF-8 XML to `counts` (elements; those with local name `p` also as
 * paragraphs), in one pass over the bytes, stopping once either passes its budget.
 */
export function countElements(
  xml: Uint8Array,
  counts: XmlCounts,
  stop: Omit<DocxBudget, "documentBytes">,
): void {
  const buf = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
  for (let at = buf.indexOf(LT); at >= 0; at = buf.indexOf(LT, at + 1)) {
    if (!isNameStart(buf[at + 1] ?? 0)) continue; // an end tag, comment, PI or declaration
    counts.elements++;
    // The name runs to whitespace, `>` or `/`; its local part follows the last `:`.
    let end = at + 1;
    let local = end;
    while (end < buf.length && end - at <= MAX_NAME && !isNameEnd(buf[end]!)) {
      if (buf[end] === COLON) local = end + 1;
      end++;
    }
    if (end === local + 1 && buf[local] === P && isNameEnd(buf[end] ?? 0x3e)) counts.paragraphs++;
    if (counts.elements > stop.elements || counts.paragraphs > stop.paragraphs) return;
    at = end - 1;
  }
}

// XML 1.0 §2.3: a name starts with a letter, `_` or `:` (or a non-ASCII letter: any byte ≥ 0x80).
const isNameStart = (c: number): boolean =>
  ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f || c === COLON || c >= 0x80;
// S (§2.3) and the characters that end a start tag's name.
const isNameEnd = (c: number): boolean =>
  c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3e || c === 0x2f;
