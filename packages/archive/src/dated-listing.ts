/**
 * A publisher's statements by publication date (the publisher page and its feed): one `dated`
 * item per statement in the statement's own partition, placed in gsi1 under
 * `pub#<publisher>/dated` with the sort key `<date>#<id>`. A correction of `publishedAt` replaces
 * the item (put), which moves it in the index: no delete is ever needed. Written before the
 * statement commits, like the other link items; readers show committed statements only.
 */
import { keys, publisherDatedListing } from "./items";
import type { ItemStore } from "./ports";

/**
 * The sort date: the publisher's claimed publication date, else the day isnad received it, as
 * ISO 8601 UTC so that dates and date-times given with offsets sort together.
 */
export function listingDate(publishedAt: string | null, receivedAt: string): string {
  const parsed = publishedAt === null ? Number.NaN : Date.parse(publishedAt);
  return new Date(Number.isNaN(parsed) ? Date.parse(receivedAt) : parsed).toISOString();
}

export function datedListingItem(
  record: { id: string; publisher: string; receivedAt: string },
  publishedAt: string | null,
) {
  return {
    ...keys.dated(record.id),
    publisher: record.publisher,
    gsi1pk: publisherDatedListing(record.publisher),
    gsi1sk: `${listingDate(publishedAt, record.receivedAt)}#${record.id}`,
  };
}

export function putDatedListing(
  items: ItemStore,
  record: { id: string; publisher: string; receivedAt: string },
  publishedAt: string | null,
): Promise<void> {
  return items.put(datedListingItem(record, publishedAt));
}
