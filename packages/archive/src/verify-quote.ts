/**
 * Verify by text: where, and how faithfully, does this quote appear in the archive?
 *
 * 1. A pasted whole statement is found by its fingerprint (one Query).
 * 2. Otherwise the quote's keys (core/text/shingles.ts: word triples chosen so that a first round
 *    of DEFAULT_QUERY_SHINGLES survives one edit in ≥ 4 words and two in ≥ 10) are looked up in
 *    parallel, one page of POSTING_PAGE postings each. If no key of that round turned out rare
 *    (its whole postings in the page), a second round of as many keys tries rarer ones: at most
 *    2 × DEFAULT_QUERY_SHINGLES + 1 Query calls, whatever the size of the archive.
 * 3. quote-candidates.ts ranks the statements by rarity-weighed votes that agree on a place;
 *    at most MAX_EXAMINED of them (those within a quarter of the best score) are examined: their
 *    records in one BatchGetItem per 100, their texts whole if short, else a window around the
 *    hits (quote-texts.ts), and core's alignment gives each a verdict and offsets.
 * 4. The answer is paged: results sorted by verdict, then earliest received first; `total` counts
 *    them, `cursor` continues. A page's statements are read in full (supersession links).
 */
import { matchQuote, utf8, type QuoteMatch, type TextQuality, type TextSpan } from "@isnad/core";
import { ArchiveError } from "./errors";
import { findQuoteCandidates } from "./quote-retrieval";
import { QuoteTexts } from "./quote-texts";
import { getStatement, type StatementView } from "./provenance";
import { parseStatementItem } from "./archive-deps";
import { keys } from "./items";
import { verifyRecordSignature, type SignatureCheck } from "./signing";
import type { ItemStore, ObjectStore } from "./ports";
import type { SignedStatementRecord } from "./statement-record";
import { decodeQuoteCursor, encodeQuoteCursor } from "./quote-cursor";
import { withPages } from "./text-pages";
import { readChunkManifest } from "./text-chunks";

export const DEFAULT_QUOTE_LIMIT = 20;
export const MAX_QUOTE_LIMIT = 100;

const RANK: Record<string, number> = {
  verbatim: 0,
  "same-words": 1,
  abridged: 2,
  uncertain: 3,
  altered: 4,
  "not-found": 5,
};

export interface QuoteResult {
  view: StatementView;
  match: QuoteMatch;
  signature: SignatureCheck;
  /** True when the whole normalized text equals the statement's (its fingerprint matched). */
  wholeStatement: boolean;
}

export interface QuoteVerification {
  /** The best verdict over all results (not only this page's). */
  verdict: QuoteMatch["verdict"];
  /** This page of results. */
  results: QuoteResult[];
  /** Results over all pages. */
  total: number;
  limit: number;
  /** Pass it back as `cursor` for the next page; absent on the last one. */
  next?: string;
  /**
   * False when statements may hold the quote beyond what was examined: every key looked up was
   * common (its postings did not fit a page) or more than MAX_EXAMINED statements qualified.
   */
  complete: boolean;
  /** DynamoDB requests this verification made (for the benchmark and the curious). */
  reads: number;
  /** Bytes of stored text read. */
  textBytes: number;
  /** Statements examined (aligned); with textBytes, what the rate limiter charges. */
  examined: number;
}

export interface VerifyQuoteOptions {
  limit?: number;
  cursor?: string;
  /** Stored texts and their caches; by default one per object store, for the process's life. */
  texts?: QuoteTexts;
  /** The quote was read by OCR from a screenshot: its confusions are "uncertain" (verify-screenshot.ts). */
  ocr?: boolean;
  /** With `ocr`: the quote's spans where the engine was unsure (core's MatchOptions.ocrUnsure). */
  ocrUnsure?: readonly TextSpan[];
}

const textsByStore = new WeakMap<ObjectStore, QuoteTexts>();

function textsFor(objects: ObjectStore): QuoteTexts {
  let texts = textsByStore.get(objects);
  if (!texts) textsByStore.set(objects, (texts = new QuoteTexts(objects)));
  return texts;
}

