/** The provenance page's lower sections: history, downloads, proofs checked, offline steps. */
import { formatLanguage, formatNumber, langHref, type Lang } from "../i18n";
import type { ProvenanceStrings } from "../strings/provenance-strings";
import { fillHtml, html, type RawHtml } from "./html";

import { statementHrefs, type ProvenanceData, type StatementSummary } from "./provenance-data";
import { langAttr, timeHtml } from "./fragments";

function summaryLink(s: StatementSummary, t: ProvenanceStrings, lang: Lang): RawHtml {
  return html`<a href="${langHref(statementHrefs(s.id).page, lang)}" ${langAttr(s.language)} dir="auto"
    >${s.title ?? t.untitled}</a
  >`;
}

export function historySection(data: ProvenanceData, t: ProvenanceStrings, lang: Lang): RawHtml {
  const current = data.record.id;
  const versions =
    data.versions.length > 1
      ? html`<ol class="plain">
          ${data.versions.map((v) =>
            v.id === current
              ? html`<li aria-current="true">
                  <strong ${langAttr(v.language)} dir="auto">${v.title ?? t.untitled}</strong>
                  (${t.currentVersion}) ${v.receivedAt ? html`— ${timeHtml(v.receivedAt, lang)}` : ""}
                </li>`
              : html`<li>
                  ${summaryLink(v, t, lang)} ${v.receivedAt ? html`— ${timeHtml(v.receivedAt, lang)}` : ""}
                </li>`,
          )}
        </ol>`
      : html`<p>${t.onlyVersion}</p>`;
  const translations =
    data.translations.length > 0
      ? html`<ul class="plain">
          ${data.translations.map(
            (s) =>
              html`<li>
                ${summaryLink(s, t, lang)}
                ${s.language ? html` · <bdi>${formatLanguage(s.language, lang)}</bdi>` : ""}
              </li>`,
          )}
        </ul>`
      : html`<p>${t.noTranslations}</p>`;
  return html`<section aria-labelledby="history-h">
    <h2 id="history-h">${t.historyHeading}</h2>
    <h3>${t.versions}</h3>
    ${versions}
    <h3>${t.translations}</h3>
    ${data.translationOf ? html`<p>${t.translationOf} ${summaryLink(data.translationOf, t, lang)}</p>` : ""}
    ${translations}
  </section>`;
}

export function downloadsSection(data: ProvenanceData, t: ProvenanceStrings): RawHtml {
  const r = data.record;
  const links = statementHrefs(r.id);
  return html`<section aria-labelledby="downloads-h">
    <h2 id="downloads-h">${t.downloadsHeading}</h2>
    <ul class="plain">
      <li>
        <a href="${links.original}" download="${r.original.filename ?? `${r.id}`}">${t.downloadOriginal}</a>
        (<bdi>${r.original.filename ?? r.id}</bdi>)
      </li>
      <li><a href="${links.receipt}" download="isnad-receipt-${r.id}.json">${t.downloadReceipt}</a></li>
      ${r.text?.sha256 ? html`<li><a href="${links.text}">${t.extractedText}</a>${ocrNote(r.text, t)}</li>` : ""}
      <li>
        <a href="${links.self}" type="application/json" download="isnad-record-${r.id}.json"
          >${t.recordJson}</a
        >
      </li>
    </ul>
  </section>`;
}

/** Issue #18: a text read by OCR says so, and by which engine, beside its link. */
function ocrNote(text: { status: string; ocrEngine?: string }, t: ProvenanceStrings): RawHtml | string {
  if (text.status !== "ocr") return "";
  const engine = html`<bdi dir="ltr">${text.ocrEngine ?? "OCR"}</bdi>`;
  return html` — <span class="note">${fillHtml(t.textByOcr, { engine })}</span>`;
}

