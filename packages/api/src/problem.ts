/**
 * RFC 9457 problem details: the one place where errors become responses. Handlers throw;
 * `onError` maps ArchiveError codes (and core's IsnadError) to a status and a stable `type`.
 * Unknown errors become a 500 with no detail (the stack goes to the log, never to the client).
 */
import type { Context } from "hono";
import { isIsnadError } from "@isnad/core";
import { ArchiveError, type ArchiveErrorCode } from "@isnad/archive";

const STATUS: Record<ArchiveErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTEGRITY: 500,
};

const TITLE: Record<ArchiveErrorCode, string> = {
  BAD_REQUEST: "Bad request",
  UNAUTHORIZED: "Unauthorized",
  FORBIDDEN: "Forbidden",
  NOT_FOUND: "Not found",
  CONFLICT: "Conflict",
  TOO_LARGE: "Document too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  RATE_LIMITED: "Too many requests",
  UNAVAILABLE: "Service unavailable",
  INTEGRITY: "Stored data failed an integrity check",
};

/** Stable problem type URIs: `urn:isnad:problem:<code in kebab case>`. */
export function problemType(code: ArchiveErrorCode): string {
  return `urn:isnad:problem:${code.toLowerCase().replace(/_/g, "-")}`;
}

export function problemResponse(
  code: ArchiveErrorCode,
  detail: string,
  extra: Record<string, unknown> = {},
): Response {
  const status = STATUS[code];
  const headers = new Headers({ "content-type": "application/problem+json" });
  if (code === "UNAUTHORIZED") headers.set("www-authenticate", 'Bearer realm="isnad"');
  if (code === "UNAVAILABLE" || code === "RATE_LIMITED") headers.set("retry-after", "1");
  return new Response(
    JSON.stringify({ type: problemType(code), title: TITLE[code], status, detail, ...extra }),
    {
      status,
      headers,
    },
  );
}

/** 405 with `Allow` (RFC 9110 §15.5.6): the path exists, the method does not. */
export function methodNotAllowed(method: string, path: string, allow: readonly string[]): Response {
  return new Response(
    JSON.stringify({
      type: "urn:isnad:problem:method-not-allowed",
      title: "Method not allowed",
      status: 405,
      detail: `${path} does not accept ${method}; it accepts ${allow.join(", ")}`,
      allow,
      instance: path,
    }),
    { status: 405, headers: { "content-type": "application/problem+json", allow: allow.join(", ") } },
  );
}

export interface ErrorLogger {
  error(message: string, fields: Record<string, unknown>): void;
}

/** One JSON line per error on stderr (CloudWatch and terminals both read it). */
export const jsonLogger: ErrorLogger = {
  error(message, fields) {
    console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), message, ...fields }));
  },
};

export function toProblem(error: unknown, c: Context, log: ErrorLogger): Response {
  if (error instanceof ArchiveError) {
    if (STATUS[error.code] >= 500) log.error("request failed", { code: error.code, error: describe(error) });
    return problemResponse(error.code, error.message, { ...error.details, instance: c.req.path });
  }
  // Core parses attacker-controlled input (proofs, JSON, encodings): its errors are the client's.
  if (isIsnadError(error)) {
    return problemResponse("BAD_REQUEST", error.message, { code: error.code, instance: c.req.path });
  }
  log.error("unexpected error", { path: c.req.path, error: describe(error) });
  return Response.json(
    {
      type: "urn:isnad:problem:internal",
      title: "Internal error",
      status: 500,
      detail: "an unexpected error occurred; it has been logged",
      instance: c.req.path,
    },
    { status: 500, headers: { "content-type": "application/problem+json" } },
  );
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.name}: ${error.cause.message})` : "";
  return `${error.name}: ${error.message}${cause}\n${error.stack ?? ""}`;
}
