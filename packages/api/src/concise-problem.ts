/**
 * RFC 9290 Concise Problem Details: the CBOR form of an error, which SCRAPI
 * (draft-ietf-scitt-scrapi §2, "Resources") requires for every 4xx/5xx of a Transparency Service.
 * isnad has one error model (problem.ts renders every failure as RFC 9457 problem+json); this
 * module only changes its encoding, so the SCITT routes fail with the same codes, details and
 * headers (WWW-Authenticate, Retry-After, Allow) as the rest of the API:
 *
 *   -1 title (text)   -2 detail (text)   -3 instance (a URI reference, as text)
 *   -4 response-code: the HTTP status in CoAP's class.detail form (RFC 7252 §3: c << 5 | dd),
 *      e.g. 400 → 4.00 = 128, 413 → 4.13 = 141, 503 → 5.03 = 163, as RFC 9290 §2 defines it
 *   "urn:isnad:problem:…" (the JSON problem's stable `type`) → a custom problem detail entry
 *      (RFC 9290 §3.2: a map keyed by the type URI) holding `status` and the JSON's extra members.
 */
import type { MiddlewareHandler } from "hono";
import { CborMap, encodeCbor, type CborValue } from "@isnad/cose";

export const CONCISE_PROBLEM_MEDIA_TYPE = "application/concise-problem-details+cbor";

/** RFC 9290 §6.1, "Standard Problem Detail Keys". */
export const PROBLEM_TITLE = -1;
export const PROBLEM_DETAIL = -2;
export const PROBLEM_INSTANCE = -3;
export const PROBLEM_RESPONSE_CODE = -4;

/** CoAP's encoding of a response code (RFC 7252 §3, §12.1.2); undefined where it has none. */
export function coapResponseCode(status: number): number | undefined {
  const cls = Math.floor(status / 100);
  const detail = status % 100;
  return Number.isInteger(status) && cls >= 2 && cls <= 5 && detail < 32 ? (cls << 5) | detail : undefined;
}

/** JSON (from JSON.parse) → CBOR: objects become text-keyed maps. */
function cborOf(value: unknown): CborValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  // The CBOR encoder writes integers only (receipts must have one encoding); a fraction goes as text.
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(cborOf);
  if (typeof value === "object") {
    return new CborMap(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, cborOf(v)] as const),
    );
  }
  return null;
}

/** The concise (CBOR) form of an RFC 9457 problem document. */
export function conciseProblem(problem: Record<string, unknown>): Uint8Array<ArrayBuffer> {
  const { type, title, detail, instance, status, ...extra } = problem;
  const entries: [number | string, CborValue][] = [];
  if (typeof title === "string") entries.push([PROBLEM_TITLE, title]);
  if (typeof detail === "string") entries.push([PROBLEM_DETAIL, detail]);
  if (typeof instance === "string") entries.push([PROBLEM_INSTANCE, instance]);
  const code = typeof status === "number" ? coapResponseCode(status) : undefined;
  if (code !== undefined) entries.push([PROBLEM_RESPONSE_CODE, code]);
  if (typeof type === "string") entries.push([type, cborOf({ status, ...extra })]);
  return encodeCbor(new CborMap(entries));
}

/**
 * Middleware for the SCITT routes: whatever problem+json the app produced below it (a handler's
 * error through onError, the rate limiter's 429, a 405, a bad query string) leaves as concise
 * problem details; every other response passes untouched.
 */
export const conciseProblems: MiddlewareHandler = async (c, next) => {
  await next();
  if (!/^application\/problem\+json/i.test(c.res.headers.get("content-type") ?? "")) return;
  let problem: unknown;
  try {
    problem = await c.res.clone().json();
  } catch {
    return; // not JSON after all: leave it as it is rather than invent a problem
  }
  if (typeof problem !== "object" || problem === null) return;
  const { status } = c.res;
  const headers = new Headers(c.res.headers);
  headers.set("content-type", CONCISE_PROBLEM_MEDIA_TYPE);
  headers.delete("content-length");
  // Replaced outright: assigning over a response merges its old headers (length included) back.
  c.res = undefined;
  c.res = new Response(conciseProblem(problem as Record<string, unknown>), { status, headers });
};
