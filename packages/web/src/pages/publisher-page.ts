/**
 * A publisher's page (`/p/{id}`): its names, domain and website, and its statements by
 * publication date, newest first, a page at a time (`?cursor=`), with its Atom feed linked for
 * readers and feed readers alike.
 */
import { formatLanguage, langHref, otherLang, type Lang } from "../i18n";
import { SITE_STRINGS } from "../strings/site-strings";
import { fillHtml, html } from "./html";
import { layout } from "./layout";
import { clip, pageMeta } from "./page-meta";
import { langAttr, timeHtml } from "./fragments";
import {
  publisherHrefs,
  publisherName,
  safeHttpUrl,
  statementHrefs,
  type PublisherInfo,
  type StatementMetadata,
} from "./provenance-data";

export interface PublisherListing {
  id: string;
  receivedAt: string;
  current: Pick<StatementMetadata, "title" | "language" | "publishedAt">;
  filename: string | null;
  superseded: boolean;
}

export interface PublisherPageData {
  publisher: PublisherInfo & { createdAt?: string };
  statements: PublisherListing[];
  /** The next (older) page's cursor, if any. */
  next: string | null;
  /** True when this is not the first page. */
  paged: boolean;
  /** A page size the reader chose (`?limit=`), kept in the pager's links. */
  limit?: number;
  baseUrl: string;
}

export function publisherPage(data: PublisherPageData, lang: Lang): string {
  const t = SITE_STRINGS[lang];
  const p = data.publisher;
  const hrefs = publisherHrefs(p.id);
  const name = publisherName(p, lang);
  const other = otherLang(lang);
  const base = data.baseUrl.replace(/\/$/, "");
  const website = safeHttpUrl(p.url);
  const otherNames = Object.entries(p.names).filter(([tag, n]) => tag !== lang && n !== name);
  const item = (s: PublisherListing) =>
    html`<li data-statement="${s.id}">
      <a href="${langHref(statementHrefs(s.id).page, lang)}" ${langAttr(s.current.language)} dir="auto"
        >${s.current.title ?? s.filename ?? t.untitled}</a
      >
      <br /><span class="note"
        >${
          s.current.publishedAt
            ? fillHtml(t.publishedOn, { date: timeHtml(s.current.publishedAt, lang) })
            : fillHtml(t.archivedOn, { date: timeHtml(s.receivedAt, lang) })
        }
        ${s.current.language ? html` · <bdi>${formatLanguage(s.current.language, lang)}</bdi>` : ""}
        ${s.superseded ? html` · <strong>${t.supersededMark}</strong>` : ""}</span
      >
    </li>`;
  const pager = html`<nav class="pager" aria-label="pages">
    ${data.paged ? html`<a href="${langHref(hrefs.page, lang)}">${t.newest}</a>` : html`<span></span>`}
    ${
      data.next
        ? html`<a
            rel="next"
            href="${langHref(`${hrefs.page}?${new URLSearchParams({ cursor: data.next, ...(data.limit ? { limit: String(data.limit) } : {}) })}`, lang)}"
            >${t.newer}</a
          >`
        : ""
    }
  </nav>`;
  const body = html`
    <h1 dir="auto">${name}</h1>
    <p class="lead">${t.publisherLead}</p>
    <dl>
      ${
        otherNames.length > 0
          ? html`<dt>${t.publisherOtherNames}</dt>
              <dd>
                ${otherNames.map(([tag, n], i) => html`${i > 0 ? " · " : ""}<bdi lang="${tag}" dir="auto">${n}</bdi>`)}
              </dd>`
          : ""
      }
      ${
        p.domain
          ? html`<dt>${t.publisherDomain}</dt>
              <dd><bdi dir="ltr">${p.domain}</bdi></dd>`
          : ""
      }
      ${
        p.url
          ? html`<dt>${t.publisherWebsite}</dt>
              <dd>
                ${
                  website
                    ? html`<a href="${website}" rel="noopener noreferrer nofollow" dir="ltr" class="source"
                        >${p.url}</a
                      >`
                    : html`<code dir="ltr">${p.url}</code>`
                }
              </dd>`
          : ""
      }
    </dl>
    ${p.createdAt ? html`<p>${fillHtml(t.publisherSince, { date: timeHtml(p.createdAt, lang) })}</p>` : ""}
    <p>
      <a href="${hrefs.feed}" type="application/atom+xml" data-feed>${t.feed}</a><br />
      <span class="note">${t.feedNote}</span>
    </p>
    <section aria-labelledby="statements-h">
      <h2 id="statements-h">${t.statementsHeading}</h2>
      <p class="note">${t.statementsOrder}</p>
      ${
        data.statements.length > 0
          ? html`<ol class="statements">
              ${data.statements.map(item)}
            </ol>`
          : html`<p>${t.statementsNone}</p>`
      }
      ${pager}
    </section>
    <p><a href="${langHref("/", lang)}">${t.backToVerify}</a></p>
  `;
  return layout({
    title: t.publisherTitle.replace("{name}", name),
    lang,
    body,
    head: pageMeta({
      title: name,
      description: clip(`${name}: ${t.publisherLead}`, 200),
      url: `${base}${hrefs.page}`,
      type: "profile",
      lang,
      siteName: t.brand,
      alternates: [
        { href: `${base}${hrefs.feed}`, type: "application/atom+xml", title: name },
        { href: `${base}${langHref(hrefs.page, other)}`, hreflang: other },
      ],
    }),
    brand: t.brand,
    homeHref: langHref("/", lang),
    switchTo: { href: langHref(hrefs.page, other), label: t.switchLang, lang: other },
  });
}
