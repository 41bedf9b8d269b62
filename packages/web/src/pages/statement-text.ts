/**
 * The statement's own words on its page, right-to-left when it is Arabic (dir="auto" decides
 * from the first strong letter, lang from the record), with the passage a verify result found
 * marked. `?hl=start-end` marks on the server; `#q=start-end` (which never reaches a server) is
 * marked by the page's script (client/statement.ts). Offsets are UTF-16 units into the extracted
 * text, as the verify API gives them.
 */
import { formatNumber, type Lang } from "../i18n";
import type { ProvenanceStrings } from "../strings/provenance-strings";
import { fillHtml, html, type RawHtml } from "./html";
import { statementHrefs, type ProvenanceData } from "./provenance-data";
import { langAttr } from "./fragments";

/** Merged, clipped ranges: marks never overlap or run past the shown text. */
export function normalizeRanges(ranges: readonly [number, number][], length: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(0, Math.min(s, length));
    const end = Math.max(0, Math.min(e, length));
    if (start >= end) continue;
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

export function markedText(content: string, ranges: readonly [number, number][]): RawHtml {
  const parts: RawHtml[] = [];
  let at = 0;
  normalizeRanges(ranges, content.length).forEach(([start, end], i) => {
    parts.push(html`${content.slice(at, start)}`);
    parts.push(html`<mark ${i === 0 ? html`id="hl"` : ""} data-hl>${content.slice(start, end)}</mark>`);
    at = end;
  });
  parts.push(html`${content.slice(at)}`);
  return html`${parts}`;
}

/**
 * The text block, white-space: pre-wrap: not one character may be added around the text, or the
 * offsets of `#q=` would point elsewhere (hence no formatter inside this template).
 */
function textBlock(content: string, data: ProvenanceData): RawHtml {
  // prettier-ignore
  return html`<div class="stext" id="stext" dir="auto" ${langAttr(data.current.language)} tabindex="0">${markedText(content, data.highlight)}</div>`;
}

export function textSection(data: ProvenanceData, t: ProvenanceStrings, lang: Lang): RawHtml {
  const text = data.text;
  const body = text
    ? html`<p class="note">${t.textNote}</p>
        <p class="note" id="hl-note" ${data.highlight.length > 0 ? "" : html`hidden`}>${t.highlightNote}</p>
        ${textBlock(text.content, data)}
        ${
          text.content.length < text.length
            ? html`<p class="note">
                ${fillHtml(t.textTruncated, {
                  shown: html`<bdi>${formatNumber(text.content.length, lang)}</bdi>`,
                  total: html`<bdi>${formatNumber(text.length, lang)}</bdi>`,
                  link: html`<a href="${statementHrefs(data.record.id).text}">${t.extractedText}</a>`,
                })}
              </p>`
            : ""
        }`
    : html`<p>${t.textNone}</p>`;
  return html`<section aria-labelledby="text-h">
    <h2 id="text-h">${t.textHeading}</h2>
    ${body}
  </section>`;
}
