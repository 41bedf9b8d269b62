/**
 * createApp(deps): the whole HTTP surface of isnad as one Hono app, the same object on Lambda
 * (functions/) and locally (packages/local). Handlers throw; `onError` renders every failure as
 * problem+json (problem.ts).
 */
import { Hono } from "hono";
import type { ApiDeps } from "./deps";
import { methodNotAllowed, problemResponse, toProblem } from "./problem";
import { cors } from "./cors";
import { routeMethods } from "./method-not-allowed";
import { publishersRoutes } from "./routes/publishers";
import { domainKeysRoutes } from "./routes/domain-keys";
import { correctionsRoutes } from "./routes/corrections";
import { keysRoutes } from "./routes/keys";
import { policyRoutes } from "./routes/policy";
import { scittKeysRoutes } from "./routes/scitt-keys";
import { scittEntriesRoutes } from "./routes/scitt-entries";
import { conciseProblems } from "./concise-problem";
import { logRoutes } from "./routes/log";
import { statementsRoutes } from "./routes/statements";
import { uploadsRoutes } from "./routes/uploads";
import { verifyRoutes } from "./routes/verify";
import { pageError, pagesRoutes } from "./routes/pages";
import { cliRoutes } from "./routes/cli";
import { assetsOf } from "./pages/shared-assets";
import { PAGE_CSP } from "./pages/html";
import { DEFAULT_RATE_LIMITS, rateLimit } from "./rate-limit";
import { strictQuery } from "./query-params";
import { API_CSP, hasCompleteHeaders, SECURITY_HEADERS, setResponseHeader } from "./response-headers";

export function createApp(deps: ApiDeps): Hono {
  const app = new Hono();

  // On every answer, whatever its kind (pages, JSON, problems, tiles, originals, 429s): no MIME
  // sniffing, no referrer, no framing. Pages get their CSP; everything else a CSP that allows
  // nothing, unless its route chose one (an original: "sandbox", so an archived HTML document
  // never runs in isnad's origin).
  app.use(async (c, next) => {
    await next();
    // A hot answer made with all of them already (response-headers.ts completeResponse).
    if (hasCompleteHeaders(c)) return;
    // Set on the response as it is (response-headers.ts): c.header() would rebuild it.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) setResponseHeader(c, name, value);
    if (!c.res.headers.has("content-security-policy")) {
      const page = c.res.headers.get("content-type")?.startsWith("text/html");
      setResponseHeader(c, "content-security-policy", page ? PAGE_CSP : API_CSP);
    }
  });
  // Served methods per path, from the route table below: for CORS preflights, OPTIONS and 405.
  const methodsAt = routeMethods(app);
  // SCRAPI's routes fail as RFC 9290 concise problem details, whatever fails below (rate limits too).
  app.use("/entries/*", conciseProblems);
  app.use(cors(methodsAt));
  if (deps.rateLimits !== false) app.use(rateLimit(deps.rateLimits ?? DEFAULT_RATE_LIMITS));
  // One reading of the query string for every route: a repeated parameter or one that is not
  // UTF-8 is a 400 naming it, wherever it is sent (query-params.ts, issue #13).
  app.use(strictQuery);

  app.route("/v1/statements/:id/corrections", correctionsRoutes(deps));
  app.route("/v1/statements", statementsRoutes(deps));
  app.route("/v1/publishers", publishersRoutes(deps));
  app.route("/v1/publishers", domainKeysRoutes(deps));
  app.route("/v1/uploads", uploadsRoutes(deps));
  app.route("/v1/verify", verifyRoutes(deps));
  app.route("/v1/keys", keysRoutes(deps));
  app.route("/", policyRoutes(deps));
  app.route("/", scittKeysRoutes(deps));
  app.route("/entries", scittEntriesRoutes(deps));
  app.route("/", logRoutes(deps));
  // The OpenAPI document's builders (zod's JSON Schema conversion among them) serve only this
  // route: loaded on its first request, not at a Lambda's cold start (issue #15).
  app.get("/openapi.json", async (c) => c.json((await import("./openapi")).openApiDocument()));
  // The pages' scripts and the single-file CLI come from the same bundles (one cache per app).
  const assets = assetsOf(deps);
  app.route("/", pagesRoutes(deps, assets));
  app.route("/cli", cliRoutes(assets));

  app.notFound((c) => {
    const allowed = methodsAt(c.req.path);
    if (allowed.length > 0) return methodNotAllowed(c.req.method, c.req.path, [...allowed, "OPTIONS"]);
    return problemResponse("NOT_FOUND", `no route for ${c.req.method} ${c.req.path}`);
  });
  app.onError(async (error, c) => (await pageError(c, error)) ?? toProblem(error, c, deps.logger));
  return app;
}
