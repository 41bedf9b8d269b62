/**
 * The publisher page (`/p/{id}`) and its Atom feed (`/p/{id}/feed.atom`): the publisher as the
 * archive names it, and its statements by publication date (archive's listStatementsByDate),
 * rendered by @isnad/web.
 */
import { ArchiveError, listStatementsByDate, publisherLookup, type StatementView } from "@isnad/archive";
import { atomFeed, publisherPage, type FeedEntry, type Lang, type PublisherListing } from "@isnad/web";
import type { ApiDeps } from "../deps";

/** Statements per page of /p/{id}; the feed carries the latest FEED_ENTRIES. */
export const PUBLISHER_PAGE_SIZE = 20;
export const FEED_ENTRIES = 50;

async function publisherOf(deps: ApiDeps, id: string) {
  const publisher = await deps.publishers.get(id);
  if (!publisher) throw new ArchiveError("NOT_FOUND", `no publisher '${id}'`);
  // The summary (names, domain, URL) as every statement view names it; createdAt from the item.
  const summary = await publisherLookup(deps.archive.items)(id);
  return { ...summary, createdAt: publisher.createdAt };
}

function listing(view: StatementView): PublisherListing {
  return {
    id: view.record.id,
    receivedAt: view.record.receivedAt,
    current: {
      title: view.current.title,
      language: view.current.language,
      publishedAt: view.current.publishedAt,
    },
    filename: view.record.original.filename,
    superseded: view.supersededBy.length > 0,
  };
}

export async function publisherHtml(
  deps: ApiDeps,
  id: string,
  request: { url: string; lang: Lang; cursor?: string | undefined; limit?: number | undefined },
): Promise<string> {
  const publisher = await publisherOf(deps, id);
  const page = await listStatementsByDate(deps.archive.items, id, {
    limit: request.limit ?? PUBLISHER_PAGE_SIZE,
    ...(request.cursor ? { cursor: request.cursor } : {}),
  });
  return publisherPage(
    {
      publisher,
      statements: page.statements.map(listing),
      next: page.cursor ?? null,
      ...(request.limit ? { limit: request.limit } : {}),
      paged: Boolean(request.cursor),
      baseUrl: new URL(request.url).origin,
    },
    request.lang,
  );
}

export async function publisherFeed(deps: ApiDeps, id: string, request: { url: string; lang: Lang }) {
  const publisher = await publisherOf(deps, id);
  const page = await listStatementsByDate(deps.archive.items, id, { limit: FEED_ENTRIES });
  const entries: FeedEntry[] = page.statements.map((view) => ({
    ...listing(view),
    updated: view.corrections.at(-1)?.record.receivedAt ?? view.record.receivedAt,
    original: {
      mediaType: view.record.original.mediaType,
      size: view.record.original.size,
      sha256: view.record.original.sha256,
    },
  }));
  return atomFeed({ publisher, entries, baseUrl: new URL(request.url).origin }, request.lang);
}
