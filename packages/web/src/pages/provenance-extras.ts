/**
 * The provenance page's sections for readers who cite and compare (issue #14): the citation
 * block, what changed from the previous version, the publisher's corrections, and who archived
 * the same file first.
 */
import { formatLanguage, langHref, type Lang } from "../i18n";
import type { ProvenanceStrings } from "../strings/provenance-strings";
import { citationFacts, formatBibtex, formatCslJson, formatPlainCitation } from "./citation";
import { fillHtml, html, type RawHtml } from "./html";
import { langAttr, timeHtml } from "./fragments";
import {
  publisherHrefs,
  publisherName,
  statementHrefs,
  type MetadataField,
  type ProvenanceData,
  type PublisherInfo,
} from "./provenance-data";

/** A button the page's script enables (hidden without JavaScript: the text is still selectable). */
function copyButton(target: string, t: ProvenanceStrings): RawHtml {
  return html`<button type="button" class="copy" data-copy="${target}" data-copied="${t.copied}" hidden>
    ${t.copy}
  </button>`;
}

export function citeSection(data: ProvenanceData, t: ProvenanceStrings, lang: Lang): RawHtml {
  const facts = citationFacts(data, lang, t.untitled);
  const block = (id: string, label: string, text: string, dir: "auto" | "ltr") =>
    html`<div class="cite">
      <h3 id="${id}-h">${label}</h3>
      ${
        dir === "auto"
          ? html`<p id="${id}" class="citebox" dir="auto" aria-labelledby="${id}-h">${text}</p>`
          : html`<pre id="${id}" dir="ltr" aria-labelledby="${id}-h"><code>${text}</code></pre>`
      }
      ${copyButton(id, t)}
    </div>`;
  return html`<section aria-labelledby="cite-h">
    <h2 id="cite-h">${t.citeHeading}</h2>
    <p>${t.citeIntro}</p>
    <p class="row">
      <code id="page-url" dir="ltr">${facts.url}</code>
      <button type="button" class="copy" data-copy="page-url" data-copied="${t.copied}" hidden>
        ${t.copyLink}
      </button>
    </p>
    ${block("cite-plain", t.citePlain, formatPlainCitation(facts, lang), "auto")}
    <details>
      <summary>BibTeX · CSL-JSON</summary>
      ${block("cite-bibtex", "BibTeX", formatBibtex(facts), "ltr")}
      ${block("cite-csl", "CSL-JSON", formatCslJson(facts), "ltr")}
    </details>
  </section>`;
}

/** Same words are shown whole up to this many characters; longer runs keep only their ends. */
const CONTEXT = 160;

function shortened(text: string): string {
  return text.length <= CONTEXT * 2 + 20 ? text : `${text.slice(0, CONTEXT)} … ${text.slice(-CONTEXT)}`;
}

