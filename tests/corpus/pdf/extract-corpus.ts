/**
 * Extracts the committed corpus PDFs the way ingest does (extractPdf, the PDF path of extractText),
 * and, as a baseline, with poppler's pdftotext when it is installed (what Evince and Okular copy).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { TextQuality } from "@isnad/core";
import { createDeadline } from "../../../packages/extract/src/deadline";
import { extractPdf } from "../../../packages/extract/src/extract-pdf";
import { DEFAULT_LIMITS } from "../../../packages/extract/src/types";
import { corpusFiles, pdfPath } from "./corpus";

export interface CorpusExtraction {
  file: string;
  expected: string;
  text: string;
  quality: TextQuality;
  pageStarts: number[];
}

export async function extractCorpus(): Promise<CorpusExtraction[]> {
  const out: CorpusExtraction[] = [];
  for (const f of corpusFiles()) {
    const bytes = new Uint8Array(readFileSync(pdfPath(f.document.name, f.renderer)));
    const pdf = await extractPdf(bytes, DEFAULT_LIMITS, createDeadline(DEFAULT_LIMITS.timeoutMs));
    out.push({
      file: f.file,
      expected: f.expected,
      text: pdf.text,
      quality: pdf.quality,
      pageStarts: pdf.pageStarts,
    });
  }
  return out;
}

/** pdftotext's text of a corpus file, or undefined when poppler-utils is not installed. */
export function pdftotext(file: string): string | undefined {
  const [name, renderer] = file.replace(/\.pdf$/, "").split(".");
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", pdfPath(name!, renderer as "chromium"), "-"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return undefined;
  }
}
