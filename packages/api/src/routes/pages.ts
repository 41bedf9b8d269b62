/**
 * The human pages: `/` (the verify page), `/s/{id}` (a statement's provenance page), `/p/{id}`
 * (a publisher's page) and `/p/{id}/feed.atom` (its Atom feed), `/about` (keys, log, CLI, API),
 * and `/assets/{name}` (the pages' scripts, bundled on first request; see @isnad/web). The
 * single-file CLI, `/cli/isnad.mjs`, is routes/cli.ts, from the same bundles (app.ts).
 *
 * Pages speak the reader's language (?lang=, else Accept-Language; hence `Vary`), and fail as
 * pages: a mistyped /s/… or /p/… link gets an HTML 404 or 400 in that language, never raw
 * problem+json (issue #14). The feed fails as problem+json: feed readers are programs.
 */
import { Hono, type Context } from "hono";
import { ArchiveError, getStatement } from "@isnad/archive";
import { CLIENT_ENTRIES, negotiateLang, type ClientAssets, type ErrorPageKind } from "@isnad/web";
import type { ApiDeps } from "../deps";
import { loadPages } from "../pages/lazy-pages";
import { assetsOf } from "../pages/shared-assets";
import { StatementIdParam, parseWith } from "../schemas";
import { PageQuery, PublisherIdParam } from "../resource-schemas";
import { prefersHtml } from "../prefers-html";

export function pageLang(c: Context) {
  c.header("vary", "Accept-Language");
  return negotiateLang(c.req.query("lang"), c.req.header("accept-language"));
}

/** NOT_FOUND and BAD_REQUEST as an HTML page of that kind; undefined for any other error. */
async function pageErrorOf(
  c: Context,
  kind: ErrorPageKind,
  e: unknown,
  lang = pageLang(c),
): Promise<Response | undefined> {
  if (!(e instanceof ArchiveError) || (e.code !== "NOT_FOUND" && e.code !== "BAD_REQUEST")) return undefined;
  const status = e.code === "NOT_FOUND" ? 404 : 400;
  const { errorPage } = await loadPages();
  return c.html(errorPage({ status, kind, lang, path: c.req.path, detail: e.message }), status);
}

/** Runs a page handler; NOT_FOUND and BAD_REQUEST become HTML pages, anything else goes on to onError. */
async function asPage(c: Context, kind: ErrorPageKind, render: () => Promise<string>): Promise<Response> {
  try {
    return c.html(await render());
  } catch (e) {
    const page = await pageErrorOf(c, kind, e);
    if (page === undefined) throw e;
    return page;
  }
}

/**
 * For app.onError: a page request refused before its handler ran (a query string that is not
 * UTF-8 or repeats a parameter: query-params.ts) still fails as a page. Its ?lang= may be the
 * broken part, so only Accept-Language picks the language. Undefined for non-page paths.
 */
export async function pageError(c: Context, e: unknown): Promise<Response | undefined> {
  const path = c.req.path;
  if (path.endsWith(".atom")) return undefined; // feed readers are programs: problem+json
  // GET /v1/statements/{id} answers a browser with the statement page, so it fails as one too.
  const statementPage = /^\/v1\/statements\/[^/]+$/.test(path) && prefersHtml(c.req.header("accept"));
  const kind: ErrorPageKind | undefined =
    path.startsWith("/s/") || statementPage
      ? "statement"
      : path.startsWith("/p/")
        ? "publisher"
        : path === "/" || path === "/about"
          ? "page"
          : undefined;
  if (kind === undefined) return undefined;
  c.header("vary", "Accept-Language");
  return pageErrorOf(c, kind, e, negotiateLang(undefined, c.req.header("accept-language")));
}

/** A bundle that can be neither read (prebuilt) nor built here: 503, not a 500. */
function unbuildable(name: string) {
  return (cause: unknown): never => {
    throw new ArchiveError("UNAVAILABLE", `the script ${name} could not be built on this server`, { cause });
  };
}

/** The query members a page reads (others, such as lang, are the page's own). */
function pick(query: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([k]) => names.includes(k)));
}

export function pagesRoutes(deps: ApiDeps, assets: ClientAssets = assetsOf(deps)): Hono {
  const app = new Hono();

  app.get("/", async (c) => {
    const { verifyPage } = await loadPages();
    return c.html(verifyPage({ lang: pageLang(c) }));
  });

  app.get("/about", (c) =>
    asPage(c, "page", async () => (await loadPages()).aboutHtml(deps, { url: c.req.url, lang: pageLang(c) })),
  );

  app.get("/s/:id", (c) =>
    asPage(c, "statement", async () => {
      const { id } = parseWith(StatementIdParam, c.req.param(), "id");
      const [view, { provenanceHtml }] = await Promise.all([
        getStatement(deps.archive.items, id),
        loadPages(),
      ]);
      return provenanceHtml(deps, view, {
        url: c.req.url,
        lang: pageLang(c),
        highlight: c.req.query("hl") ?? null,
      });
    }),
  );

  app.get("/p/:id", (c) =>
    asPage(c, "publisher", async () => {
      const { id } = parseWith(PublisherIdParam, c.req.param(), "id");
      const { cursor, limit } = parseWith(PageQuery, pick(c.req.query(), ["cursor", "limit"]), "query");
      const { publisherHtml } = await loadPages();
      return publisherHtml(deps, id, { url: c.req.url, lang: pageLang(c), cursor, limit });
    }),
  );

  app.get("/p/:id/feed.atom", async (c) => {
    const { id } = parseWith(PublisherIdParam, c.req.param(), "id");
    const lang = negotiateLang(c.req.query("lang"), null);
    const { ATOM_CONTENT_TYPE, publisherFeed } = await loadPages();
    return c.body(await publisherFeed(deps, id, { url: c.req.url, lang }), 200, {
      "content-type": ATOM_CONTENT_TYPE,
      "cache-control": "public, max-age=60",
    });
  });

  // Any other path under the pages' prefixes is a mistyped link: a page says so.
  app.get("/s/*", (c) =>
    asPage(c, "statement", () => Promise.reject(new ArchiveError("NOT_FOUND", "no such page"))),
  );
  app.get("/p/*", (c) =>
    asPage(c, "publisher", () => Promise.reject(new ArchiveError("NOT_FOUND", "no such page"))),
  );

  app.get("/assets/:name", async (c) => {
    const name = c.req.param("name");
    // Only the browsers' scripts live under /assets/; the CLI has its own path.
    const browser = Object.hasOwn(CLIENT_ENTRIES, name) && CLIENT_ENTRIES[name]!.platform === "browser";
    const asset = browser ? await assets.get(name).catch(unbuildable(name)) : undefined;
    if (!asset) throw new ArchiveError("NOT_FOUND", `no asset named ${c.req.param("name")}`);
    const headers = { etag: asset.etag, "cache-control": "public, max-age=300" };
    if (c.req.header("if-none-match") === asset.etag) return c.body(null, 304, headers);
    return c.body(asset.body, 200, { ...headers, "content-type": asset.contentType });
  });

  return app;
}
