/**
 * The one query-string parser of the API (WHATWG URL §5.1, application/x-www-form-urlencoded),
 * strict where URLSearchParams is lenient:
 *   - a parameter given twice is a 400 naming it. Hono's `c.req.query()` keeps the first value,
 *     `Object.fromEntries(URLSearchParams)` the last (issue #13): a proxy or cache that reads the
 *     other one would see another request than the archive did.
 *   - a name or value whose percent-decoded bytes are not UTF-8 is a 400 naming it, instead of
 *     U+FFFD in a signed field.
 * `strictQuery` runs it on every request (app.ts), so that every route refuses both alike;
 * routes read their parameters with `queryParams`.
 */
import type { MiddlewareHandler } from "hono";
import { ArchiveError } from "@isnad/archive";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** WHATWG URL "percent-decode" after "+" → space; undefined when the bytes are not UTF-8. */
function decodeComponent(raw: string): string | undefined {
  if (!/[%+]/.test(raw)) return raw;
  const input = new TextEncoder().encode(raw);
  const out = new Uint8Array(input.length);
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i]!;
    const high = byte === 0x25 && i + 2 < input.length ? hexValue(input[i + 1]!) : -1;
    const low = high >= 0 ? hexValue(input[i + 2]!) : -1;
    if (low >= 0) {
      out[n++] = high * 16 + low;
      i += 2;
    } else {
      out[n++] = byte === 0x2b ? 0x20 : byte;
    }
  }
  try {
    return utf8.decode(out.subarray(0, n));
  } catch {
    return undefined;
  }
}

function bad(field: string, message: string): ArchiveError {
  return new ArchiveError("BAD_REQUEST", `${field}: ${message}`, { details: { field } });
}

/**
 * Characters the URL parser's query state leaves as they are (WHATWG URL §4.4: not in the query
 * percent-encode set nor the special-query one, no "#", no tab or newline it would strip).
 */
const PLAIN_QUERY = /^[!$-&(-;=?-~]*$/;

/** The query string of `url` ("?…" or ""), as the URL parser gives it. */
function searchOf(url: string): string {
  // Sliced when that reads the same as parsing (every request's path, issue #15): no "#" or
  // whitespace anywhere, which the parser would cut at or strip, and a plain query.
  if (!/[#\s]/.test(url)) {
    const at = url.indexOf("?");
    if (at === -1) return "";
    const search = url.slice(at);
    if (PLAIN_QUERY.test(search)) return search;
  }
  return new URL(url).search;
}

/** The query parameters of `url`, each at most once, as UTF-8 text. */
export function queryParams(url: string | URL): Record<string, string> {
  const search = typeof url === "string" ? searchOf(url) : url.search;
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of search.slice(1).split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    const name = decodeComponent(rawName);
    if (name === undefined) throw bad(`query parameter ${rawName}`, "its name is not valid UTF-8");
    const value = decodeComponent(eq === -1 ? "" : pair.slice(eq + 1));
    if (value === undefined) throw bad(name, "not valid UTF-8 (query parameter)");
    if (Object.hasOwn(params, name)) throw bad(name, "query parameter given more than once; send it once");
    params[name] = value;
  }
  return { ...params };
}

/** Middleware: every request's query string passes `queryParams`, or the request is a 400. */
export const strictQuery: MiddlewareHandler = async (c, next) => {
  queryParams(c.req.url);
  await next();
};
