/**
 * What link previews and search engines read: a description, OpenGraph (https://ogp.me/) for
 * chat apps and social sites, the canonical URL (RFC 6596) without a language parameter, and the
 * alternates (the other language, the JSON record, a feed). Every value is escaped by `html`.
 */
import type { Lang } from "../i18n";
import { html, type RawHtml } from "./html";

export interface PageMeta {
  description: string;
  title: string;
  /** The absolute canonical URL. */
  url: string;
  type: "article" | "website" | "profile";
  lang: Lang;
  siteName: string;
  publishedTime?: string | null;
  alternates?: { href: string; type?: string; hreflang?: string; title?: string }[];
}

const OG_LOCALE: Record<Lang, string> = { ar: "ar_AR", en: "en_GB" };

/** At most `max` characters, cut at a word, with "…". */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

export function pageMeta(m: PageMeta): RawHtml {
  return html`<meta name="description" content="${m.description}" />
    <link rel="canonical" href="${m.url}" />
    <meta property="og:type" content="${m.type}" />
    <meta property="og:title" content="${m.title}" />
    <meta property="og:description" content="${m.description}" />
    <meta property="og:url" content="${m.url}" />
    <meta property="og:site_name" content="${m.siteName}" />
    <meta property="og:locale" content="${OG_LOCALE[m.lang]}" />
    ${m.publishedTime ? html`<meta property="article:published_time" content="${m.publishedTime}" />` : ""}
    <meta name="twitter:card" content="summary" />
    ${(m.alternates ?? []).map(
      (a) =>
        html`<link
          rel="alternate"
          href="${a.href}"
          ${a.type ? html`type="${a.type}"` : ""}
          ${a.hreflang ? html`hreflang="${a.hreflang}"` : ""}
          ${a.title ? html`title="${a.title}"` : ""}
        />`,
    )}`;
}
