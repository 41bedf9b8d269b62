import { ExtractionError } from "./types";

export interface DecodedText {
  text: string;
  /** The WHATWG encoding name actually used. */
  encoding: string;
  warnings: string[];
}

// Arabic letters, marks and punctuation, plus what windows-1256 adds around them (NBSP, « », ZWNJ,
// ZWJ, LRM, RLM): the characters a real cp1256 Arabic document is made of outside ASCII.
const CP1256_ARABIC = /[\u0600-\u06ff\u00a0\u00ab\u00bb\u200c-\u200f]/g;
const NON_ASCII = /[\u0080-\uffff]/g;
// C0 controls other than TAB, LF, FF, CR, and DEL: text documents do not contain them.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x08\x0b\x0e-\x1f\x7f]/g;

/**
 * Decodes a text document (text/plain, text/markdown, the bytes of an HTML page) to a string.
 * Order, as in the WHATWG Encoding Standard's "decode": a byte order mark wins (and is removed);
 * then a declared charset (HTTP header or <meta>); then strict UTF-8; then, for legacy Arabic
 * documents, windows-1256 when the bytes look like it. Line ends become LF.
 */
export function decodeText(bytes: Uint8Array, declaredCharset?: string): DecodedText {
  const warnings: string[] = [];
  const decoded = decodeBytes(bytes, declaredCharset, warnings);
  const controls = decoded.text.match(CONTROL)?.length ?? 0;
  if (decoded.text.includes("\0") || controls > decoded.text.length / 100) {
    throw new ExtractionError("failed", "binary data, not text (control characters)");
  }
  return { text: decoded.text.replace(/\r\n?/g, "\n"), encoding: decoded.encoding, warnings };
}

function decodeBytes(
  bytes: Uint8Array,
  declaredCharset: string | undefined,
  warnings: string[],
): { text: string; encoding: string } {
  const bom = sniffBom(bytes);
  if (bom) return { text: new TextDecoder(bom).decode(bytes), encoding: bom };
  const declared = declaredCharset ? encodingFor(declaredCharset) : undefined;
  if (declaredCharset && !declared) warnings.push(`unknown charset "${declaredCharset}" ignored`);
  if (declared && declared !== "utf-8") {
    return { text: new TextDecoder(declared).decode(bytes), encoding: declared };
  }
  const utf8 = decodeUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8" };
  if (looksLikeCp1256(bytes)) {
    warnings.push("not valid UTF-8: decoded as windows-1256 (legacy Arabic)");
    return { text: new TextDecoder("windows-1256").decode(bytes), encoding: "windows-1256" };
  }
  throw new ExtractionError("failed", "not valid UTF-8, and not recognisable as windows-1256 Arabic text");
}

/** Strict UTF-8 (a BOM is stripped by TextDecoder), or undefined when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Every byte decodes in windows-1256, so the test is statistical: most non-ASCII characters must be
 * Arabic. French text in cp1252 or random binary decodes mostly to Latin letters and symbols there.
 */
export function looksLikeCp1256(bytes: Uint8Array): boolean {
  const text = new TextDecoder("windows-1256").decode(bytes.subarray(0, 64 * 1024));
  const nonAscii = text.match(NON_ASCII)?.length ?? 0;
  const arabic = text.match(CP1256_ARABIC)?.length ?? 0;
  return nonAscii > 0 && arabic / nonAscii >= 0.8 && !text.includes("\0");
}

function sniffBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

/** The WHATWG encoding name for a charset label, or undefined when TextDecoder does not know it. */
export function encodingFor(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}