export function proofsSection(data: ProvenanceData, t: ProvenanceStrings, lang: Lang): RawHtml {
  const ok = html`<span class="ok-mark" aria-hidden="true">✓</span>`;
  const bad = html`<span class="bad-mark" aria-hidden="true">✗</span>`;
  const code = (value: string | number) => html`<code dir="ltr">${value}</code>`;
  const num = (value: number) => html`<bdi>${formatNumber(value, lang)}</bdi>`;
  const sig = data.signature;
  const signature = sig.valid
    ? html`${ok}
      ${fillHtml(t.signatureValid, {
        keyId: code(sig.keyId),
        keys: html`<a href="/v1/keys" dir="ltr">/v1/keys</a>`,
      })}`
    : html`${bad} <span class="bad">${fillHtml(t.signatureInvalid, { reason: html`${sig.reason}` })}</span>`;
  const inc = data.inclusion;
  const inclusion = inc.checked
    ? html`${ok}
      ${fillHtml(t.inclusionChecked, {
        origin: code(data.log.origin),
        leafIndex: num(inc.leafIndex),
        treeSize: num(inc.treeSize),
      })}`
    : html`${bad}
        <span class="bad">${fillHtml(t.inclusionUnchecked, { reason: html`${inc.reason}` })}</span>`;
  return html`<section aria-labelledby="proofs-h">
    <h2 id="proofs-h">${t.proofsHeading}</h2>
    <p>${t.proofsIntro}</p>
    <ul class="plain proofs">
      <li data-proof="signature" data-ok="${String(sig.valid)}">${signature}</li>
      <li data-proof="inclusion" data-ok="${String(inc.checked)}">${inclusion}</li>
      <li data-proof="content">${ok} ${t.contentChecked}</li>
    </ul>
  </section>`;
}

/**
 * The commands of "how to verify offline": the single-file CLI this server serves
 * (/cli/isnad.mjs, run with a bare `node`), the file, the receipt, the keys — saved by `keys
 * fetch` with the log's witness policy (so `receipt verify` enforces its quorum) and, for a
 * publisher-signed record, the publisher's domain keys — and its `receipt verify`.
 */
export function offlineCommands(data: ProvenanceData): string[] {
  const base = trimSlashes(data.baseUrl);
  const links = statementHrefs(data.record.id);
  const file = offlineFileName(data.record.original.filename, data.record.id);
  // A publisher-signed record (issue #17) is also checked against the keys its domain declared.
  const signed = data.record.publisherSignature !== undefined;
  return [
    `curl -fsSL -o isnad.mjs ${shellQuote(`${base}${data.cli?.href ?? "/cli/isnad.mjs"}`)}`,
    `curl -fsSL -o ${shellQuote(file)} ${shellQuote(base + links.original)}`,
    `curl -fsSL -o receipt.json ${shellQuote(base + links.receipt)}`,
    `node isnad.mjs keys fetch --server ${shellQuote(base)} --out keys.json` +
      (signed ? ` --publisher ${shellQuote(data.record.publisher)}` : ""),
    `node isnad.mjs receipt verify --receipt receipt.json --original ${shellQuote(file)} --keys keys.json`,
  ];
}

/** The URL without its trailing slashes (a loop, not /\/+$/, which is quadratic on "////…x"). */
function trimSlashes(href: string): string {
  let end = href.length;
  while (end > 0 && href[end - 1] === "/") end--;
  return href.slice(0, end);
}

/** A file name safe to paste into a shell: the uploader's name when it is plain, else the id. */
function offlineFileName(filename: string | null, id: string): string {
  return filename && /^[\p{L}\p{N}._-]{1,100}$/u.test(filename) && !filename.startsWith("-") ? filename : id;
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/u.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function offlineSection(data: ProvenanceData, t: ProvenanceStrings): RawHtml {
  const commands = offlineCommands(data);
  return html`<section aria-labelledby="offline-h">
    <h2 id="offline-h">${t.offlineHeading}</h2>
    <p>${t.offlineIntro}</p>
    <ol class="steps">
      ${t.offlineSteps.map(
        (step, i) =>
          html`<li>
            ${step}
            <pre><code>${commands[i]}</code></pre>
            ${
              i === 0 && data.cli
                ? html`<p class="note">
                    ${t.offlineToolHash}
                    <code class="hash" dir="ltr" data-cli-sha256>${data.cli.sha256}</code>
                  </p>`
                : ""
            }
          </li>`,
      )}
    </ol>
    <p>${t.offlineOutro}</p>
  </section>`;
}
