/**
 * The provenance page (`/s/{id}`, and Accept: text/html on /v1/statements/{id}): the record in
 * words, the statement's text, its history and corrections, how to cite it, the downloads, the
 * proofs the server checked and how to repeat them offline. Titles, file names, source URLs and
 * publisher names are attacker-chosen: every one goes through the escaping `html` template,
 * inside <bdi> so that bidi controls in them cannot reorder the sentence around them.
 */
import { formatBytes, formatLanguage, langHref, otherLang, type Lang } from "../i18n";
import { PROVENANCE_STRINGS, type ProvenanceStrings } from "../strings/provenance-strings";
import { fillHtml, html, type RawHtml } from "./html";
import { layout } from "./layout";
import { clip, pageMeta } from "./page-meta";
import { publisherName, safeHttpUrl, statementHrefs, type ProvenanceData } from "./provenance-data";
import { langAttr, timeHtml } from "./fragments";
import { downloadsSection, historySection, offlineSection, proofsSection } from "./provenance-sections";
import {
  citeSection,
  correctionsSection,
  diffSection,
  publisherLink,
  sameContentSection,
} from "./provenance-extras";
import { textSection } from "./statement-text";
import { anchorsSection } from "./provenance-witness";
import { signerLine } from "./provenance-signer";

/** The script of the provenance and publisher pages: copy buttons, `#q=` highlights. */
export const STATEMENT_SCRIPT = "/assets/statement.js";

export function provenancePage(data: ProvenanceData, lang: Lang): string {
  const t = PROVENANCE_STRINGS[lang];
  const r = data.record;
  const links = statementHrefs(r.id);
  const other = otherLang(lang);
  const title = data.current.title ?? r.original.filename ?? t.untitled;
  const body = html`
    <h1 ${langAttr(data.current.language)} dir="auto">${title}</h1>
    ${supersededWarning(data.supersededBy, t, lang)}
    ${data.quoteIndexPending ? html`<p class="note" role="note" data-quote-index="pending">${t.quoteIndexPending}</p>` : html``}
    <section aria-labelledby="record-h">
      <h2 id="record-h">${t.recordHeading}</h2>
      <p>${summary(data, t, lang)}</p>
      ${signerLine(data, lang)} ${recordList(data, t, lang)}
    </section>
    ${textSection(data, t, lang)} ${diffSection(data, t, lang)} ${historySection(data, t, lang)}
    ${correctionsSection(data, t, lang)} ${sameContentSection(data, t, lang)} ${citeSection(data, t, lang)}
    ${downloadsSection(data, t)} ${proofsSection(data, t, lang)} ${anchorsSection(data, lang)}
    ${offlineSection(data, t)}
    <p><a href="${langHref("/", lang)}">${t.backToVerify}</a></p>
  `;
  const base = data.baseUrl.replace(/\/$/, "");
  const publisher = publisherName(data.publisher, lang);
  const excerpt = data.text ? clip(data.text.content, 160) : "";
  return layout({
    title: t.pageTitle.replace("{title}", title),
    lang,
    body,
    head: pageMeta({
      title,
      description: clip(`${publisher}: ${excerpt || title}`, 200),
      url: `${base}${links.page}`,
      type: "article",
      lang,
      siteName: lang === "ar" ? "إسناد" : "isnad",
      publishedTime: data.current.publishedAt,
      alternates: [
        { href: `${base}${langHref(links.page, other)}`, hreflang: other },
        { href: `${base}${links.self}`, type: "application/json" },
      ],
    }),
    brand: lang === "ar" ? "إسناد" : "isnad",
    homeHref: langHref("/", lang),
    switchTo: { href: langHref(links.page, other), label: t.switchLang, lang: other },
    scripts: [STATEMENT_SCRIPT],
  });
}

function supersededWarning(ids: string[], t: ProvenanceStrings, lang: Lang): RawHtml {
  const newer = ids[0];
  if (!newer) return html``;
  const link = html`<a href="${langHref(statementHrefs(newer).page, lang)}">${t.newerStatement}</a>`;
  return html`<p class="warn" role="note" data-superseded="${newer}">${fillHtml(t.superseded, { link })}</p>`;
}

function summary(data: ProvenanceData, t: ProvenanceStrings, lang: Lang): RawHtml {
  const values = {
    publisher: publisherLink(data.publisher, lang),
    receivedAt: timeHtml(data.record.receivedAt, lang),
    publishedAt: data.current.publishedAt ? timeHtml(data.current.publishedAt, lang) : html``,
  };
  return fillHtml(data.current.publishedAt ? t.summary : t.summaryNoDate, values);
}

/** The source as a link only when it is an absolute http(s) URL; never followed with a referrer. */
function sourceHtml(value: string): RawHtml {
  const safe = safeHttpUrl(value);
  return safe
    ? html`<a href="${safe}" rel="noopener noreferrer nofollow" dir="ltr" class="source">${value}</a>`
    : html`<code dir="ltr">${value}</code>`;
}

function recordList(data: ProvenanceData, t: ProvenanceStrings, lang: Lang): RawHtml {
  const r = data.record;
  const c = data.current;
  const p = data.publisher;
  const domain = p.domain ? html` · <bdi dir="ltr">${p.domain}</bdi>` : "";
  return html`<dl>
    <dt>${t.publisher}</dt>
    <dd data-publisher="${p.id}">${publisherLink(p, lang)}${domain}</dd>
    <dt>${t.title}</dt>
    <dd ${langAttr(c.language)} dir="auto">${c.title ?? t.untitled}</dd>
    ${
      c.language
        ? html`<dt>${t.language}</dt>
            <dd><bdi>${formatLanguage(c.language, lang)}</bdi></dd>`
        : ""
    }
    <dt>${t.publishedAt}</dt>
    <dd>${c.publishedAt ? html`${timeHtml(c.publishedAt, lang)} (${t.asStated})` : t.notStated}</dd>
    <dt>${t.receivedAt}</dt>
    <dd>${timeHtml(r.receivedAt, lang)}</dd>
    ${
      c.sourceUrl
        ? html`<dt>${t.source}</dt>
            <dd>${sourceHtml(c.sourceUrl)}<br /><span class="note">${t.sourceNote}</span></dd>`
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
