/** The frame every page shares: lang and dir, the header with the language switch, the footer. */
import { dirOf, langHref, type Lang } from "../i18n";

import { html, RawHtml } from "./html";
import { PAGE_STYLES } from "./styles";

export interface LayoutOptions {
  title: string;
  lang: Lang;
  body: RawHtml;
  /** Where the other language's version of this page is, and that language's name. */
  switchTo: { href: string; label: string; lang: Lang };
  brand: string;
  homeHref: string;
  /** Below the body; by default the links to /about (never raw JSON: issue #14). */
  footer?: RawHtml;
  /** More of <head>: description and OpenGraph meta, canonical and alternate links. */
  head?: RawHtml;
  /** Same-origin scripts (PAGE_CSP has no inline scripts). */
  scripts?: string[];
}

const FOOTER: Record<Lang, { about: string; keys: string; log: string; api: string }> = {
  ar: { about: "عن هذا الأرشيف", keys: "المفاتيح العامة", log: "السجل الشفاف", api: "للمطوّرين: واجهة API" },
  en: {
    about: "About this archive",
    keys: "Public keys",
    log: "Transparency log",
    api: "For developers: the API",
  },
};

/** The footer every page has: pages in words about the keys, the log and the API (/about). */
export function siteFooter(lang: Lang, words = FOOTER[lang]): RawHtml {
  const about = langHref("/about", lang);
  return html`<ul class="links">
    <li><a href="${about}">${words.about}</a></li>
    <li><a href="${about}#keys">${words.keys}</a></li>
    <li><a href="${about}#log">${words.log}</a></li>
    <li><a href="${about}#api">${words.api}</a></li>
  </ul>`;
}

export function layout(options: LayoutOptions): string {
  const { lang, switchTo } = options;
  const skip = lang === "ar" ? "انتقل إلى المحتوى" : "Skip to content";
  return html`<!doctype html>
    <html lang="${lang}" dir="${dirOf(lang)}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <link rel="icon" href="data:," />
        <title>${options.title}</title>
        ${options.head ?? ""}
        <style>
          ${new RawHtml(PAGE_STYLES)}
        </style>
        ${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
      </head>
      <body>
        <a class="skip" href="#main">${skip}</a>
        <header class="top">
          <a class="brand" href="${options.homeHref}">${options.brand}</a>
          <a href="${switchTo.href}" lang="${switchTo.lang}" hreflang="${switchTo.lang}">${switchTo.label}</a>
        </header>
        <main id="main" tabindex="-1">${options.body}</main>
        <footer>${options.footer ?? siteFooter(lang)}</footer>
      </body>
    </html>`.value;
}
