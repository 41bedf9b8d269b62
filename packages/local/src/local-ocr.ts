/**
 * OCR for screenshots sent to /v1/verify in the local stack (issue #18): the tesseract command
 * (packages/extract, ocr-reader.ts) when it is installed (Debian tesseract-ocr, tesseract-ocr-ara,
 * tesseract-ocr-fra: tests/system/ensure-tools.sh), unless ISNAD_OCR=off. Without it, verify answers
 * a screenshot with 415 "OCR is not available here" and everything else works as before.
 */
import { spawnSync } from "node:child_process";
import type { ImageReader } from "@isnad/archive";
import { createOcrReader } from "@isnad/extract";

export function localImageReader(
  env: Record<string, string | undefined> = process.env,
): ImageReader | undefined {
  if (env.ISNAD_OCR === "off") return undefined;
  const binary = env.ISNAD_TESSERACT ?? "tesseract";
  const probe = spawnSync(binary, ["--version"], { stdio: "ignore", timeout: 10_000 });
  return probe.status === 0 ? createOcrReader({ binary }) : undefined;
}
