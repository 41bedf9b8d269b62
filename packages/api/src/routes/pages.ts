/**
 * The human pages: `/` (the verify page), `/s/{id}` (a statement's provenance page) and
 * `/assets/{name}` (the verify page's script, bundled on first request; see @isnad/web).
 */
import { Hono } from "hono";
import { ArchiveError, getStatement } from "@isnad/archive";
import { createClientAssets, parseLang, verifyPage, type ClientAssets } from "@isnad/web";
import type { ApiDeps } from "../deps";
import { provenanceHtml } from "../pages/provenance-page";
import { StatementIdParam, parseWith } from "../schemas";

/** One bundle per process: every app built in it (tests build many) shares the build. */
const sharedAssets = createClientAssets();

export function pagesRoutes(deps: ApiDeps, assets: ClientAssets = sharedAssets): Hono {
  const app = new Hono();

  app.get("/", (c) => c.html(verifyPage({ lang: parseLang(c.req.query("lang")) })));

  app.get("/s/:id", async (c) => {
    const { id } = parseWith(StatementIdParam, c.req.param(), "id");
    const view = await getStatement(deps.archive.items, id);
    return c.html(await provenanceHtml(deps, view, { url: c.req.url, lang: parseLang(c.req.query("lang")) }));
  });

  app.get("/assets/:name", async (c) => {
    const asset = await assets.get(c.req.param("name"));
    if (!asset) throw new ArchiveError("NOT_FOUND", `no asset named ${c.req.param("name")}`);
    const headers = { etag: asset.etag, "cache-control": "public, max-age=300" };
    if (c.req.header("if-none-match") === asset.etag) return c.body(null, 304, headers);
    return c.body(asset.body, 200, { ...headers, "content-type": asset.contentType });
  });

  return app;
}
