/**
 * Who is writing: the publisher API key from `Authorization: Bearer <key>` (RFC 6750 §2.1).
 * A module of its own so that routes and middleware (rate-limit.ts) share it without importing
 * one another.
 */
import type { Context } from "hono";
import type { Publishers } from "@isnad/archive";

export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** The publisher the request's key acts for; UNAUTHORIZED (401) otherwise. */
export function authenticatedPublisher(
  deps: { publishers: Pick<Publishers, "authenticate"> },
  c: Context,
): Promise<string> {
  return deps.publishers.authenticate(bearerToken(c.req.header("authorization")));
}
