/**
 * The /ActualText of a page's marked-content sequences (ISO 32000-1 §14.9.4), which pdf.js parses
 * but drops. Producers put the text of glyphs that do not map one to one onto characters there:
 * Chromium (Skia) and LibreOffice wrap every Arabic cluster whose glyphs are a ligature, a stacked
 * mark (shadda + fatha drawn as one glyph) or a contextual form without a ToUnicode entry in
 * `/Span <</ActualText (…)>> BDC … EMC`. Without it pdf.js gives "\u0000" for such glyphs and
 * the letters are lost (issue #12).
 *
 * pdf.js reports each BDC in its text content as a `beginMarkedContentProps` item, in content
 * order; this module lists the page's BDC operators in the same order, so the n-th item gets the
 * n-th dictionary. Form XObjects are not entered: when the counts differ the caller does not use
 * the list (see `MarkedContent`).
 */
import { PDFArray, PDFDocument, PDFRawStream, PDFRef, decodePDFRawStream } from "pdf-lib";

export interface MarkedContent {
  tag: string;
  /** The replacement text of the sequence, when its property list has one. */
  actualText: string | null;
}

/** Reads marked content page by page, parsing the document once, on first use. */
export function markedContentReader(
  bytes: Uint8Array,
): (pageIndex: number) => Promise<MarkedContent[] | undefined> {
  let loading: Promise<PDFDocument | undefined> | undefined;
  return async (pageIndex) => {
    loading ??= PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
    }).catch(() => undefined);
    const doc = await loading;
    // Strings of an encrypted file are encrypted too (ISO 32000-1 §7.6.2): nothing to read.
    if (!doc || doc.isEncrypted) return undefined;
    try {
      const page = doc.getPages()[pageIndex];
      if (!page) return undefined;
      return scanMarkedContent(contentBytes(doc, page.node.Contents()));
    } catch {
      return undefined;
    }
  };
}