/** The diff, white-space: pre-wrap: only the words themselves inside (no formatter here). */
function diffBlock(parts: DiffPartInfo[], data: ProvenanceData, t: ProvenanceStrings): RawHtml {
  const hidden = (text: string) => html`<span class="visually-hidden">${text}</span>`;
  const part = (p: DiffPartInfo) =>
    p.op === "same"
      ? html`<span>${shortened(p.text)}</span>`
      : p.op === "added"
        ? html`<ins>${hidden(`[${t.diffAdded}: `)}${p.text}${hidden("]")}</ins>`
        : html`<del>${hidden(`[${t.diffRemoved}: `)}${p.text}${hidden("]")}</del>`;
  // prettier-ignore
  return html`<div class="diff stext" dir="auto" ${langAttr(data.current.language)}>${parts.map(part)}</div>`;
}

type DiffPartInfo = { op: "same" | "added" | "removed"; text: string };

export function diffSection(data: ProvenanceData, t: ProvenanceStrings, lang: Lang): RawHtml {
  const diff = data.diff;
  if (!diff) return html``;
  const link = html`<a
    href="${langHref(statementHrefs(diff.against.id).page, lang)}"
    ${langAttr(diff.against.language)}
    dir="auto"
    >${diff.against.title ?? t.untitled}</a
  >`;
  let body: RawHtml;
  if (diff.parts === "unavailable") body = html`<p>${t.diffUnavailable}</p>`;
  else if (diff.parts === null) body = html`<p>${t.diffTooLarge}</p>`;
  else if (diff.parts.every((p) => p.op === "same")) body = html`<p>${t.diffUnchanged}</p>`;
  else {
    body = html`<p>${fillHtml(t.diffIntro, { link })}</p>
      <p class="note"><del>${t.diffRemoved}</del> · <ins>${t.diffAdded}</ins></p>
      ${diffBlock(diff.parts, data, t)}`;
  }
  return html`<section aria-labelledby="diff-h" data-diff-against="${diff.against.id}">
    <h2 id="diff-h">${t.diffHeading}</h2>
    ${body}
  </section>`;
}

function fieldValue(
  field: MetadataField,
  value: string | null | undefined,
  t: ProvenanceStrings,
  lang: Lang,
) {
  if (value === null || value === undefined || value === "") return html`<em>${t.emptyValue}</em>`;
  if (field === "publishedAt") return timeHtml(value, lang);
  if (field === "language") return html`<bdi>${formatLanguage(value, lang)}</bdi>`;
  if (field === "supersedes" || field === "translationOf")
    return html`<a href="${langHref(statementHrefs(value).page, lang)}"><code dir="ltr">${value}</code></a>`;
  if (field === "sourceUrl") return html`<code dir="ltr">${value}</code>`;
  return html`«<bdi dir="auto">${value}</bdi>»`;
}

export function correctionsSection(data: ProvenanceData, t: ProvenanceStrings, lang: Lang): RawHtml {
  const list =
    data.corrections.length === 0
      ? html`<p>${t.correctionsNone}</p>`
      : html`<ol class="plain corrections">
          ${data.corrections.map(
            (c) =>
              html`<li data-correction="${c.seq}">
                ${fillHtml(t.correctionOn, { date: timeHtml(c.receivedAt, lang) })}
                <ul class="plain">
                  ${(Object.keys(c.changes) as MetadataField[]).map(
                    (field) =>
                      html`<li>
                        ${fillHtml(t.correctionChange, {
                          field: html`${t.fields[field] ?? field}`,
                          from: fieldValue(field, c.previous[field], t, lang),
                          to: fieldValue(field, c.changes[field], t, lang),
                        })}
                      </li>`,
                  )}
                </ul>
                ${c.reason ? html`<p class="note">${t.correctionReason} <bdi dir="auto">${c.reason}</bdi></p>` : ""}
              </li>`,
          )}
        </ol>`;
  return html`<section aria-labelledby="corrections-h">
    <h2 id="corrections-h">${t.correctionsHeading}</h2>
    ${list}
  </section>`;
}

export function publisherLink(p: PublisherInfo, lang: Lang): RawHtml {
  return html`<a href="${langHref(publisherHrefs(p.id).page, lang)}"
    ><bdi>${publisherName(p, lang)}</bdi></a
  >`;
}

export function sameContentSection(data: ProvenanceData, t: ProvenanceStrings, lang: Lang): RawHtml {
  const same = data.sameContent;
  if (!same || (same.first && same.alsoArchivedBy.length === 0)) return html``;
  const first = same.firstArchived;
  const holder = (h: typeof first) =>
    html`${publisherLink(h.publisher, lang)} — ${timeHtml(h.receivedAt, lang)} —
      <a href="${langHref(statementHrefs(h.statement).page, lang)}"
        ><code dir="ltr">${h.statement}</code></a
      >`;
  const others = same.alsoArchivedBy.filter((h) => h.statement !== data.record.id);
  return html`<section aria-labelledby="same-h" data-first-archived="${first.statement}">
    <h2 id="same-h">${t.sameContentHeading}</h2>
    <p>
      ${
        same.first
          ? t.sameContentThisFirst
          : fillHtml(t.sameContentFirst, {
              publisher: publisherLink(first.publisher, lang),
              date: timeHtml(first.receivedAt, lang),
              link: html`<a href="${langHref(statementHrefs(first.statement).page, lang)}"
                ><code dir="ltr">${first.statement}</code></a
              >`,
            })
      }
    </p>
    ${
      others.length > 0
        ? html`<p>${t.sameContentAlso}</p>
            <ul class="plain">
              ${others.map((h) => html`<li>${holder(h)}</li>`)}
            </ul>`
        : ""
    }
  </section>`;
}
