/**
 * multipart/form-data (RFC 7578 on RFC 2046 §5.1.1), parsed by hand rather than by the platform's
 * `Response.formData()`, because that parser hides what must be checked (issue #13): it decodes
 * invalid UTF-8 in part names, file names and text values to U+FFFD without a word, and keeps
 * every part of a repeated name (a second `file` was dropped silently). Here every name, file name
 * and text value is decoded with a fatal UTF-8 decoder, and a repeated name is an error, each a
 * 400 that names the field. Run `checkMultipartShape` (multipart-limits.ts) first: it bounds the
 * parts and their headers, so that this scan is linear in the body.
 */
import { ArchiveError } from "@isnad/archive";
import { parseBoundary } from "./multipart-limits";

export interface FormPart {
  /** The part's name (Content-Disposition `name`). */
  name: string;
  /** Its file name: present (possibly "") for a file part, null for a text field. */
  filename: string | null;
  /** Its Content-Type header as sent, or null. */
  contentType: string | null;
  /** Its bytes: a view into the request body. */
  body: Uint8Array;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const CRLF = Buffer.from("\r\n", "latin1");
const HEADER_END = Buffer.from("\r\n\r\n", "latin1");

function malformed(why: string): ArchiveError {
  return new ArchiveError("BAD_REQUEST", `the multipart/form-data body is malformed: ${why}`);
}

function bad(field: string, message: string): ArchiveError {
  return new ArchiveError("BAD_REQUEST", `${field}: ${message}`, { details: { field } });
}

/** Bytes → text, or undefined when they are not UTF-8. */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The body's parts, in order. Throws BAD_REQUEST for any framing or encoding error. */
export function parseMultipartForm(raw: Uint8Array, contentType: string): FormPart[] {
  const boundary = parseBoundary(contentType);
  if (boundary === undefined) throw malformed("its Content-Type has no boundary parameter");
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const delimiter = Buffer.from(`--${boundary}`, "latin1");
  const next = Buffer.from(`\r\n--${boundary}`, "latin1");
  // The first delimiter opens the body, or ends a preamble line (RFC 2046 §5.1.1).
  let at = bytes.subarray(0, delimiter.length).equals(delimiter) ? 0 : bytes.indexOf(next);
  if (at === -1) throw malformed("no part starts with the boundary");
  if (at > 0) at += 2;
  const parts: FormPart[] = [];
  for (;;) {
    let cursor = at + delimiter.length;
    if (bytes[cursor] === 0x2d && bytes[cursor + 1] === 0x2d) return parts; // the close delimiter
    while (bytes[cursor] === 0x20 || bytes[cursor] === 0x09) cursor++; // transport padding
    if (bytes.indexOf(CRLF, cursor) !== cursor) throw malformed("a boundary line has trailing text");
    const headersStart = cursor + 2;
    const headersEnd =
      bytes.indexOf(CRLF, headersStart) === headersStart
        ? headersStart
        : bytes.indexOf(HEADER_END, headersStart);
    if (headersEnd === -1) throw malformed("a part's headers never end");
    const bodyStart = headersEnd + (headersEnd === headersStart ? 2 : 4);
    const end = bytes.indexOf(next, bodyStart);
    if (end === -1) throw malformed("the closing boundary is missing");
    parts.push(partOf(bytes.subarray(headersStart, headersEnd), raw.subarray(bodyStart, end)));
    at = end + 2;
  }
}

function partOf(headerBytes: Uint8Array, body: Uint8Array): FormPart {
  // Latin-1 keeps every byte as one character, so that names can be re-encoded and checked.
  const lines = Buffer.from(headerBytes.buffer, headerBytes.byteOffset, headerBytes.byteLength)
    .toString("latin1")
    .split("\r\n");
  let disposition: string | undefined;
  let contentType: string | null = null;
  for (const line of lines) {
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0) throw malformed("a part has a header line without a name");
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === "content-disposition") disposition = value;
    else if (header === "content-type") contentType = value;
  }
  const params = disposition === undefined ? undefined : dispositionParams(disposition);
  const rawName = params?.get("name");
  if (rawName === undefined) throw malformed("a part has no Content-Disposition: form-data; name=…");
  const name = strictUtf8(Buffer.from(rawName, "latin1"));
  if (name === undefined) {
    throw bad(`multipart part name ${JSON.stringify(rawName)}`, "not valid UTF-8");
  }
  return { name, filename: filenameOf(name, params!), contentType, body };
}

function filenameOf(name: string, params: Map<string, string>): string | null {
  const extended = params.get("filename*");
  if (extended !== undefined) {
    // RFC 8187 ext-value: charset'language'percent-encoded bytes; only UTF-8 is accepted.
    const match = /^utf-8'[^']*'(.*)$/i.exec(extended);
    const bytes = match ? percentDecode(match[1]!) : undefined;
    const decoded = bytes && strictUtf8(bytes);
    if (decoded === undefined) throw bad("filename", `the ${name} part's filename* is not UTF-8 (RFC 8187)`);
    return decoded;
  }
  const plain = params.get("filename");
  if (plain === undefined) return null;
  const decoded = strictUtf8(Buffer.from(plain, "latin1"));
  if (decoded === undefined) throw bad("filename", `the ${name} part's filename is not valid UTF-8`);
  return decoded;
}

function percentDecode(text: string): Uint8Array | undefined {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "%") {
      if (text.charCodeAt(i) > 0x7e) return undefined;
      out.push(text.charCodeAt(i));
      continue;
    }
    const hex = text.slice(i + 1, i + 3);
    if (!/^[0-9a-f]{2}$/i.test(hex)) return undefined;
    out.push(Number.parseInt(hex, 16));
    i += 2;
  }
  return Uint8Array.from(out);
}

/**
 * `form-data; name="x"; filename="y"` → its parameters (names lower-cased), or undefined when
 * it is not form-data or does not parse. Quoted values run to the next `"`, with no backslash
 * escapes: HTML's form encoder writes `"` as %22 instead (WHATWG HTML §4.10.21.8), and the
 * platform parser reads them the same way. A parameter given twice is malformed.
 */
function dispositionParams(value: string): Map<string, string> | undefined {
  const params = new Map<string, string>();
  let i = 0;
  const skipSpace = () => {
    while (value[i] === " " || value[i] === "\t") i++;
  };
  const readUntil = (stops: string) => {
    const start = i;
    while (i < value.length && !stops.includes(value[i]!)) i++;
    return value.slice(start, i);
  };
  if (readUntil("; \t").toLowerCase() !== "form-data") return undefined;
  for (;;) {
    skipSpace();
    if (i >= value.length) return params;
    if (value[i] !== ";") return undefined;
    i++;
    skipSpace();
    if (i >= value.length) return params;
    const name = readUntil("=; \t").toLowerCase();
    skipSpace();
    if (name === "" || value[i] !== "=") return undefined;
    i++;
    skipSpace();
    let paramValue: string;
    if (value[i] === '"') {
      const close = value.indexOf('"', i + 1);
      if (close === -1) return undefined;
      paramValue = value.slice(i + 1, close);
      i = close + 1;
    } else {
      paramValue = readUntil("; \t");
    }
    if (params.has(name)) return undefined;
    params.set(name, paramValue);
  }
}
