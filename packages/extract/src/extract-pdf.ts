import type { TextQuality, TextSpan } from "@isnad/core";
import type { ExtractedText } from "./extract-html";
import { cMapDirectory, loadPdfjs } from "./load-pdfjs";
import { applyActualText, glyphsOutsideActualText, marksAlign, type ContentItem } from "./pdf-actual-text";
import { markedContentReader, type MarkedContent } from "./pdf-marked-content";
import { drawnSpaces } from "./pdf-drawn-spaces";
import { mergeSpans, scanTextQuality, wordAround } from "./text-quality-scan";
import { reattachStrandedMarks, repairRtlClusters } from "./pdf-rtl-clusters";
import { GUESSED_BOUNDARY, joinPlacedText } from "./pdf-lines";
import type { PlacedText } from "./pdf-lines";
import { hasRtl } from "./rtl";
import { withDeadline } from "./deadline";
import type { Deadline } from "./deadline";
import { ExtractionError } from "./types";
import { trimTrailing } from "./trailing-run";

type Pdfjs = Awaited<ReturnType<typeof loadPdfjs>>;
type PdfPage = Awaited<ReturnType<Awaited<ReturnType<Pdfjs["getDocument"]>["promise"]>["getPage"]>>;

export interface PdfLimits {
  maxPages: number;
  maxChars: number;
}

export interface ExtractedPdf extends ExtractedText {
  pages: number;
  /** How far the letters can be trusted: unmapped glyphs, replacement characters, isolated marks. */
  quality: TextQuality;
  /** Where each page read begins in `text` (UTF-16 offsets), to name the page of a passage. */
  pageStarts: number[];
}

// Presentation forms and Latin ligatures (ﻻ, ﷲ, ﬁ) folded to the characters they stand for, as
// pdf.js does by default; done after the RTL repair, since before it the reversal would scramble
// the expansions exactly like multi-character glyphs.
const COMPATIBILITY_FORMS = /[\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefc]+/g;

// Glyphs without a Unicode mapping come back as U+0000 or other controls: never text.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** A PDF's text, page by page, through pdf.js; bounded in pages, characters and time. */
export async function extractPdf(
  bytes: Uint8Array,
  limits: PdfLimits,
  deadline: Deadline,
): Promise<ExtractedPdf> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: bytes.slice(), // pdf.js takes ownership of (detaches) the buffer it is given
    cMapUrl: cMapDirectory(),
    cMapPacked: true,
    disableFontFace: true,
    enableXfa: false,
    isEvalSupported: false,
    isImageDecoderSupported: false,
    isOffscreenCanvasSupported: false,
    maxImageSize: 1, // never decode images: they carry no text we read
    stopAtErrors: false,
    useSystemFonts: false,
    useWorkerFetch: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const doc = await withDeadline(task.promise, deadline).catch((e: unknown) => {
      throw openError(e);
    });
    const warnings: string[] = [];
    // ISO 32000-2 §7.5.5: a file ends with %%EOF. Without it pdf.js rebuilds the cross-reference
    // table from what is there, so the text may be partial.
    if (!new TextDecoder("latin1").decode(bytes.subarray(-1024)).includes("%%EOF")) {
      warnings.push("no %%EOF marker: the file may be truncated, text recovered from what is there");
    }
    const { info } = (await withDeadline(doc.getMetadata(), deadline)) as unknown as {
      info: Record<string, unknown>;
    };
    if (info.EncryptFilterName) warnings.push("encrypted PDF with an empty user password: text extracted");
    if (doc.numPages > limits.maxPages)
      warnings.push(`only the first ${limits.maxPages} of ${doc.numPages} pages read`);
    const readMarks = markedContentReader(bytes);
    let text = "";
    const pageStarts: number[] = [];
    const unmappedAt: number[] = [];
    const reordered: TextSpan[] = [];
    for (let n = 1; n <= Math.min(doc.numPages, limits.maxPages) && text.length <= limits.maxChars; n++) {
      deadline.check();
      const page = await withDeadline(doc.getPage(n), deadline);
      const content = await withDeadline(pageText(pdfjs, page, readMarks), deadline);
      page.cleanup();
      if (n > 1) text += "\n\n";
      pageStarts.push(text.length);
      unmappedAt.push(...content.unmappedAt.map((at) => at + text.length));
      // A guessed word boundary damages the words on both sides of it.
      for (const at of content.guessedAt) {
        const [start] = wordAround(content.text, Math.max(0, at - 1));
        const [, end] = wordAround(content.text, at);
        reordered.push([start + text.length, end + text.length]);
      }
      text += content.text;
    }
    text = trimTrailing(text, "\n");
    const quality = scanTextQuality(text, { unmappedAt, reordered: mergeSpans(reordered) });
    return { text, warnings, pages: doc.numPages, quality, pageStarts };
  } finally {
    await task.destroy();
  }
}

