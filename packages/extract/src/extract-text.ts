import { DEFAULT_BUDGETS, type ExtractionBudgets } from "./budgets";
import { decodeText } from "./decode-text";
import { extractDocx } from "./extract-docx";
import { extractHtml } from "./extract-html";
import type { ExtractedText } from "./extract-html";
import { extractPdf } from "./extract-pdf";
import { finalQuality } from "./text-quality-scan";
import { checkPdfBudget } from "./pdf-budget";
import { DOCX, HTML, MARKDOWN, PDF, PLAIN, XHTML, parseMediaType } from "./media-types";
import { createDeadline } from "./deadline";
import type { Deadline } from "./deadline";
import { DEFAULT_LIMITS, ExtractionError } from "./types";
import type { ExtractOptions, Extraction, Limits } from "./types";

/**
 * The text of an archived document, the string that quote offsets refer to. Never throws for a
 * bad document: broken, hostile, encrypted, oversized or slow inputs come back as
 * `status: "failed"` with a message; a document without text as "empty"; an unknown type as
 * "unsupported". `mediaType` should come from sniffMediaType, not from the client alone.
 */
export async function extractText(
  bytes: Uint8Array,
  mediaType: string,
  opts: ExtractOptions & { budgets?: Partial<ExtractionBudgets> } = {},
): Promise<Extraction> {
  const { essence, charset } = parseMediaType(mediaType);
  const limits: Limits = {
    maxBytes: opts.maxBytes ?? DEFAULT_LIMITS.maxBytes,
    maxChars: opts.maxChars ?? DEFAULT_LIMITS.maxChars,
    maxPages: opts.maxPages ?? DEFAULT_LIMITS.maxPages,
    timeoutMs: opts.timeoutMs ?? DEFAULT_LIMITS.timeoutMs,
  };
  const base = { mediaType: essence, text: "" };
  if (bytes.length > limits.maxBytes) {
    return {
      ...base,
      status: "failed",
      message: `document too large: ${bytes.length} bytes (limit ${limits.maxBytes})`,
      warnings: [],
    };
  }
  const deadline = createDeadline(limits.timeoutMs);
  try {
    const budgets = { ...DEFAULT_BUDGETS, ...opts.budgets };
    const extracted = await dispatch(bytes, essence, charset, limits, opts, deadline, budgets);
    if (!extracted)
      return {
        ...base,
        status: "unsupported",
        message: `no text extraction for ${essence || "an unknown type"}`,
        warnings: [],
      };
    const warnings = [...extracted.warnings];
    let text = extracted.text;
    if (text.length > limits.maxChars) {
      text = truncate(text, limits.maxChars);
      warnings.push(`text truncated to its first ${text.length} characters (limit ${limits.maxChars})`);
    }
    const pages = "pages" in extracted ? { pages: extracted.pages as number } : {};
    if (text.trim() === "") {
      const message = essence === PDF ? "no text layer (a scanned PDF?); OCR is not performed" : "no text";
      return { ...base, ...pages, status: "empty", message, warnings };
    }
    // The quality report and page starts (issue #12) go with the text: see text-quality-scan.ts.
    const pageStarts = "pageStarts" in extracted ? { pageStarts: extracted.pageStarts as number[] } : {};
    const quality = finalQuality(extracted, text);
    return { ...base, ...pages, ...pageStarts, status: "ok", text, warnings, quality };
  } catch (e) {
    return {
      ...base,
      status: e instanceof ExtractionError ? e.status : "failed",
      message: describe(e, essence),
      warnings: [],
    };
  }
}

async function dispatch(
  bytes: Uint8Array,
  essence: string,
  charset: string | undefined,
  limits: Limits,
  opts: ExtractOptions,
  deadline: Deadline,
  budgets: ExtractionBudgets,
): Promise<ExtractedText | undefined> {
  switch (essence) {
    case PLAIN:
    case MARKDOWN:
      // Markdown stays as written: offsets must point into what a reader of the original sees.
      return decodeText(bytes, charset);
    case HTML:
    case XHTML:
      return extractHtml(bytes, charset, {
        nodes: budgets.htmlNodes,
        chars: budgets.htmlChars,
        depth: budgets.htmlDepth,
      });
    case DOCX:
      return extractDocx(bytes, opts.zip ?? {}, deadline, {
        documentBytes: budgets.docxDocumentBytes,
        paragraphs: budgets.docxParagraphs,
        elements: budgets.docxElements,
      });
    case PDF:
      // Budgets first: pdf.js would inflate a bomb whole before the deadline could stop it.
      await checkPdfBudget(bytes, budgets.pdfDecodedBytes, () => deadline.check());
      return extractPdf(bytes, limits, deadline);
    default:
      return undefined;
  }
}

/** Cuts at maxChars without splitting a surrogate pair. */
function truncate(text: string, maxChars: number): string {
  const last = text.charCodeAt(maxChars - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? maxChars - 1 : maxChars);
}

function describe(e: unknown, essence: string): string {
  if (e instanceof ExtractionError) return e.message;
  const message = e instanceof Error ? e.message : String(e);
  return `${essence || "document"} could not be read: ${message}`;
}
