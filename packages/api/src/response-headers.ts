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
 */
import type { Context } from "hono";

export function setResponseHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    c.header(name, value);
  }
}
