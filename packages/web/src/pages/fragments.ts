/** Small pieces of markup the pages share. */
import { formatDate, type Lang } from "../i18n";
import { html, type RawHtml } from "./html";

/** `lang="…"` for text in a stated language (titles), nothing when the language is unknown. */
export function langAttr(language: string | null | undefined): RawHtml {
  return language ? html`lang="${language}"` : html``;
}

/** A date as <time>, isolated so that its digits keep their order inside the other direction. */
export function timeHtml(value: string, lang: Lang): RawHtml {
  return html`<bdi><time datetime="${value}">${formatDate(value, lang)}</time></bdi>`;
}
