/**
 * "Signed by press.example" on the provenance page (issue #17): the publisher's own signature,
 * named by the domain that declared its key and by the key id, shown apart from isnad's signature
 * as archive. It says what the signed record holds (checked at upload against the domain's keys,
 * archive publisher-signature.ts); a record without one says that only isnad vouches.
 */
import type { Lang } from "../i18n";
import { SIGNER_STRINGS } from "../strings/signer-strings";
import { fillHtml, html, type RawHtml } from "./html";
import type { ProvenanceData } from "./provenance-data";

export function signerLine(data: ProvenanceData, lang: Lang): RawHtml {
  const t = SIGNER_STRINGS[lang];
  const signed = data.record.publisherSignature;
  if (!signed) return html`<p class="note" data-signed-by="">${t.notSigned}</p>`;
  const keys = `/v1/publishers/${encodeURIComponent(data.record.publisher)}/keys`;
  return html`<p data-signed-by="${signed.domain}" data-key-id="${signed.keyId}">
    <span class="ok-mark" aria-hidden="true">✓</span>
    <strong
      >${fillHtml(t.signedBy, {
        domain: html`<bdi dir="ltr">${signed.domain}</bdi>`,
        keyId: html`<code dir="ltr">${signed.keyId}</code>`,
      })}</strong
    >
    ${t.archivedBy}<br /><span class="note"
      >${fillHtml(t.signedByNote, {
        domain: html`<bdi dir="ltr">${signed.domain}</bdi>`,
        keys: html`<a href="${keys}" dir="ltr">${keys}</a>`,
      })}</span
    >
  </p>`;
}
