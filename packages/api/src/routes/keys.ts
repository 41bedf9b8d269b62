/** /v1/keys: the public keys anyone needs to check isnad's signatures themselves. */
import { Hono } from "hono";
import type { ApiDeps } from "../deps";

export function keysRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get("/", (c) => {
    c.header("cache-control", "public, max-age=300");
    // The log's checkpoint key, as a C2SP note verifier key (what Go's note.NewVerifier takes).
    const log = { origin: deps.log.origin, verifierKey: deps.log.verifierKey };
    return c.json({ keys: deps.keyring.keys, log });
  });
  return app;
}
