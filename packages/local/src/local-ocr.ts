/**
 * OCR for screenshots sent to /v1/verify in the local stack (issue #18): the reader of the
 * process's document extractor (tesseract when installed — Debian tesseract-ocr, tesseract-ocr-ara,
 * tesseract-ocr-fra: tests/system/ensure-tools.sh — unless ISNAD_OCR=off), so ingest and verify
 * share one bound on tesseract processes. Without it, verify answers a screenshot with 415 "OCR
 * is not available here" and everything else works as before.
 */
import type { ImageReader } from "@isnad/archive";
import { documentExtractor } from "@isnad/extract";

export function localImageReader(): ImageReader | undefined {
  return documentExtractor.ocr() || undefined;
}