export async function verifyQuote(
  stores: { items: ItemStore; objects: ObjectStore },
  quote: string,
  keyring: ReadonlyMap<string, Uint8Array>,
  options: VerifyQuoteOptions = {},
): Promise<QuoteVerification> {
  const limit = options.limit ?? DEFAULT_QUOTE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUOTE_LIMIT) {
    throw new ArchiveError("BAD_REQUEST", `limit: an integer from 1 to ${MAX_QUOTE_LIMIT}`, {
      details: { field: "limit" },
    });
  }
  const offset = options.cursor === undefined ? 0 : decodeQuoteCursor(options.cursor, quote);
  const texts = options.texts ?? textsFor(stores.objects);
  const { candidates, complete, wholeIds, reads: lookups } = await findQuoteCandidates(stores.items, quote);
  let reads = lookups;
  const items =
    candidates.length > 0 ? await stores.items.batchGet(candidates.map((c) => keys.statement(c.id))) : [];
  reads += Math.ceil(candidates.length / 100);
  const reach = 2 * utf8(quote).length + 2048;
  const matched: { record: SignedStatementRecord; match: QuoteMatch; whole: boolean }[] = [];
  const meter = { bytes: 0 };
  // A long text's signed chunk digests (one GetItem each, then cached by QuoteTexts).
  const signedManifest = (digest: string) => {
    reads++;
    return readChunkManifest(stores.items, digest, keyring);
  };
  // A few at a time: each may read and prepare up to a window of text.
  for (let i = 0; i < candidates.length; i += 8) {
    const batch = candidates.slice(i, i + 8).map(async (c, k) => {
      const item = items[i + k];
      const stored = item && parseStatementItem(item);
      const text = stored?.state === "committed" ? stored.record.text : undefined;
      if (!stored || !text?.sha256) return;
      const window = await texts.window(text.sha256, text.length, c.hits, reach, meter, signedManifest);
      if (!window) return;
      const damaged = windowSpans(qualityOf(text)?.damaged, window.offset, window.document.text.length);
      const match = shiftMatch(
        matchQuote(quote, window.document, { damaged, ocr: options.ocr, ocrUnsure: options.ocrUnsure }),
        window.offset,
      );
      if (match.verdict !== "not-found")
        matched.push({ record: stored.record, match, whole: wholeIds.has(c.id) });
    });
    await Promise.all(batch);
  }
  matched.sort(
    (a, b) =>
      (RANK[a.match.verdict] ?? 9) - (RANK[b.match.verdict] ?? 9) ||
      a.record.receivedAt.localeCompare(b.record.receivedAt) ||
      a.record.id.localeCompare(b.record.id),
  );

  const page = matched.slice(offset, offset + limit);
  const views = await Promise.all(
    page.map((m) =>
      getStatement(stores.items, m.record.id).catch((e: unknown) => {
        if (e instanceof ArchiveError && e.code === "NOT_FOUND") return undefined;
        throw e;
      }),
    ),
  );
  reads += page.length;
  // The page of the original under each difference (text-pages.ts): "page 3 of the original".
  const paged = await Promise.all(page.map((m) => withPages(stores.objects, m.record, m.match)));
  const results: QuoteResult[] = [];
  page.forEach((m, i) => {
    const view = views[i];
    if (view)
      results.push({
        view,
        match: paged[i] ?? m.match,
        signature: verifyRecordSignature(view.record, keyring),
        wholeStatement: m.whole,
      });
  });
  const end = offset + limit;
  return {
    verdict: matched[0]?.match.verdict ?? "not-found",
    results,
    total: matched.length,
    limit,
    ...(end < matched.length ? { next: encodeQuoteCursor(end, quote) } : {}),
    complete,
    reads,
    textBytes: meter.bytes,
    examined: candidates.length,
  };
}

/**
 * The record's text quality (issue #12: a difference on damaged text is "uncertain", never
 * "altered"), written by the extraction into `record.text.quality`; absent on older records.
 */
function qualityOf(text: object): TextQuality | undefined {
  return (text as { quality?: TextQuality }).quality;
}

/** Damaged spans of the whole text that touch a window, in the window's offsets. */
function windowSpans(spans: readonly TextSpan[] | undefined, offset: number, length: number): TextSpan[] {
  const out: TextSpan[] = [];
  for (const [start, end] of spans ?? []) {
    if (end > offset && start < offset + length) {
      out.push([Math.max(0, start - offset), Math.min(length, end - offset)]);
    }
  }
  return out;
}

/** A match on a window, with its offsets moved into the whole text. */
function shiftMatch(match: QuoteMatch, offset: number): QuoteMatch {
  if (offset === 0) return match;
  const move = <T extends { start: number; end: number }>(s: T): T => ({
    ...s,
    start: s.start + offset,
    end: s.end + offset,
  });
  return {
    ...match,
    fragments: match.fragments.map(move),
    differences: match.differences.map((d) => {
      const moved = move(d);
      const damaged = (d as { damaged?: { start: number; end: number } }).damaged;
      return damaged ? { ...moved, damaged: move(damaged) } : moved;
    }),
  };
}
