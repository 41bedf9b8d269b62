/**
 * /v1/policy: the log's witness policy in C2SP tlog-policy syntax (core's tlog-policy.ts parses
 * it): the log's checkpoint key, the witnesses that cosign its checkpoints, and the quorum a
 * reader should require. Without configured witnesses, the log's own key alone ("quorum none").
 */
import { Hono } from "hono";
import type { ApiDeps } from "../deps";

export function policyRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get("/v1/policy", (c) => {
    c.header("cache-control", "public, max-age=300");
    c.header("content-type", "text/plain; charset=utf-8");
    return c.body(deps.witnessPolicy ?? `log ${deps.log.verifierKey}\nquorum none\n`);
  });
  return app;
}
