import { formatCount, formatSize } from "./budgets";
import { ExtractionError } from "./types";

export interface HtmlBudget {
  nodes: number;
  chars: number;
  depth: number;
}

/**
 * Refuses a page before parsing when its size, markup count or nesting is beyond what a statement
 * needs: htmlparser2 and the text walk cost memory per node, a small file can hold a million tags,
 * and closing tags 100,000 deep costs htmlparser2 a search of its open-element stack each (quadratic:
 * such a page ran past the deadline). One linear pass.
 */
export function checkHtmlBudget(text: string, budget: HtmlBudget): void {
  if (text.length > budget.chars) {
    throw new ExtractionError(
      "failed",
      `too large to extract: ${formatSize(text.length)} of HTML (limit ${formatSize(budget.chars)})`,
    );
  }
  const { nodes, depth } = measureMarkup(text, budget);
  if (nodes > budget.nodes) {
    throw new ExtractionError(
      "failed",
      `too large to extract: more than ${formatCount(budget.nodes)} HTML tags`,
    );
  }
  if (depth > budget.depth) {
    throw new ExtractionError(
      "failed",
      `too deeply nested to extract: more than ${formatCount(budget.depth)} HTML elements deep`,
    );
  }
}

// WHATWG HTML §13.1.2: void elements have no end tag; these may omit theirs (§13.1.2.4), and the
// parser closes them implicitly, so neither deepens the page. Raw text elements hold no markup.
const NO_DEPTH = new Set(
  (
    "area base br col embed hr img input link meta source track wbr param keygen " +
    "p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rt rp html head body"
  ).split(" "),
);
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"]);

/**
 * Markup nodes (each `<` that opens a tag, an end tag, a comment or a declaration: §13.2.5.6, tag
 * open state) and an estimate of the nesting depth (start tags minus end tags of elements that
 * need one), each counted only up to just past its budget.
 */
export function measureMarkup(
  text: string,
  stop: { nodes: number; depth: number } = { nodes: Infinity, depth: Infinity },
): { nodes: number; depth: number } {
  let nodes = 0;
  let open = 0;
  let depth = 0;
  for (let at = text.indexOf("<"); at >= 0 && nodes <= stop.nodes && depth <= stop.depth;) {
    const next = text.charCodeAt(at + 1);
    const end = next === 0x2f;
    if (!isAlpha(next) && !end && next !== 0x21 && next !== 0x3f) {
      at = text.indexOf("<", at + 1);
      continue;
    }
    nodes++;
    const nameStart = at + (end ? 2 : 1);
    let nameEnd = nameStart;
    while (nameEnd < text.length && nameEnd - nameStart < 16 && isAlnum(text.charCodeAt(nameEnd))) nameEnd++;
    const name = text.slice(nameStart, nameEnd).toLowerCase();
    const close = text.indexOf(">", nameEnd);
    if (close < 0) break;
    if (isAlpha(next) && RAW_TEXT.has(name)) {
      // Skip to the element's end tag: what a script holds is not markup.
      const endTag = findEndTag(text, name, close);
      if (endTag < 0) break;
      nodes++;
      const endClose = text.indexOf(">", endTag);
      at = endClose < 0 ? -1 : text.indexOf("<", endClose);
      continue;
    }
    if (name && !NO_DEPTH.has(name)) {
      if (end) open = Math.max(0, open - 1);
      else if (isAlpha(next) && text.charCodeAt(close - 1) !== 0x2f) depth = Math.max(depth, ++open);
    }
    at = text.indexOf("<", close);
  }
  return { nodes, depth };
}

/** Where `</name` (any case) next starts at or after `from`; -1 if nowhere. */
function findEndTag(text: string, name: string, from: number): number {
  for (let at = text.indexOf("</", from); at >= 0; at = text.indexOf("</", at + 2)) {
    if (text.slice(at + 2, at + 2 + name.length).toLowerCase() === name) return at;
  }
  return -1;
}

const isAlpha = (c: number): boolean => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
const isAlnum = (c: number): boolean => isAlpha(c) || (c >= 0x30 && c <= 0x39);
