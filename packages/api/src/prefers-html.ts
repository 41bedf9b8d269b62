/**
 * Whether a request's Accept header asks for a page rather than JSON: text/html named, and before
 * application/json if both are. Browsers send text/html first; programs send JSON or nothing.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = accept.indexOf("text/html");
  const json = accept.indexOf("application/json");
  return html !== -1 && (json === -1 || html < json);
}
