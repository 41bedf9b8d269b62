import { Parser } from "htmlparser2";
import { trailingRun, trimTrailing } from "./trailing-run";

// Never rendered, or not part of the page's text: their whole subtree is dropped.
const HIDDEN = new Set(["head", "title", "script", "style", "template", "noscript", "iframe", "datalist"]);
// Whitespace is kept as written inside these (HTML §13.2.6.4.7 "pre", textarea).
const PREFORMATTED = new Set(["pre", "textarea", "listing", "plaintext"]);
// Block boundaries: 2 = a blank line (paragraph break), 1 = a line break.
const PARAGRAPH = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl"]);
const LINE = new Set(
  [
    "address article aside caption center details dd div dt fieldset figcaption figure footer form",
    "header hgroup hr legend li main menu nav option section summary table tbody tfoot thead tr",
  ]
    .join(" ")
    .split(" "),
);
const CELL = new Set(["td", "th"]);

/** Collects visible text with the line structure a browser's "innerText" would roughly give. */
class TextBuilder {
  private readonly parts: string[] = [];
  private newlines = 0; // newlines at the end of the output
  private space = true; // the output ends with a space or is at the start of a line
  private pending = 0; // the break a block boundary asked for, applied before the next text
  private cellOpening = false; // inside a table cell, before its first text

  block(level: number): void {
    if (!this.cellOpening) this.pending = Math.max(this.pending, level);
  }

  /** Table cells read as "a b" on one line, even when each holds a <p> (mammoth writes that). */
  cellStart(): void {
    this.separate();
    this.cellOpening = true;
  }

  cellEnd(): void {
    this.cellOpening = false;
    this.pending = 0;
    this.separate();
  }

  lineBreak(): void {
    this.trimSpace();
    this.parts.push("\n");
    this.newlines++;
    this.space = true;
  }

  separate(): void {
    if (!this.space && this.pending === 0) this.text(" ");
  }

  text(data: string, preformatted = false): void {
    const chunk = preformatted ? data.replace(/\r\n?/g, "\n") : data.replace(/[\t\n\f\r ]+/g, " ");
    const lineStart = this.space || this.pending > 0;
    const text = lineStart && !preformatted ? chunk.replace(/^ /, "") : chunk;
    if (text === "") return;
    this.cellOpening = false;
    this.applyPending();
    this.parts.push(text);
    const trailing = trailingRun(text, "\n");
    this.newlines = trailing === text.length ? this.newlines + trailing : trailing;
    this.space = text.endsWith(" ") || text.endsWith("\n");
  }

  private applyPending(): void {
    if (this.parts.length > 0 && this.pending > this.newlines) {
      this.trimSpace();
      this.parts.push("\n".repeat(this.pending - this.newlines));
      this.newlines = this.pending;
      this.space = true;
    }
    this.pending = 0;
  }

  private trimSpace(): void {
    const last = this.parts.length - 1;
    const tail = this.parts[last];
    if (tail !== undefined && tail.endsWith(" ")) this.parts[last] = trimTrailing(tail, " ");
  }

  toString(): string {
    this.trimSpace();
    return trimTrailing(this.parts.join(""), "\n");
  }
}

function isHidden(name: string, attribs: Record<string, string>): boolean {
  if (HIDDEN.has(name) || "hidden" in attribs || attribs["aria-hidden"] === "true") return true;
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(attribs.style ?? "");
}

/**
 * The visible text of an HTML document: script, style, template, noscript and head are dropped,
 * entities decoded, whitespace collapsed as CSS `white-space: normal` does except in <pre>, block
 * elements become line breaks and paragraphs blank lines.
 */
export function htmlToText(html: string): string {
  const out = new TextBuilder();
  const open: boolean[] = []; // per open element: does it hide its subtree?
  let hidden = 0;
  let preformatted = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const hides = hidden > 0 || isHidden(name, attribs);
        open.push(hides);
        if (hides) hidden++;
        if (PREFORMATTED.has(name)) preformatted++;
        if (hidden > 0) return;
        if (name === "br") out.lineBreak();
        else if (CELL.has(name)) out.cellStart();
        if (PARAGRAPH.has(name)) out.block(2);
        else if (LINE.has(name)) out.block(1);
      },
      onclosetag(name) {
        if (open.pop()) hidden--;
        if (PREFORMATTED.has(name)) preformatted = Math.max(0, preformatted - 1);
        if (hidden > 0) return;
        if (PARAGRAPH.has(name)) out.block(2);
        else if (LINE.has(name)) out.block(1);
        else if (CELL.has(name)) out.cellEnd();
      },
      ontext(data) {
        if (hidden === 0) out.text(data, preformatted > 0);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return out.toString();
}

/** The charset a <meta> names in the first 1024 bytes (HTML §13.2.3.2, the prescan), if any. */
export function prescanMetaCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  const match = /<meta\b[^>]*?\bcharset\s*=\s*(?:["']\s*)?([A-Za-z0-9_:.-]+)/i.exec(head);
  const label = match?.[1];
  // §13.2.3.2 step 8: a meta that claims UTF-16 means UTF-8 (the bytes were ASCII-compatible).
  return label && /^utf-?16/i.test(label) ? "utf-8" : label;
}
