/**
 * `/cli/isnad.mjs`: the isnad CLI as one ESM file that runs with a bare `node` ≥ 20 and no
 * node_modules (see @isnad/web's client-assets), so that anyone can verify a receipt offline
 * without cloning the repository or installing a package. Its SHA-256 is on the provenance page
 * and in `Repr-Digest` (RFC 9530 §3), so a reader can check the copy they run.
 */
import { Hono } from "hono";
import { ArchiveError } from "@isnad/archive";
import { formatBase64, parseHex } from "@isnad/core";
import { CLI_BUNDLE, type ClientAssets } from "@isnad/web";

export const CLI_PATH = `/cli/${CLI_BUNDLE}`;

export function cliRoutes(assets: ClientAssets): Hono {
  const app = new Hono();
  app.get(`/${CLI_BUNDLE}`, async (c) => {
    const asset = await cliAsset(assets);
    const headers = {
      etag: asset.etag,
      "cache-control": "public, max-age=300",
      "repr-digest": `sha-256=:${formatBase64(parseHex(asset.sha256))}:`,
    };
    if (c.req.header("if-none-match") === asset.etag) return c.body(null, 304, headers);
    return c.body(asset.body, 200, {
      ...headers,
      "content-type": asset.contentType,
      "content-disposition": `attachment; filename="${CLI_BUNDLE}"`,
    });
  });
  return app;
}

/** The bundle, or UNAVAILABLE when it can be neither read (prebuilt) nor built here. */
export async function cliAsset(assets: ClientAssets) {
  let asset;
  try {
    asset = await assets.get(CLI_BUNDLE);
  } catch (e) {
    throw new ArchiveError("UNAVAILABLE", "the single-file CLI could not be built on this server", {
      cause: e,
    });
  }
  if (!asset) throw new ArchiveError("NOT_FOUND", `no ${CLI_BUNDLE} on this server`);
  return asset;
}
