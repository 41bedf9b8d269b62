/**
 * Where each page of an original begins in its extracted text (PDF: Extraction.pageStarts), kept
 * beside the text so that a quote's *uncertain* difference can name "page 3 of the original"
 * (issue #12 §3). Not in the signed record: a page number helps a reader find the place in the
 * original, it proves nothing, and the record's shape is a public format.
 *
 * The object is keyed by the original's and the text's digests together: the same text may come
 * from originals paged differently. Like the text it is written in ingest's step 1, before the
 * record, create-if-absent (ingest.ts), and it is read back checked (core's isPageStarts), never
 * trusted: a missing or malformed object only means no page is named.
 */
import { isPageStarts, pageOf, sha256, utf8, type QuoteMatch } from "@isnad/core";
import { ArchiveError } from "./errors";
import type { ObjectStore } from "./ports";
import type { SignedStatementRecord } from "./statement-record";

/** The media type paged originals are archived as (sniffed by packages/extract). */
const PDF = "application/pdf";

export const textPagesKey = (originalSha256: string, textSha256: string) =>
  `text-pages/${originalSha256}/${textSha256}.json`;

/** Stores the page starts of a text (step 1 of ingest); one object, idempotent. */
export async function storeTextPages(
  objects: ObjectStore,
  originalSha256: string,
  textSha256: string,
  pageStarts: readonly number[],
): Promise<void> {
  const body = utf8(JSON.stringify({ pageStarts }));
  try {
    await objects.putImmutable(textPagesKey(originalSha256, textSha256), body, {
      contentType: "application/json",
      sha256: sha256(body),
    });
  } catch (e) {
    // Already there with other starts (an extractor that pages the same text differently since):
    // the first stays, as immutable objects do; it still pages this very text.
    if (e instanceof ArchiveError && e.code === "CONFLICT") return;
    throw e;
  }
}

/** The page starts stored for a text of `length` code units, or undefined (none, or unusable). */
export async function readTextPages(
  objects: ObjectStore,
  originalSha256: string,
  textSha256: string,
  length: number,
): Promise<number[] | undefined> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await objects.get(textPagesKey(originalSha256, textSha256));
  } catch (e) {
    if (e instanceof ArchiveError && e.code === "INTEGRITY") return undefined;
    throw e;
  }
  if (!bytes) return undefined;
  try {
    const value = (JSON.parse(new TextDecoder().decode(bytes)) as { pageStarts?: unknown }).pageStarts;
    return isPageStarts(value, length) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A match whose differences each name the page of the original their archived side is on (`page`,
 * 1-based), when the original is paged (PDF) and its page starts are stored. Only matches with
 * differences cost a read: one small object per listed result, so a page of results stays bounded.
 */
export async function withPages(
  objects: ObjectStore,
  record: Pick<SignedStatementRecord, "original" | "text">,
  match: QuoteMatch,
): Promise<QuoteMatch> {
  const text = record.text;
  if (match.differences.length === 0 || !text?.sha256 || record.original.mediaType !== PDF) return match;
  const starts = await readTextPages(objects, record.original.sha256, text.sha256, text.length);
  if (!starts) return match;
  return {
    ...match,
    differences: match.differences.map((d) => ({ ...d, page: pageOf(starts, d.start) })),
  };
}
