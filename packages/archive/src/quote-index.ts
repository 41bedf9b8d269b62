/**
 * The quote index: hashed word shingles of every extracted text (core/text/shingles.ts), one item
 * per distinct shingle per statement, so a quote finds its candidate statements in a few parallel
 * Query calls whatever the archive's size. The partition carries the normalization version:
 * a new normalization gets a new index instead of silently mismatching the old one.
 *
 * | pk                                   | sk          | attributes |
 * |--------------------------------------|-------------|------------|
 * | q#<normalization>#<size>:<16 hex>    | <statement> | pos        |
 * | fp#<normalization>#<sha256 of norm.> | <statement> |            |
 */
import { indexShingles, NORMALIZATION_VERSION, tokenize } from "@isnad/core";
import type { Item, ItemStore } from "./ports";
import type { SignedStatementRecord } from "./statement-record";

/**
 * Words indexed per statement. Press statements run to a few thousand words; a bound keeps one
 * pathological upload (a 25 MiB text is ~4 M words, ~8 M items) from costing more than a few
 * seconds of writes. Quotes beyond it are still matched when the statement is found otherwise
 * (by its hash, or by a quote from its first 50,000 words).
 */
export const MAX_INDEXED_WORDS = 50_000;

export const shingleKey = (key: string) => `q#${NORMALIZATION_VERSION}#${key}`;
export const fingerprintKey = (sha256Hex: string) => `fp#${NORMALIZATION_VERSION}#${sha256Hex}`;

export function quoteIndexItems(record: SignedStatementRecord, text: string): Item[] {
  const items: Item[] = indexShingles(tokenize(text).slice(0, MAX_INDEXED_WORDS)).map((s) => ({
    pk: shingleKey(s.key),
    sk: record.id,
    pos: s.index,
  }));
  const fingerprint = record.text?.fingerprint;
  if (fingerprint?.normalization === NORMALIZATION_VERSION) {
    items.push({ pk: fingerprintKey(fingerprint.sha256), sk: record.id });
  }
  return items;
}

/** ArchiveDeps.indexText: idempotent, so a retried ingest simply writes the same items again. */
export function createTextIndexer(items: ItemStore) {
  return (record: SignedStatementRecord, text: string) => items.putMany(quoteIndexItems(record, text));
}