function contentBytes(doc: PDFDocument, contents: unknown): Uint8Array {
  const streams: unknown[] = contents instanceof PDFArray ? contents.asArray() : [contents];
  const parts: Uint8Array[] = [];
  for (const entry of streams) {
    const stream = entry instanceof PDFRef ? doc.context.lookup(entry) : entry;
    if (!(stream instanceof PDFRawStream)) continue;
    parts.push(decodePDFRawStream(stream).decode());
    parts.push(new Uint8Array([0x0a])); // streams of one page are joined at token boundaries (§7.8.2)
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

type Operand = { name: string } | { dict: Map<string, Operand> } | { string: Uint8Array } | { other: true };

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/**
 * The BDC operators of a content stream, in order (ISO 32000-1 §7.8.2 content streams, §7.3
 * objects, §14.6 marked content). A small lexer: only names, strings and dictionaries are kept as
 * operands; inline image data (BI … ID … EI) is skipped.
 */
export function scanMarkedContent(data: Uint8Array): MarkedContent[] {
  const found: MarkedContent[] = [];
  const lexer = new Lexer(data);
  let operands: Operand[] = [];
  for (;;) {
    const token = lexer.next();
    if (token === undefined) break;
    if (typeof token !== "string") {
      operands.push(token);
      continue;
    }
    if (token === "BDC") {
      const [tag, props] = operands.slice(-2);
      if (tag && "name" in tag) found.push({ tag: tag.name, actualText: actualTextOf(props) });
    } else if (token === "ID") {
      lexer.skipInlineImage();
    }
    operands = [];
  }
  return found;
}

function actualTextOf(props: Operand | undefined): string | null {
  if (!props || !("dict" in props)) return null; // a named property list: no ActualText there in practice
  const value = props.dict.get("ActualText");
  return value && "string" in value ? decodeTextString(value.string) : null;
}

/** A PDF text string (§7.9.2.2): UTF-16BE or UTF-8 with a byte order mark, else PDFDocEncoding. */
export function decodeTextString(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  // PDFDocEncoding agrees with Latin-1 on printable ASCII and most of the upper half.
  return new TextDecoder("latin1").decode(bytes);
}

class Lexer {
  private i = 0;
  constructor(private readonly data: Uint8Array) {}

  /** The next operand, or an operator (keyword) as a string; undefined at the end. */
  next(): Operand | string | undefined {
    const d = this.data;
    for (;;) {
      while (this.i < d.length && WHITESPACE.has(d[this.i]!)) this.i++;
      if (this.i >= d.length) return undefined;
      if (d[this.i] !== 0x25) break;
      while (this.i < d.length && d[this.i] !== 0x0a && d[this.i] !== 0x0d) this.i++; // % comment
    }
    const c = d[this.i]!;
    if (c === 0x2f) return { name: this.name() };
    if (c === 0x28) return { string: this.literal() };
    if (c === 0x3c && d[this.i + 1] === 0x3c) return this.dict();
    if (c === 0x3c) return { string: this.hex() };
    if (DELIMITERS.has(c)) {
      this.i++; // [ ] { } and a stray > or ): structure we do not need
      return { other: true };
    }
    const start = this.i;
    while (this.i < d.length && !WHITESPACE.has(d[this.i]!) && !DELIMITERS.has(d[this.i]!)) this.i++;
    const word = new TextDecoder("latin1").decode(d.subarray(start, Math.min(this.i, start + 16)));
    return /^[+\-.\d]/.test(word) ? { other: true } : word;
  }

  skipInlineImage(): void {
    // §8.9.7: binary data follows ID and a single white-space byte, up to white space, "EI", white space.
    const d = this.data;
    this.i++;
    while (this.i + 2 < d.length) {
      if (WHITESPACE.has(d[this.i]!) && d[this.i + 1] === 0x45 && d[this.i + 2] === 0x49) {
        const after = d[this.i + 3];
        if (after === undefined || WHITESPACE.has(after)) {
          this.i += 3;
          return;
        }
      }
      this.i++;
    }
    this.i = d.length;
  }

  private name(): string {
    const d = this.data;
    let out = "";
    this.i++;
    while (this.i < d.length && !WHITESPACE.has(d[this.i]!) && !DELIMITERS.has(d[this.i]!)) {
      const c = d[this.i]!;
      if (c === 0x23 && this.i + 2 < d.length) {
        out += String.fromCharCode(parseInt(String.fromCharCode(d[this.i + 1]!, d[this.i + 2]!), 16) || 0);
        this.i += 3;
      } else {
        out += String.fromCharCode(c);
        this.i++;
      }
    }
    return out;
  }

  private dict(): Operand {
    this.i += 2;
    const map = new Map<string, Operand>();
    let key: string | undefined;
    for (;;) {
      const d = this.data;
      while (this.i < d.length && WHITESPACE.has(d[this.i]!)) this.i++;
      if (this.i >= d.length) break;
      if (d[this.i] === 0x3e && d[this.i + 1] === 0x3e) {
        this.i += 2;
        break;
      }
      const token = this.next();
      if (token === undefined) break;
      if (key === undefined) {
        if (typeof token !== "string" && "name" in token) key = token.name;
        continue;
      }
      if (typeof token !== "string") map.set(key, token);
      key = undefined;
    }
    return { dict: map };
  }

  private literal(): Uint8Array {
    const d = this.data;
    const out: number[] = [];
    let depth = 0;
    this.i++;
    while (this.i < d.length) {
      const c = d[this.i++]!;
      if (c === 0x5c) {
        const e = d[this.i++];
        if (e === undefined) break;
        const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
        if (e in simple) out.push(simple[e]!);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && d[this.i]! >= 0x30 && d[this.i]! <= 0x37; k++)
            v = v * 8 + d[this.i++]! - 0x30;
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (d[this.i] === 0x0a) this.i++; // a line continuation
        } else if (e !== 0x0a) out.push(e);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && depth-- === 0) break;
      out.push(c);
    }
    return new Uint8Array(out);
  }

  private hex(): Uint8Array {
    const d = this.data;
    let digits = "";
    this.i++;
    while (this.i < d.length && d[this.i] !== 0x3e) {
      const ch = String.fromCharCode(d[this.i++]!);
      if (/[0-9a-fA-F]/.test(ch)) digits += ch;
    }
    this.i++;
    if (digits.length % 2) digits += "0";
    const out = new Uint8Array(digits.length / 2);
    for (let k = 0; k < out.length; k++) out[k] = parseInt(digits.slice(2 * k, 2 * k + 2), 16);
    return out;
  }
}
