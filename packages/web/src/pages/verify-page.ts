/**
 * The verify page (`/`): the server renders the whole form, in the reader's language; the bundled
 * client (client/verify.ts, served at VERIFY_SCRIPT) hashes files locally, calls /v1/verify and
 * writes the verdict into the live region #result.
 */
import { langHref, otherLang, type Lang } from "../i18n";
import { VERIFY_STRINGS } from "../strings/verify-strings";
import { RECEIPT_STRINGS } from "../strings/receipt-strings";
import { SCREENSHOT_STRINGS } from "../strings/screenshot-strings";
import { html } from "./html";
import { layout } from "./layout";

export const VERIFY_SCRIPT = "/assets/verify.js";
/** The receipt check's script (client/receipt-check.ts): core in the browser, nothing sent. */
export const RECEIPT_SCRIPT = "/assets/receipt.js";

/** The longest quote the page sends (the API accepts 100 000 characters). */
export const MAX_QUOTE_CHARS = 100_000;

export interface VerifyPageOptions {
  lang: Lang;
  /** The script's URL, e.g. with a version parameter for caching. */
  script?: string;
}

export function verifyPage(options: VerifyPageOptions): string {
  const { lang } = options;
  const t = VERIFY_STRINGS[lang];
  const r = RECEIPT_STRINGS[lang];
  const other = otherLang(lang);
  const body = html`
    <h1>${t.heading}</h1>
    <p class="lead">${t.lead}</p>
    <noscript><p class="warn">${t.noscript}</p></noscript>
    <div class="methods">
      <form id="file-form" class="card" action="/" method="get" aria-labelledby="file-h">
        <h2 id="file-h">${t.fileHeading}</h2>
        <div class="drop" id="drop">
          <label for="file">${t.fileLabel}</label>
          <input type="file" id="file" name="file" aria-describedby="file-note screenshot-note" />
        </div>
        <p id="file-note" class="note">${t.fileNote}</p>
        <p id="screenshot-note" class="note">${SCREENSHOT_STRINGS[lang].note}</p>
        <progress id="file-progress" max="1" value="0" aria-label="${t.hashing}" hidden></progress>
      </form>
      <form id="hash-form" class="card" action="/" method="get" aria-labelledby="hash-h">
        <h2 id="hash-h">${t.hashHeading}</h2>
        <label for="sha256">${t.hashLabel}</label>
        <div class="row">
          <input
            type="text"
            id="sha256"
            name="sha256"
            class="mono"
            dir="ltr"
            autocomplete="off"
            autocapitalize="off"
            spellcheck="false"
            required
            pattern="\\s*[0-9a-fA-F]{64}\\s*"
            title="${t.hashInvalid}"
            aria-describedby="sha256-note"
          />
          <button type="submit">${t.submit}</button>
        </div>
        <p id="sha256-note" class="note">${t.hashHint}</p>
      </form>
      <form id="quote-form" class="card" action="/" method="get" aria-labelledby="quote-h">
        <h2 id="quote-h">${t.quoteHeading}</h2>
        <label for="quote">${t.quoteLabel}</label>
        <textarea
          id="quote"
          name="text"
          dir="auto"
          rows="4"
          required
          maxlength="${MAX_QUOTE_CHARS}"
          aria-describedby="quote-note"
        ></textarea>
        <p id="quote-note" class="note">${t.quoteHint}</p>
        <div class="row"><button type="submit">${t.submit}</button></div>
      </form>
    </div>
    <form id="receipt-form" class="card receipt" action="/" method="get" aria-labelledby="receipt-h">
      <h2 id="receipt-h">${r.heading}</h2>
      <p class="note">${r.lead}</p>
      <label for="receipt-file">${r.receiptLabel}</label>
      <input type="file" id="receipt-file" accept=".json,application/json,text/plain" />
      <label for="receipt-original">${r.originalLabel}</label>
      <input type="file" id="receipt-original" />
      <label for="receipt-keys">${r.keysLabel}</label>
      <input
        type="file"
        id="receipt-keys"
        accept=".json,application/json"
        aria-describedby="receipt-keys-note"
      />
      <p id="receipt-keys-note" class="note">${r.keysNote}</p>
      <div class="row"><button type="submit">${r.submit}</button></div>
      <div id="receipt-result" class="result" aria-live="polite" tabindex="-1"></div>
    </form>
    <section
      id="result"
      class="result"
      aria-live="polite"
      aria-label="${t.resultHeading}"
      tabindex="-1"
    ></section>
  `;
  // The footer is the layout's: /about in words, never raw JSON (issue #14).
  return layout({
    title: t.pageTitle,
    lang,
    body,
    brand: t.brand,
    homeHref: langHref("/", lang),
    switchTo: { href: langHref("/", other), label: t.switchLang, lang: other },
    scripts: [options.script ?? VERIFY_SCRIPT, RECEIPT_SCRIPT],
  });
}
