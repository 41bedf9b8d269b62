/**
 * HTML escaping for every value that reaches a page: titles, file names and source URLs are
 * chosen by whoever uploads, so nothing is interpolated unescaped unless wrapped as RawHtml.
 */
import { fillTemplate } from "../i18n";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

export class RawHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A tagged template whose interpolations are escaped unless they are RawHtml (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new RawHtml(out);
}

function render(value: unknown): string {
  if (value instanceof RawHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(value);
}

/**
 * The pages' Content-Security-Policy: scripts only from this origin (the bundled client at
 * /assets/), inline styles allowed (each page carries its small stylesheet), no framing.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** A translated template with markup in its `{name}` places; the words themselves are escaped. */
export function fillHtml(template: string, values: Record<string, RawHtml>): RawHtml {
  return html`${fillTemplate(template, values)}`;
}