/** The text of one page, and where in it glyphs without a character were dropped. */
interface PageText {
  text: string;
  unmappedAt: number[];
  /** Word boundaries decided on guessed geometry (offsets just after the boundary). */
  guessedAt: number[];
}

// A glyph the font maps to nothing (pdf.js: U+0000) or to U+FFFD is a lost letter, never text.
// UNMAPPED stands for it while the page is assembled, so that its place survives line
// joining: a noncharacter (Unicode §23.7), which no text from a font carries.
const UNMAPPED = "\ufdd0";

async function pageText(
  pdfjs: Pdfjs,
  page: PdfPage,
  readMarks: (pageIndex: number) => Promise<MarkedContent[] | undefined>,
): Promise<PageText> {
  const content = await page.getTextContent({ disableNormalization: true, includeMarkedContent: true });
  const items = content.items as ContentItem[];
  let marks: MarkedContent[] | undefined;
  if (items.some((i) => i.type === "beginMarkedContentProps")) {
    marks = await readMarks(page.pageNumber - 1);
    if (marks && !marksAlign(items, marks)) marks = undefined;
  }
  // The operator list has the glyphs: needed for the ligature repair of right-to-left text and to
  // tell a drawn space inside an ActualText sequence from pdf.js's guessed ones.
  const needsGlyphs = marks?.some((m) => m.actualText !== null) || items.some((i) => hasRtl(i.str ?? ""));
  const ops = needsGlyphs
    ? await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE })
    : undefined;
  const { glyphs, spaced } = ops
    ? glyphsOutsideActualText(ops, pdfjs.OPS, marks)
    : { glyphs: [], spaced: new Set<number>() };
  const pieces = applyActualText(items, marks, spaced);
  const plain = pieces.filter((p) => !p.actual);
  if (plain.some((p) => hasRtl(p.str))) {
    const strs = reattachStrandedMarks(plain, repairRtlClusters(plain, glyphs));
    plain.forEach((p, i) => (p.str = strs[i] ?? p.str));
  }
  const placed: PlacedText[] = pieces.map((p) => ({
    ...p,
    str: p.str
      .replaceAll(UNMAPPED, "")
      .replaceAll(GUESSED_BOUNDARY, "")
      .replace(/[\0\uFFFD]/g, UNMAPPED),
  }));
  const text = joinPlacedText(placed, ops ? drawnSpaces(ops, pdfjs.OPS) : [])
    .replace(COMPATIBILITY_FORMS, (s) => s.normalize("NFKC"))
    .replace(CONTROLS, "");
  return takeUnmapped(text);
}

/** Removes the UNMAPPED and GUESSED_BOUNDARY stand-ins, noting where each stood. */
function takeUnmapped(text: string): PageText {
  const unmappedAt: number[] = [];
  const guessedAt: number[] = [];
  let out = "";
  for (const ch of text) {
    if (ch === UNMAPPED) unmappedAt.push(out.length);
    else if (ch === GUESSED_BOUNDARY) guessedAt.push(out.length);
    else out += ch;
  }
  return { text: out, unmappedAt, guessedAt };
}

function openError(e: unknown): ExtractionError {
  const name = e instanceof Error ? e.name : "";
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof ExtractionError) return e;
  if (name === "PasswordException") {
    return new ExtractionError("failed", `encrypted PDF: a password is required to open it (${message})`, {
      cause: e,
    });
  }
  return new ExtractionError("failed", `not a readable PDF: ${message}`, { cause: e });
}
