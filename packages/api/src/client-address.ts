/**
 * The client's address behind CloudFront on Lambda, for per-client rate limits (rate-limit.ts).
 *
 * The function URL's `requestContext.http.sourceIp` is a CloudFront edge, not the viewer.
 * CloudFront appends the viewer's address to X-Forwarded-For (keeping whatever the viewer sent in
 * front of it, which anyone can forge), so the trustworthy entry is the last one CloudFront added:
 * the last entry, or the one before it when the last is the edge itself.
 */
import type { Context } from "hono";

interface LambdaEnv {
  requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
}

export function forwardedClientAddress(c: Context): string | undefined {
  const context = (c.env as LambdaEnv | undefined)?.requestContext;
  const source = context?.http?.sourceIp ?? context?.identity?.sourceIp;
  const hops = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter((h) => h !== "");
  if (hops.length > 0 && hops[hops.length - 1] === source) hops.pop();
  return hops[hops.length - 1] ?? source;
}
