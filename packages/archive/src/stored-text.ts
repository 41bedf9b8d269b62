/**
 * The extracted text as ingest stores it: content-addressed under texts/<sha256>, written
 * create-if-absent, and described in the signed record (TextInfo) with its fingerprint, its
 * quality report (issue #12) and, for OCR, the engine that read it (issue #18). A text that could
 * not be extracted is stored nowhere; its record says why (issue #13).
 */
import { formatHex, sha256 } from "@isnad/core";
import type { ArchiveDeps } from "./archive-deps";
import { ArchiveError } from "./errors";
import type { ExtractedText } from "./extractor";
import { hasStoredText, type TextInfo } from "./statement-record";

export const textKey = (sha256Hex: string) => `texts/${sha256Hex}`;

export async function storeText(deps: ArchiveDeps, extracted: ExtractedText): Promise<TextInfo> {
  const { status, text, quality, message: reason, engine } = extracted;
  if (!hasStoredText(status)) {
    const info: TextInfo = { status, sha256: null, length: 0, fingerprint: null };
    return reason ? { ...info, reason } : info; // issue #13: why there is no text, signed
  }
  const bytes = new TextEncoder().encode(text);
  const digest = sha256(bytes);
  await deps.objects.putImmutable(textKey(formatHex(digest)), bytes, {
    contentType: "text/plain; charset=utf-8",
    sha256: digest,
  });
  const info: TextInfo = {
    status,
    sha256: formatHex(digest),
    length: text.length,
    fingerprint: extracted.fingerprint ?? deps.fingerprint(text),
    // issue #18: which engine read an OCR text, signed, so a page can say so.
    ...(status === "ocr" && engine ? { ocrEngine: engine } : {}),
  };
  return quality ? { ...info, quality } : info; // issue #12: the extraction's damage report, signed
}

/** The stored text of statement `id`; INTEGRITY when the record names a text that is missing. */
export async function readText(deps: ArchiveDeps, sha256Hex: string, id: string): Promise<string> {
  const bytes = await deps.objects.get(textKey(sha256Hex));
  if (!bytes) throw new ArchiveError("INTEGRITY", `the extracted text of statement ${id} is missing`);
  return new TextDecoder().decode(bytes);
}
