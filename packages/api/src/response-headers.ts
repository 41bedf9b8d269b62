/**
 * Headers that middleware adds to a response after the handler made it (security headers, CORS).
 *
 * Hono's `c.header()` on a finished response rebuilds it (`new Response(res.body, res)`), in case
 * its headers are immutable. On @hono/node-server that rebuild reads `body`, which turns the
 * server's lightweight response (a string it writes at once) into a web ReadableStream piped out
 * chunk by chunk: a full Response, a stream and its reader per request, for every answer (issue
 * #15: a third of a verify-by-hash answer's CPU besides its one DynamoDB read). Setting the header
 * on the response's own Headers keeps the fast path; only a response whose headers are immutable
 * (Fetch standard §5.5 "immutable" guard, e.g. one returned by fetch()) takes Hono's way.
 *
 * A hot answer can go further (completeResponse): made with every header the middleware would
 * add already in its plain record, it is left alone. Reading `headers` of the lightweight
 * response builds a Headers object from that record (each name and value checked, Fetch §5.2),
 * and writing it out then walks the Headers sorted; with a plain record, @hono/node-server hands
 * it to writeHead as it is (issue #15: about a tenth of a verify by hash's main-thread CPU).
 */
import type { Context } from "hono";

/** On every answer, whatever its kind: no MIME sniffing, no referrer, no framing (app.ts). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
});

/** For answers that are not pages: nothing may load, nothing may frame (OWASP REST Security). */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const complete = new WeakSet<Response>();

/**
 * A 200 whose `headers` already hold what the app's middleware adds to its kind of answer
 * (public-json.ts builds them from the middleware's own constants); the middleware skips it.
 */
export function completeResponse(body: string, headers: Readonly<Record<string, string>>): Response {
  const res = new Response(body, { status: 200, headers });
  complete.add(res);
  return res;
}

/** Whether the response in `c` was made by completeResponse: nothing is to be added to it. */
export function hasCompleteHeaders(c: Context): boolean {
  return complete.has(c.res);
}

export function setResponseHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    c.header(name, value);
  }
}
