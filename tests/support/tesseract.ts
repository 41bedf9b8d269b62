/**
 * Whether the tesseract command runs here (Debian tesseract-ocr, tesseract-ocr-ara, -fra:
 * tests/system/ensure-tools.sh). Under CI=true a missing tesseract fails the suite instead of
 * skipping it.
 */
import { spawnSync } from "node:child_process";

export function requireTesseract(): boolean {
  const available = spawnSync("tesseract", ["--version"], { stdio: "ignore" }).status === 0;
  if (!available && process.env.CI === "true") {
    throw new Error(
      "tesseract is missing (Debian tesseract-ocr, tesseract-ocr-ara): tests/system/ensure-tools.sh installs it",
    );
  }
  return available;
}
