/**
 * CORS (Fetch standard §3.2) for what anyone may read: every GET/HEAD, and POST /v1/verify, so
 * fact-checking sites and browser extensions can call the public API from their own origin.
 * Authenticated writes get no CORS at all: a preflight for them is answered without
 * Access-Control-Allow-Origin, so a browser never sends a publisher's key cross-origin, and the
 * `Authorization` header is never an allowed request header.
 */
import type { MiddlewareHandler } from "hono";
import { hasCompleteHeaders, setResponseHeader } from "./response-headers";

/** Methods a browser may use from any origin, per path (beyond GET/HEAD on every read). */
const PUBLIC_POSTS = new Set(["/v1/verify"]);
const ALLOWED_HEADERS = "Content-Type, Accept, Accept-Language, If-None-Match";
const EXPOSED_HEADERS = "Location, Repr-Digest, Retry-After, ETag, Content-Disposition, Link";
const PREFLIGHT_MAX_AGE = "86400";
/** What every answer to a public request carries. */
export const PUBLIC_CORS_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "access-control-allow-origin": "*",
  "access-control-expose-headers": EXPOSED_HEADERS,
});

export function isPublicRequest(method: string, path: string): boolean {
  return method === "GET" || method === "HEAD" || (method === "POST" && PUBLIC_POSTS.has(path));
}

/** The methods of `allowed` (what the route table serves at a path) open to any origin. */
function publicMethods(path: string, allowed: readonly string[]): string[] {
  return allowed.filter((m) => isPublicRequest(m, path));
}

/**
 * `allowedMethods(path)` is the route table's answer (method-not-allowed.ts): empty for paths
 * nothing serves, which then fall through to 404.
 */
export function cors(allowedMethods: (path: string) => string[]): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    if (c.req.method === "OPTIONS") {
      const allowed = allowedMethods(path);
      if (allowed.length === 0) return next();
      const headers = new Headers({ allow: [...allowed, "OPTIONS"].join(", ") });
      const open = publicMethods(path, allowed);
      const requested = c.req.header("access-control-request-method")?.toUpperCase();
      if (requested && open.includes(requested)) {
        headers.set("access-control-allow-origin", "*");
        headers.set("access-control-allow-methods", [...open, "OPTIONS"].join(", "));
        headers.set("access-control-allow-headers", ALLOWED_HEADERS);
        headers.set("access-control-max-age", PREFLIGHT_MAX_AGE);
      }
      return new Response(null, { status: 204, headers });
    }
    await next();
    // A hot answer made with them already (public-json.ts), for public requests only.
    if (isPublicRequest(c.req.method, path) && !hasCompleteHeaders(c)) {
      for (const [name, value] of Object.entries(PUBLIC_CORS_HEADERS)) setResponseHeader(c, name, value);
    }
  };
}
