/**
 * The HTML error pages of /s/*, /p/* and /about: a person who mistypes a link reads a page in
 * their language with a way on, never a raw problem+json document (issue #14).
 */
import { langHref, otherLang, type Lang } from "../i18n";
import { SITE_STRINGS } from "../strings/site-strings";
import { fillHtml, html } from "./html";
import { layout } from "./layout";

export type ErrorPageKind = "statement" | "publisher" | "page";

export interface ErrorPageOptions {
  status: 400 | 404;
  kind: ErrorPageKind;
  lang: Lang;
  /** The request path, for the language switch link. */
  path: string;
  /** For 400: what is wrong, in plain words. */
  detail?: string;
}

export function errorPage(o: ErrorPageOptions): string {
  const t = SITE_STRINGS[o.lang];
  const other = otherLang(o.lang);
  const message =
    o.status === 400
      ? fillHtml(t.errorBadRequest, { detail: html`<bdi>${o.detail ?? ""}</bdi>` })
      : html`${o.kind === "statement" ? t.errorStatement : o.kind === "publisher" ? t.errorPublisher : t.errorPage}`;
  const body = html`<h1>${t.errorTitle[o.status]}</h1>
    <p data-status="${o.status}">${message}</p>
    <p><a href="${langHref("/", o.lang)}">${t.backToVerify}</a></p>`;
  return layout({
    title: `${t.errorTitle[o.status]} — ${t.brand}`,
    lang: o.lang,
    body,
    head: html`<meta name="robots" content="noindex" />`,
    brand: t.brand,
    homeHref: langHref("/", o.lang),
    switchTo: { href: langHref(o.path, other), label: t.switchLang, lang: other },
  });
}
