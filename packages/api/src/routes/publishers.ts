/**
 * /v1/publishers: who publishes in the archive, by name. Public reads; publishers are created and
 * changed by the operator with the CLI (`isnad publisher create|update`), each change a signed
 * log entry.
 */
import { Hono } from "hono";
import { ArchiveError, listStatementsByDate, publisherLookup, type PublisherSummary } from "@isnad/archive";
import type { ApiDeps } from "../deps";
import { parseWith } from "../schemas";
import { PageQuery, PublisherIdParam } from "../resource-schemas";
import { statementJson } from "../views";
import { queryParams } from "../query-params";

export function publisherLinks(id: string) {
  const self = `/v1/publishers/${id}`;
  return {
    self,
    page: `/p/${id}`,
    feed: `/p/${id}/feed.atom`,
    statements: `${self}/statements`,
  };
}

const publisherJson = (p: PublisherSummary) => ({ ...p, links: publisherLinks(p.id) });

export function publishersRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get("/", async (c) => {
    const query = parseWith(PageQuery, queryParams(c.req.url), "query");
    const page = await deps.publishers.list({
      limit: query.limit ?? 20,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return c.json({
      publishers: page.publishers.map(publisherJson),
      cursor: page.cursor ?? null,
      ...(page.cursor ? { next: `/v1/publishers?${pageParams(page.cursor, query.limit)}` } : {}),
    });
  });

  app.get("/:id", async (c) => {
    const { id } = parseWith(PublisherIdParam, c.req.param(), "id");
    const publisher = await deps.publishers.get(id);
    if (!publisher) throw new ArchiveError("NOT_FOUND", `no publisher '${id}'`);
    return c.json(publisherJson(publisher));
  });

  /** Its statements by publication date, newest first (what /p/{id} and its feed list). */
  app.get("/:id/statements", async (c) => {
    const { id } = parseWith(PublisherIdParam, c.req.param(), "id");
    const query = parseWith(PageQuery, queryParams(c.req.url), "query");
    const publisher = await deps.publishers.get(id);
    if (!publisher) throw new ArchiveError("NOT_FOUND", `no publisher '${id}'`);
    const page = await listStatementsByDate(deps.archive.items, id, {
      limit: query.limit ?? 20,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    const summary = await publisherLookup(deps.archive.items)(id);
    return c.json({
      publisher: publisherJson(summary),
      statements: page.statements.map((view) => statementJson(view, { publisher: summary })),
      cursor: page.cursor ?? null,
      ...(page.cursor
        ? { next: `/v1/publishers/${id}/statements?${pageParams(page.cursor, query.limit)}` }
        : {}),
    });
  });

  return app;
}

function pageParams(cursor: string, limit: number | undefined): URLSearchParams {
  return new URLSearchParams({ cursor, ...(limit ? { limit: String(limit) } : {}) });
}
