/**
 * The image of a PDF page, for OCR of a scanned page (one without a text layer): poppler's
 * pdftoppm (Debian poppler-utils; on Lambda in the layer beside tesseract) in the OCR sandbox,
 * the PDF on stdin and a grey PNG on stdout. -scale-to bounds the longest side in pixels whatever
 * the page's MediaBox says, so a page of 200 × 200 inches is no image bomb: 3,508 px is an A4
 * page at 300 dpi, the resolution tesseract reads best.
 */
import { runSandboxed, type SandboxOptions } from "./ocr-child";

export interface PageImageOptions extends SandboxOptions {
  /** The pdftoppm executable (PATH lookup when bare). */
  pdftoppm: string;
  /** Longest side of the page image, in pixels. */
  longSide: number;
}

/** A grey 300 dpi A4 page compresses to some hundreds of KiB; the bound is for hostile pages. */
const MAX_PNG = 64 * 1024 * 1024;

export async function pdfPageImage(
  pdf: Uint8Array,
  page: number,
  options: PageImageOptions,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const command = [
    options.pdftoppm,
    "-png",
    "-gray",
    "-f",
    String(page),
    "-l",
    String(page),
    "-singlefile",
    "-scale-to",
    String(options.longSide),
    "-",
  ];
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C.UTF-8" };
  return runSandboxed(command, pdf, { ...options, env, maxOutput: MAX_PNG, ...(signal ? { signal } : {}) });
}
