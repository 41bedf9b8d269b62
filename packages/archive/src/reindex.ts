/**
 * Rebuilds the quote index of every committed statement from its stored text (`isnad reindex`):
 * what a new key scheme (QUOTE_INDEX_VERSION) or normalization (NORMALIZATION_VERSION) needs,
 * since both are part of the index's partition keys and a statement archived before the change
 * has no items under the new ones.
 *
 * Idempotent: the items of a statement are a function of its record and text, written with
 * unconditional puts, so a second run (or a run cut short and started again) writes the same
 * items. Old partitions are left alone (nothing reads them; items are never deleted by design).
 * Walks publishers, then each one's committed statements (the gsi1 listing), a page at a time;
 * reads each text once, checked against the SHA-256 its signed record names.
 */
import { fingerprintText, NORMALIZATION_VERSION } from "@isnad/core";
import { ArchiveError } from "./errors";
import { INDEX_PENDING_SK, indexesLater, indexPendingKey, readCheckedText } from "./pending-index";
import { committedStatementPages } from "./committed-statements";
import type { Publishers } from "./publishers";
import { fingerprintKey, quoteIndexItems } from "./quote-index";
import type { ItemStore, ObjectStore } from "./ports";
import type { Signer } from "./signing";
import { chunkManifestItem } from "./text-chunks";

export interface ReindexProgress {
  publisher: string;
  /** Statements seen so far, over all publishers. */
  statements: number;
  /** Of those, statements indexed (the others have no usable text). */
  indexed: number;
  /** Index items written so far. */
  items: number;
}

export interface ReindexSummary extends ReindexProgress {
  publishers: number;
  /** Statements whose text is missing or does not match its record (reported, not indexed). */
  damaged: string[];
}

export async function reindexQuotes(
  deps: { items: ItemStore; objects: ObjectStore; publishers: Publishers; signer?: Signer },
  onProgress: (p: ReindexProgress) => void = () => {},
): Promise<ReindexSummary> {
  const summary: ReindexSummary = {
    publisher: "",
    publishers: 0,
    statements: 0,
    indexed: 0,
    items: 0,
    damaged: [],
  };
  for await (const page of committedStatementPages(deps.items, deps.publishers)) {
    if (page.first) summary.publishers++;
    summary.publisher = page.publisher;
    for (const record of page.statements) {
      summary.statements++;
      const digest =
        record.text?.status === "ok" || record.text?.status === "ocr" ? record.text.sha256 : null;
      if (!digest) continue;
      const text = await readCheckedText(deps.objects, digest);
      if (text === undefined) {
        summary.damaged.push(record.id);
        continue;
      }
      const items = quoteIndexItems(record, text);
      // A record fingerprinted under an older normalization: its fingerprint under the
      // current one, so that the whole text pasted is still found in one read.
      if (record.text?.fingerprint?.normalization !== NORMALIZATION_VERSION) {
        items.push({ pk: fingerprintKey(fingerprintText(text).sha256), sk: record.id });
      }
      // A long text's signed chunk digests, so quotes read it by range (text-chunks.ts).
      const manifest = deps.signer && chunkManifestItem(deps.signer, digest, text);
      if (manifest) items.push(manifest);
      await deps.items.putMany(items);
      // Its index is whole now: a marker of a deferred index (pending-index.ts) is done too.
      if (indexesLater(record)) await deps.items.delete(indexPendingKey(record.id).pk, INDEX_PENDING_SK);
      summary.indexed++;
      summary.items += items.length;
    }
    onProgress({ ...summary });
  }
  if (summary.publishers === 0) {
    throw new ArchiveError("NOT_FOUND", "no publishers in this archive: nothing to reindex");
  }
  return summary;
}
