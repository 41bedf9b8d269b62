/**
 * The extracted texts the provenance page shows and compares: read from the object store and
 * checked against the SHA-256 in the signed record (a text changed behind the archive's back is
 * never shown as the statement's), then bounded for the page.
 */
import { ArchiveError, textKey, type StatementView } from "@isnad/archive";
import { formatHex, parseUtf8, sha256 } from "@isnad/core";
import type { ApiDeps } from "../deps";

/** The most characters of a text a page shows (the whole text stays one link away). */
export const PAGE_TEXT_CHARS = 200_000;

/** The record's extracted text, or null when it has none (a failed or empty extraction). */
export async function readStatementText(
  deps: Pick<ApiDeps, "archive">,
  record: StatementView["record"],
): Promise<string | null> {
  const sha = record.text?.sha256;
  if (!sha) return null;
  const bytes = await deps.archive.objects.get(textKey(sha));
  if (!bytes || formatHex(sha256(bytes)) !== sha) {
    throw new ArchiveError(
      "INTEGRITY",
      `the stored text of statement ${record.id} does not match its signed record`,
    );
  }
  return parseUtf8(bytes);
}
