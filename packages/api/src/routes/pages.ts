/**
 * The human pages: `/` (the verify page), `/s/{id}` (a statement's provenance page),
 * `/assets/{name}` (the verify page's script, bundled on first request; see @isnad/web) and
 * `/cli/isnad.mjs` (the single-file CLI, routes/cli.ts).
 */
import { Hono } from "hono";
import { ArchiveError, getStatement } from "@isnad/archive";
import { CLIENT_ENTRIES, createClientAssets, parseLang, verifyPage, type ClientAssets } from "@isnad/web";
import type { ApiDeps } from "../deps";
import { provenanceHtml } from "../pages/provenance-page";
import { StatementIdParam, parseWith } from "../schemas";
import { cliRoutes } from "./cli";

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
    const name = c.req.param("name");
    // Only the browsers' scripts live under /assets/; the CLI has its own path.
    const browser = Object.hasOwn(CLIENT_ENTRIES, name) && CLIENT_ENTRIES[name]!.platform === "browser";
    const asset = browser ? await assets.get(name) : undefined;
    if (!asset) throw new ArchiveError("NOT_FOUND", `no asset named ${c.req.param("name")}`);
    const headers = { etag: asset.etag, "cache-control": "public, max-age=300" };
    if (c.req.header("if-none-match") === asset.etag) return c.body(null, 304, headers);
    return c.body(asset.body, 200, { ...headers, "content-type": asset.contentType });
  });

  app.route("/cli", cliRoutes(assets));

  return app;
}
