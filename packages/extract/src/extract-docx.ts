import { DEFAULT_BUDGETS } from "./budgets";
import { withDeadline } from "./deadline";
import type { DocxBudget } from "./docx-budget";
import { checkDocxSizes, createWordCounter } from "./docx-budget";
import type { Deadline } from "./deadline";
import type { ExtractedText } from "./extract-html";
import { htmlToText } from "./html-text";
import { DEFAULT_ZIP_LIMITS, ExtractionError } from "./types";
import type { ZipLimits } from "./types";
import { checkZipLimits, readZipDirectory, verifyZipEntrySizes } from "./zip-inspect";

const MAX_WARNINGS = 20;

/**
 * A Word document's text. The ZIP is vetted first (central directory limits, then every entry
 * inflated against its declared size) so that mammoth and JSZip, which inflate whole entries in
 * memory without limits, only ever see a bounded archive; then the Word parts' size and paragraph
 * and element counts are held to a budget (docx-budget.ts), since mammoth's cost grows with paragraphs even in
 * a small, honest ZIP. mammoth's HTML keeps paragraph and table structure; its extractRawText
 * glues words across runs and cells.
 */
export async function extractDocx(
  bytes: Uint8Array,
  limits: Partial<ZipLimits>,
  deadline: Deadline,
  budget: DocxBudget = {
    documentBytes: DEFAULT_BUDGETS.docxDocumentBytes,
    paragraphs: DEFAULT_BUDGETS.docxParagraphs,
    elements: DEFAULT_BUDGETS.docxElements,
  },
): Promise<ExtractedText> {
  const entries = readZipDirectory(bytes);
  const given = Object.entries(limits).filter(([, value]) => value !== undefined);
  checkZipLimits(entries, { ...DEFAULT_ZIP_LIMITS, ...Object.fromEntries(given) });
  checkDocxSizes(entries, budget);
  verifyZipEntrySizes(bytes, entries, () => deadline.check(), createWordCounter(budget));
  if (!entries.some((e) => e.name === "[Content_Types].xml")) {
    throw new ExtractionError("failed", "not an Office Open XML document: no [Content_Types].xml");
  }
  deadline.check();
  const { default: mammoth } = await import("mammoth"); // loaded on first use, like pdf.js
  const converting = mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    {
      // Images carry no text we index: never read or base64 them. Linked files are never opened.
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: "" })),
      externalFileAccess: false,
      ignoreEmptyParagraphs: true,
    },
  );
  const result = await withDeadline(converting, deadline);
  const warnings = result.messages.slice(0, MAX_WARNINGS).map((m) => `docx: ${m.message}`);
  if (result.messages.length > MAX_WARNINGS)
    warnings.push(`docx: ${result.messages.length - MAX_WARNINGS} more messages`);
  return { text: htmlToText(result.value), warnings };
}
