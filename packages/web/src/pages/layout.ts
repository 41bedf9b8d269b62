/** The frame every page shares: lang and dir, the header with the language switch, the footer. */
import { dirOf, type Lang } from "../i18n";

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
  footer?: RawHtml;
  /** Same-origin scripts (PAGE_CSP has no inline scripts). */
  scripts?: string[];
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
        ${options.footer ? html`<footer>${options.footer}</footer>` : ""}
      </body>
    </html>`.value;
}
