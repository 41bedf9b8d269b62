/**
 * The transparency log over HTTP: the C2SP tlog-tiles resources (`/checkpoint`, `/tile/…`) that
 * standard clients read, and the JSON conveniences `/v1/log` and `/v1/log/consistency`.
 * Receipts are served under /v1/statements/{id}/receipt (statements.ts, via receipt-view.ts).
 */
import { Hono } from "hono";
// A namespace import: esbuild keeps only the members used (`{ z }` pulls in every locale; issue #15).
import * as z from "zod";
import { formatBase64 } from "@isnad/core";
import type { ApiDeps } from "../deps";
import { parseWith } from "../schemas";
import { queryParams } from "../query-params";

const ConsistencyQuery = z
  .object({
    from: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    to: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  })
  .strict();

/** tlog-tiles: full tiles never change; a partial one is replaced by a wider one soon. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const SHORT = "public, max-age=5";

export function logRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const log = deps.log.reader;

  app.get("/checkpoint", async (c) => {
    const { checkpoint } = await log.head();
    return c.body(checkpoint, 200, {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "max-age=5",
    });
  });

  app.get("/tile/*", async (c) => {
    // Strict parsing (core's parseTilePath) makes the path a canonical key: anything else is 400.
    const tile = await log.tile(c.req.path.slice(1));
    return c.body(tile.data as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/octet-stream",
      "cache-control": tile.full ? IMMUTABLE : SHORT,
    });
  });

  app.get("/v1/log", async (c) => {
    const head = await log.head();
    c.header("cache-control", "max-age=5");
    return c.json({
      origin: log.origin,
      verifierKey: log.verifierKey,
      treeSize: head.size,
      rootHash: formatBase64(head.rootHash),
      checkpoint: head.checkpoint,
    });
  });

  app.get("/v1/log/consistency", async (c) => {
    const { from, to } = parseWith(ConsistencyQuery, queryParams(c.req.url), "query");
    const hashes = await log.consistencyProof(from, to);
    // The proof between two sizes never changes once both exist.
    c.header("cache-control", IMMUTABLE);
    return c.json({ from, to, hashes: hashes.map(formatBase64) });
  });

  return app;
}
