/**
 * `/about`: what the footer links to instead of raw JSON — the public keys, the log and its
 * current size, the single-file CLI with its SHA-256, and the API document — in words, with the
 * machine-readable forms one labelled link away.
 */
import { formatNumber, langHref, otherLang, type Lang } from "../i18n";
import { SITE_STRINGS } from "../strings/site-strings";
import { html } from "./html";
import { layout } from "./layout";

export interface AboutData {
  keys: { keyId: string; algorithm: string; publicKey: string; status: "current" | "retired" }[];
  log: { origin: string; verifierKey: string; treeSize: number; rootHash: string };
  cli: { href: string; sha256: string } | null;
  baseUrl: string;
}

export function aboutPage(data: AboutData, lang: Lang): string {
  const t = SITE_STRINGS[lang];
  const other = otherLang(lang);
  const base = data.baseUrl.replace(/\/$/, "");
  const code = (v: string) => html`<code dir="ltr">${v}</code>`;
  const body = html`<h1>${t.aboutTitle.replace(/ — .*$/, "")}</h1>
    <p class="lead">${t.aboutLead}</p>
    <section id="keys" aria-labelledby="keys-h">
      <h2 id="keys-h">${t.keysHeading}</h2>
      <p>${t.keysIntro}</p>
      ${data.keys.map(
        (k) =>
          html`<dl data-key="${k.keyId}">
            <dt>${t.keyId}</dt>
            <dd>${code(k.keyId)}</dd>
            <dt>${t.keyAlgorithm}</dt>
            <dd>${k.algorithm}</dd>
            <dt>${t.keyPublic}</dt>
            <dd><code class="hash" dir="ltr">${k.publicKey}</code></dd>
            <dt>${t.keyStatus}</dt>
            <dd>${t.keyStatuses[k.status]}</dd>
          </dl>`,
      )}
      <p><a href="/v1/keys" type="application/json" download="isnad-keys.json">${t.keysJson}</a></p>
    </section>
    <section id="log" aria-labelledby="log-h">
      <h2 id="log-h">${t.logHeading}</h2>
      <p>${t.logIntro}</p>
      <dl>
        <dt>${t.logOrigin}</dt>
        <dd>${code(data.log.origin)}</dd>
        <dt>${t.logVerifierKey}</dt>
        <dd><code class="hash" dir="ltr">${data.log.verifierKey}</code></dd>
        <dt>${t.logSize}</dt>
        <dd><bdi>${formatNumber(data.log.treeSize, lang)}</bdi></dd>
        <dt>${t.logRoot}</dt>
        <dd><code class="hash" dir="ltr">${data.log.rootHash}</code></dd>
      </dl>
      <p><a href="/checkpoint" type="text/plain" download="checkpoint.txt">${t.logCheckpoint}</a></p>
    </section>
    <section id="cli" aria-labelledby="cli-h">
      <h2 id="cli-h">${t.cliHeading}</h2>
      <p>${t.cliIntro}</p>
      ${
        data.cli
          ? html`<pre><code>curl -fsSL -o isnad.mjs ${base}${data.cli.href}
sha256sum isnad.mjs
node isnad.mjs verify --server ${base} --text "…"</code></pre>
              <p>${t.cliSha256} <code class="hash" dir="ltr" data-cli-sha256>${data.cli.sha256}</code></p>`
          : html`<p>${t.cliUnavailable}</p>`
      }
    </section>
    <section id="api" aria-labelledby="api-h">
      <h2 id="api-h">${t.apiHeading}</h2>
      <p>${t.apiIntro}</p>
      <p>
        <a href="/openapi.json" type="application/json" download="isnad-openapi.json">${t.apiDocument}</a>
      </p>
    </section>`;
  return layout({
    title: t.aboutTitle,
    lang,
    body,
    brand: t.brand,
    homeHref: langHref("/", lang),
    switchTo: { href: langHref("/about", other), label: t.switchLang, lang: other },
  });
}
