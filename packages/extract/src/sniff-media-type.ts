import { decodeUtf8, looksLikeCp1256 } from "./decode-text";
import { DOCX, HTML, MARKDOWN, PDF, PLAIN, parseMediaType } from "./media-types";
import { readImageSize } from "./ocr-image-size";
import { readZipDirectory } from "./zip-inspect";

// windows-1252 ("latin1" to WHATWG) maps every byte to one character: enough to look for ASCII magic.
const latin1 = (bytes: Uint8Array): string => new TextDecoder("latin1").decode(bytes.subarray(0, 1024));

/** What is recorded for bytes whose type the sniffer cannot confirm (RFC 9110 §8.3: "unknown"). */
export const OCTET_STREAM = "application/octet-stream";

/**
 * The media type to extract `bytes` as, and the one signed into the record and replayed on
 * /original. Magic bytes beat the client's declared type (a press office's upload form may say
 * application/octet-stream, or text/html for a PDF); the declared type and the file name only
 * choose between kinds the bytes cannot tell apart (Markdown vs text). Bytes the sniffer does not
 * recognise are application/octet-stream whatever the client declared: a declared type is never
 * signed on its own word (issue #13: any Content-Type string became `original.mediaType`).
 */
export function sniffMediaType(bytes: Uint8Array, declared?: string, filename?: string): string {
  const declaredType = parseMediaType(declared).essence;
  const head = latin1(bytes);
  // ISO 32000-2 §7.5.2: the header is "%PDF-"; readers accept it anywhere in the first 1024 bytes.
  if (head.includes("%PDF-")) return PDF;
  // PNG, JPEG, WebP, TIFF (read by OCR, issue #18) only when the header parses to a size: a bare
  // signature is not confirmed.
  const image = readImageSize(bytes);
  if (image) return image.type;
  if (head.startsWith("PK\x03\x04")) {
    // A ZIP the client calls a DOCX stays one even when its directory is unreadable, so that
    // extraction fails saying why instead of calling it an unsupported type.
    const claimed = declaredType === DOCX || /\.docx$/i.test(filename ?? "");
    return claimed || isDocx(bytes) ? DOCX : "application/zip";
  }
  if (isHtml(bytes)) return HTML;
  if (isText(bytes)) {
    const markdownName = /\.(md|markdown)$/i.test(filename ?? "");
    return declaredType === MARKDOWN || markdownName ? MARKDOWN : PLAIN;
  }
  return OCTET_STREAM;
}

function isDocx(bytes: Uint8Array): boolean {
  try {
    return readZipDirectory(bytes).some((e) => e.name === "word/document.xml");
  } catch {
    return false;
  }
}

// WHATWG MIME Sniffing §7.1 ("identifying a resource with an unknown MIME type"): skip leading
// whitespace (and a BOM), then look for an HTML tag; we also accept an XML prolog before <html.
function isHtml(bytes: Uint8Array): boolean {
  const head = latin1(bytes).replace(/^\u00ef\u00bb\u00bf/, "");
  const start = head.trimStart().toLowerCase();
  if (/^<!doctype html[\s>]/.test(start) || /^<(html|head|body)[\s>]/.test(start)) return true;
  return start.startsWith("<?xml") && /<html[\s>]/.test(start);
}

function isText(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const sample = bytes.subarray(0, 64 * 1024);
  if (sample.includes(0)) return false;
  // A sample cut from a longer file may end inside a multi-byte character: try dropping 1–3 bytes.
  const cuts = bytes.length > sample.length ? [0, 1, 2, 3] : [0];
  if (cuts.some((cut) => decodeUtf8(sample.subarray(0, sample.length - cut)) !== undefined)) return true;
  return looksLikeCp1256(sample);
}
