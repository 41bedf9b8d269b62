import { formatCount, formatSize } from "./budgets";
import { ExtractionError } from "./types";

export interface HtmlBudget {
  nodes: number;
  chars: number;
}

/**
 * Refuses a page before parsing when its size or markup count is beyond what a statement needs:
 * htmlparser2 and the text walk cost memory per node, and a small file can hold a million tags.
 * A node is counted at each `<` that opens a tag, an end tag, a comment or a declaration
 * (WHATWG HTML §13.2.5.6, tag open state: ASCII alpha, `/`, `!`, `?`); one linear pass.
 */
export function checkHtmlBudget(text: string, budget: HtmlBudget): void {
  if (text.length > budget.chars) {
    throw new ExtractionError(
      "failed",
      `too large to extract: ${formatSize(text.length)} of HTML (limit ${formatSize(budget.chars)})`,
    );
  }
  const nodes = countMarkup(text, budget.nodes);
  if (nodes > budget.nodes) {
    throw new ExtractionError(
      "failed",
      `too large to extract: more than ${formatCount(budget.nodes)} HTML tags (limit ${formatCount(budget.nodes)})`,
    );
  }
}

/** Markup starts in `text`, counted up to `stop` + 1. */
export function countMarkup(text: string, stop = Infinity): number {
  let count = 0;
  for (let at = text.indexOf("<"); at >= 0 && count <= stop; at = text.indexOf("<", at + 1)) {
    const next = text.charCodeAt(at + 1);
    const alpha = (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7a;
    if (alpha || next === 0x2f || next === 0x21 || next === 0x3f) count++;
  }
  return count;
}
