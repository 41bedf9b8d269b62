import { decodeText, encodingFor } from "./decode-text";
import { DEFAULT_BUDGETS } from "./budgets";
import { checkHtmlBudget, type HtmlBudget } from "./html-budget";
import { htmlToText, prescanMetaCharset } from "./html-text";

export interface ExtractedText {
  text: string;
  warnings: string[];
}

/**
 * An HTML page's visible text. Charset, as HTML §13.2.3 orders it: BOM, then the transport's
 * (Content-Type) charset, then a <meta> charset in the first 1024 bytes, then UTF-8 with the
 * windows-1256 fallback of decodeText. The page is held to a budget of size and markup before it
 * is parsed (html-budget.ts).
 */
export function extractHtml(
  bytes: Uint8Array,
  declaredCharset?: string,
  budget: HtmlBudget = {
    nodes: DEFAULT_BUDGETS.htmlNodes,
    chars: DEFAULT_BUDGETS.htmlChars,
    depth: DEFAULT_BUDGETS.htmlDepth,
  },
): ExtractedText {
  const meta = declaredCharset ? undefined : prescanMetaCharset(bytes);
  const warnings: string[] = [];
  if (meta && !encodingFor(meta)) warnings.push(`unknown <meta> charset "${meta}" ignored`);
  const decoded = decodeText(bytes, declaredCharset ?? (meta && encodingFor(meta) ? meta : undefined));
  checkHtmlBudget(decoded.text, budget);
  return { text: htmlToText(decoded.text), warnings: [...warnings, ...decoded.warnings] };
}
