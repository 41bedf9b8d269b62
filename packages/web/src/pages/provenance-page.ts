/**
 * The provenance page (`/s/{id}`, and Accept: text/html on /v1/statements/{id}): the record in
 * words, its history, the downloads, the proofs the server checked and how to repeat them offline.
 * Titles, file names, source URLs and publisher ids are attacker-chosen: every one goes through
 * the escaping `html` template, inside <bdi> so that bidi controls in them cannot reorder the
 * sentence around them.
 */
import { formatBytes, formatLanguage, langHref, otherLang, type Lang } from "../i18n";
import { PROVENANCE_STRINGS, type ProvenanceStrings } from "../strings/provenance-strings";
import { fillHtml, html, type RawHtml } from "./html";
import { layout } from "./layout";
import { statementHrefs, type ProvenanceData } from "./provenance-data";
import { langAttr, timeHtml } from "./fragments";
import { downloadsSection, historySection, offlineSection, proofsSection } from "./provenance-sections";

export function provenancePage(data: ProvenanceData, lang: Lang): string {
  const t = PROVENANCE_STRINGS[lang];
  const r = data.record;
  const links = statementHrefs(r.id);
  const other = otherLang(lang);
  const title = r.title ?? r.original.filename ?? t.untitled;
  const body = html`
    <h1 ${langAttr(r.language)} dir="auto">${title}</h1>
    ${supersededWarning(data.supersededBy, t, lang)}
    <section aria-labelledby="record-h">
      <h2 id="record-h">${t.recordHeading}</h2>
      <p>${summary(data, t, lang)}</p>
      ${recordList(data, t, lang)}
    </section>
    ${historySection(data, t, lang)} ${downloadsSection(data, t)} ${proofsSection(data, t, lang)}
    ${offlineSection(data, t)}
    <p><a href="${langHref("/", lang)}">${t.backToVerify}</a></p>
  `;
  return layout({
    title: t.pageTitle.replace("{title}", title),
    lang,
    body,
    brand: lang === "ar" ? "إسناد" : "isnad",
    homeHref: langHref("/", lang),
    switchTo: { href: langHref(links.page, other), label: t.switchLang, lang: other },
  });
}

function supersededWarning(ids: string[], t: ProvenanceStrings, lang: Lang): RawHtml {
  const newer = ids[0];
  if (!newer) return html``;
  const link = html`<a href="${langHref(statementHrefs(newer).page, lang)}">${t.newerStatement}</a>`;
  return html`<p class="warn" role="note" data-superseded="${newer}">${fillHtml(t.superseded, { link })}</p>`;
}

function summary(data: ProvenanceData, t: ProvenanceStrings, lang: Lang): RawHtml {
  const r = data.record;
  const values = {
    publisher: html`<bdi>${r.publisher}</bdi>`,
    receivedAt: timeHtml(r.receivedAt, lang),
    publishedAt: r.publishedAt ? timeHtml(r.publishedAt, lang) : html``,
  };
  return fillHtml(r.publishedAt ? t.summary : t.summaryNoDate, values);
}

function recordList(data: ProvenanceData, t: ProvenanceStrings, lang: Lang): RawHtml {
  const r = data.record;
  return html`<dl>
    <dt>${t.publisher}</dt>
    <dd><bdi>${r.publisher}</bdi></dd>
    <dt>${t.title}</dt>
    <dd ${langAttr(r.language)} dir="auto">${r.title ?? t.untitled}</dd>
    ${
      r.language
        ? html`<dt>${t.language}</dt>
            <dd><bdi>${formatLanguage(r.language, lang)}</bdi></dd>`
        : ""
    }
    <dt>${t.publishedAt}</dt>
    <dd>${r.publishedAt ? html`${timeHtml(r.publishedAt, lang)} (${t.asStated})` : t.notStated}</dd>
    <dt>${t.receivedAt}</dt>
    <dd>${timeHtml(r.receivedAt, lang)}</dd>
    ${
      r.sourceUrl
        ? html`<dt>${t.source}</dt>
            <dd><code dir="ltr">${r.sourceUrl}</code><br /><span class="note">${t.sourceNote}</span></dd>`
        : ""
    }
    <dt>${t.original}</dt>
    <dd>
      <bdi>${r.original.filename ?? "—"}</bdi> · <bdi>${r.original.mediaType}</bdi> ·
      <bdi>${formatBytes(r.original.size, lang)}</bdi>
    </dd>
    <dt>${t.sha256}</dt>
    <dd><code class="hash" dir="ltr">${r.original.sha256}</code></dd>
  </dl>`;
}
