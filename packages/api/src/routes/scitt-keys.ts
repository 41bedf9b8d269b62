/**
 * /.well-known/scitt-keys: the service's COSE receipt keys as a COSE_KeySet (RFC 9052 §7;
 * SCRAPI's key discovery), each key with its kid (the RFC 9679 thumbprint a COSE receipt's
 * protected header names), so a SCITT client can check isnad's receipts with no isnad code.
 */
import { Hono } from "hono";
import { ArchiveError } from "@isnad/archive";
import { coseKeySet } from "@isnad/cose";
import type { ApiDeps } from "../deps";

export function scittKeysRoutes(deps: Pick<ApiDeps, "receiptKey">): Hono {
  const app = new Hono();
  app.get("/.well-known/scitt-keys", () => {
    // A COSE_KeySet holds at least one key: with none configured, say so rather than send [].
    if (!deps.receiptKey) throw new ArchiveError("UNAVAILABLE", "this server has no COSE receipt key");
    return new Response(coseKeySet([deps.receiptKey]), {
      headers: { "content-type": "application/cbor", "cache-control": "public, max-age=300" },
    });
  });
  return app;
}
