import type { ExtractedText } from "./extract-html";
import { cMapDirectory, loadPdfjs } from "./load-pdfjs";
import { reattachStrandedMarks, repairRtlClusters } from "./pdf-rtl-clusters";
import { joinPlacedText } from "./pdf-lines";
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
    const texts: string[] = [];
    let chars = 0;
    for (let n = 1; n <= Math.min(doc.numPages, limits.maxPages) && chars <= limits.maxChars; n++) {
      deadline.check();
      const page = await withDeadline(doc.getPage(n), deadline);
      const text = await withDeadline(pageText(pdfjs, page), deadline);
      page.cleanup();
      texts.push(text);
      chars += text.length + 2;
    }
    return { text: trimTrailing(texts.join("\n\n"), "\n"), warnings, pages: doc.numPages };
  } finally {
    await task.destroy();
  }
}

async function pageText(pdfjs: Pdfjs, page: PdfPage): Promise<string> {
  const content = await page.getTextContent({ disableNormalization: true });
  const items = content.items.filter((i) => "str" in i);
  let strs = items.map((i) => i.str);
  if (strs.some(hasRtl)) {
    const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
    const glyphs: string[] = [];
    ops.fnArray.forEach((fn, i) => {
      if (fn !== pdfjs.OPS.showText) return;
      for (const g of (ops.argsArray[i] as unknown[][])[0] ?? []) {
        if (g && typeof g === "object" && "unicode" in g && typeof g.unicode === "string")
          glyphs.push(g.unicode);
      }
    });
    strs = reattachStrandedMarks(items, repairRtlClusters(items, glyphs));
  }
  const placed: PlacedText[] = items.map((item, i) => ({
    str: strs[i] ?? item.str,
    x: item.transform[4] as number,
    y: item.transform[5] as number,
    width: item.width,
    size: item.height || Math.hypot(item.transform[2] as number, item.transform[3] as number),
  }));
  return joinPlacedText(placed)
    .replace(COMPATIBILITY_FORMS, (s) => s.normalize("NFKC"))
    .replace(CONTROLS, "");
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
