/**
 * A JSON answer to a public request (cors.ts isPublicRequest: any GET or HEAD, POST /v1/verify)
 * made with its headers complete: what app.ts's security middleware and cors.ts would add, from
 * their own constants, in one frozen plain record that the middleware then leaves alone
 * (response-headers.ts completeResponse). For hot answers (verify by hash, issue #15).
 */
import type { Context } from "hono";
import { API_CSP, completeResponse, SECURITY_HEADERS } from "./response-headers";
import { isPublicRequest, PUBLIC_CORS_HEADERS } from "./cors";

/** What c.json() sends, for an answer that is JSON text already. */
const JSON_TYPE = { "content-type": "application/json" };

const PUBLIC_JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...JSON_TYPE,
  ...SECURITY_HEADERS,
  "content-security-policy": API_CSP,
  ...PUBLIC_CORS_HEADERS,
});

/** A 200 of JSON text; a request that is not public gets the middleware's headers as usual. */
export function publicJson(c: Context, json: string): Response {
  if (!isPublicRequest(c.req.method, c.req.path)) return c.body(json, 200, JSON_TYPE);
  return completeResponse(json, PUBLIC_JSON_HEADERS);
}
