/** The media types `extractText` knows, and the helpers that normalise a Content-Type value. */
export const PDF = "application/pdf";
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const HTML = "text/html";
export const XHTML = "application/xhtml+xml";
export const PLAIN = "text/plain";
export const MARKDOWN = "text/markdown";

export interface ParsedMediaType {
  /** type/subtype, lower case, without parameters ("" when absent). */
  essence: string;
  charset?: string;
}

/** Splits a Content-Type value (RFC 9110 §8.3.1) into its essence and charset parameter. */
export function parseMediaType(value: string | undefined): ParsedMediaType {
  if (!value) return { essence: "" };
  const [type = "", ...params] = value.split(";");
  const parsed: ParsedMediaType = { essence: type.trim().toLowerCase() };
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== "charset") continue;
    parsed.charset = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
  }
  return parsed;
}
