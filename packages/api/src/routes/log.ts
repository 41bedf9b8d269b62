/**
 * The transparency log over HTTP: the C2SP tlog-tiles resources (`/checkpoint`, `/tile/…`) that
 * standard clients read, and the JSON conveniences `/v1/log` and `/v1/log/consistency`.
 * Receipts are served under /v1/statements/{id}/receipt (statements.ts, via `receiptResponse`).
 */
import { Hono } from "hono";
import { z } from "zod";
import { formatBase64, formatReceipt, formatReceiptTlogProof, utf8 } from "@isnad/core";
import {
  ArchiveError,
  checkInclusion,
  type InclusionCheck,
  type LogReader,
  type StoredStatement,
} from "@isnad/archive";
import type { ApiDeps } from "../deps";
import { statementJson } from "../views";
import { parseWith } from "../schemas";

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
    const { from, to } = parseWith(ConsistencyQuery, c.req.query(), "query");
    const hashes = await log.consistencyProof(from, to);
    // The proof between two sizes never changes once both exist.
    c.header("cache-control", IMMUTABLE);
    return c.json({ from, to, hashes: hashes.map(formatBase64) });
  });

  return app;
}

/** Whether the client asked for the C2SP tlog-proof text form of a receipt. */
export function wantsTlogProof(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*text\/x\.tlog-proof\s*(;|,|$)/i.test(accept);
}

/** The receipt of a committed statement, as the JSON object of DESIGN.md. */
/** The answer to an upload: the statement, its links, and its offline receipt (DESIGN.md). */
export async function archivedJson(deps: Pick<ApiDeps, "log">, statement: StoredStatement) {
  // The append has already been integrated, so the receipt is there right away.
  const receipt =
    statement.leafIndex === undefined
      ? null
      : formatReceipt(await statementReceipt(deps.log.reader, statement));
  return { ...statementJson({ record: statement.record }), receipt };
}

export async function statementReceipt(
  log: LogReader,
  statement: Pick<StoredStatement, "entry" | "leafIndex" | "record">,
) {
  if (statement.leafIndex === undefined) {
    throw new ArchiveError("NOT_FOUND", `statement ${statement.record.id} has no log receipt`);
  }
  return log.receipt(statement.leafIndex, utf8(statement.entry));
}

/** GET /v1/statements/{id}/receipt: JSON, or tlog-proof@v1 text on Accept: text/x.tlog-proof. */
export async function receiptResponse(
  log: LogReader,
  statement: Pick<StoredStatement, "entry" | "leafIndex" | "record">,
  accept: string | undefined,
): Promise<Response> {
  const receipt = await statementReceipt(log, statement);
  // A receipt names the current checkpoint, which moves on: cache it briefly.
  if (wantsTlogProof(accept)) {
    return new Response(formatReceiptTlogProof(receipt), {
      headers: { "content-type": "text/x.tlog-proof; charset=utf-8", "cache-control": SHORT, vary: "accept" },
    });
  }
  return Response.json(formatReceipt(receipt), { headers: { "cache-control": SHORT, vary: "accept" } });
}

/**
 * For the verify results (routes/verify.ts): whether the statement's inclusion in the current
 * checkpoint was checked — `{checked: true, leafIndex, treeSize}` or `{checked: false, reason}`.
 */
export function inclusionOf(
  deps: Pick<ApiDeps, "log">,
  statement: Pick<StoredStatement, "entry" | "leafIndex">,
): Promise<InclusionCheck> {
  return checkInclusion(deps.log.reader, statement);
}
