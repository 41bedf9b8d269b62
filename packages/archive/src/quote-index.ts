/**
 * The quote index: hashed word triples of every extracted text (core/text/shingles.ts), one item
 * per distinct key per statement, so a quote finds its candidate statements in a few parallel
 * Query calls whatever the archive's size. The partition carries the normalization version and
 * the key scheme's version: a new one gets a new index (`isnad reindex` writes it) instead of
 * silently mismatching the old one.
 *
 * | pk                                        | sk                      | attributes |
 * |-------------------------------------------|-------------------------|------------|
 * | q#<normalization>#qi2#3:<16 hex>          | <receivedAt>#<statement>| b, c, g   |
 * | fp#<normalization>#<sha256 of normalized> | <statement>             |            |
 *
 * The sort key starts with the time the archive received the statement, so a key's postings come
 * earliest first: when a phrase is common to more statements than one page holds, the first page
 * is the earliest ones (issue #12: "within a verdict, the earliest archived statement first").
 * `b` and `c` are the UTF-8 byte and UTF-16 offsets of the key's first word in the text, so that
 * a quote reads and prepares only a window of a long text around its hits (quote-texts.ts). `g: 1`
 * says the statement holds the three words only apart (one word between), never in a row: among
 * statements equally voted for, those that hold a quote's words in a row come first
 * (quote-candidates.ts). Items written before `g` existed lack it and count as in a row.
 */
import { indexShingles, isGapped, NORMALIZATION_VERSION, QUOTE_INDEX_VERSION, tokenize } from "@isnad/core";
import type { Item, ItemStore } from "./ports";
import type { SignedStatementRecord } from "./statement-record";
import { utf8Offsets } from "./utf8-offsets";
import { chunkManifestItem } from "./text-chunks";
import type { Signer } from "./signing";

/**
 * Words indexed per statement. Press statements run to a few thousand words; a bound keeps one
 * pathological upload (a 25 MiB text is ~4 M words, ~12 M items) from costing more than a few
 * seconds of writes. Quotes beyond it are still matched when the statement is found otherwise
 * (by its hash, or by a quote from its first 50,000 words).
 */
export const MAX_INDEXED_WORDS = 50_000;

export const shingleKey = (key: string) => `q#${NORMALIZATION_VERSION}#${QUOTE_INDEX_VERSION}#${key}`;
export const fingerprintKey = (sha256Hex: string) => `fp#${NORMALIZATION_VERSION}#${sha256Hex}`;
/** The sort key of a statement's postings: earliest first, then by id. */
export const postingSortKey = (record: { receivedAt: string; id: string }) =>
  `${record.receivedAt}#${record.id}`;
/** The statement id out of a posting's sort key. */
export const postingStatement = (sk: string) => sk.slice(sk.lastIndexOf("#") + 1);

export function quoteIndexItems(record: SignedStatementRecord, text: string): Item[] {
  const tokens = tokenize(text, NORMALIZATION_VERSION, MAX_INDEXED_WORDS);
  const shingles = indexShingles(tokens);
  const bytes = utf8Offsets(
    text,
    tokens.map((t) => t.start),
  );
  const sk = postingSortKey(record);
  const items: Item[] = shingles.map((s) => ({
    pk: shingleKey(s.key),
    sk,
    b: bytes[s.index]!,
    c: tokens[s.index]!.start,
    ...(isGapped(s) ? { g: 1 } : {}),
  }));
  const fingerprint = record.text?.fingerprint;
  if (fingerprint?.normalization === NORMALIZATION_VERSION) {
    items.push({ pk: fingerprintKey(fingerprint.sha256), sk: record.id });
  }
  return items;
}

/**
 * ArchiveDeps.indexText: idempotent, so a retried ingest (or a reindex) writes the same items again.
 * With a signer, a long text also gets its signed chunk digests (text-chunks.ts).
 */
export function createTextIndexer(items: ItemStore, signer?: Signer) {
  return async (record: SignedStatementRecord, text: string) => {
    const digest = record.text?.sha256;
    const manifest = signer && digest ? chunkManifestItem(signer, digest, text) : undefined;
    await Promise.all([items.putMany(quoteIndexItems(record, text)), manifest && items.put(manifest)]);
  };
}
