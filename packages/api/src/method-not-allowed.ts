/**
 * Which methods a path is served with, from the app's own route table: for `Allow` on 405
 * (RFC 9110 §15.5.6) and OPTIONS, and for CORS preflights (cors.ts). Built once, on first use,
 * after every route is registered; middleware (method "ALL") does not count as serving a path.
 */
import type { Hono } from "hono";

interface RouteRule {
  pattern: RegExp;
  method: string;
}

/** Hono path syntax → RegExp: `:name` and `:name{re}` match one segment, `*` the rest. */
function compile(path: string): RegExp {
  const source = path
    .split(/(:[A-Za-z0-9_]+(?:\{[^}]*\})?\??|\*)/)
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return part === "*" ? ".*" : "[^/]+";
    })
    .join("");
  return new RegExp(`^${source}/?$`);
}

export function routeMethods(app: Hono): (path: string) => string[] {
  let rules: RouteRule[] | undefined;
  return (path) => {
    rules ??= app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => ({ pattern: compile(r.path), method: r.method.toUpperCase() }));
    const methods = new Set(rules.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (methods.has("GET")) methods.add("HEAD"); // Hono answers HEAD with the GET handler
    return ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"].filter((m) => methods.has(m));
  };
}
