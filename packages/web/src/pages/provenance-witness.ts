/**
 * The provenance page's "witnesses and trusted time" section (issue #16): who cosigned the
 * checkpoint that includes the record, and when an RFC 3161 TSA says that checkpoint existed.
 * It shows only what the server verified (ProvenanceData.anchors); with nothing verified it
 * shows nothing, so that the page never claims a witness or a time it has not checked.
 */
import { formatNumber, type Lang } from "../i18n";
import { ANCHOR_STRINGS } from "../strings/anchor-strings";
import { fillHtml, html, type RawHtml } from "./html";
import { timeHtml } from "./fragments";
import type { AnchorsInfo, ProvenanceData } from "./provenance-data";

function witnessItem(w: NonNullable<AnchorsInfo["witnesses"]>, lang: Lang): RawHtml {
  const t = ANCHOR_STRINGS[lang];
  const num = (value: number) => html`<bdi>${formatNumber(value, lang)}</bdi>`;
  if (w.cosigned === 0) {
    return html`<li data-anchor="witnesses" data-ok="false">
      <span class="bad-mark" aria-hidden="true">✗</span>
      ${fillHtml(t.notWitnessed, { configured: num(w.configured) })}
    </li>`;
  }
  const names = html`${w.names.map((n, i) => html`${i > 0 ? (lang === "ar" ? "، " : ", ") : ""}<bdi dir="ltr" data-witness="${n}">${n}</bdi>`)}`;
  return html`<li data-anchor="witnesses" data-ok="${String(w.satisfied)}">
    <span class="${w.satisfied ? "ok-mark" : "bad-mark"}" aria-hidden="true">${w.satisfied ? "✓" : "✗"}</span>
    ${fillHtml(t.witnessedBy, {
      names,
      cosigned: num(w.cosigned),
      configured: num(w.configured),
      required: num(w.required),
    })}
    ${w.satisfied ? "" : html`<span class="bad">${t.quorumMissed}</span>`} (<a href="/v1/policy"
      >${t.policyLink}</a
    >)
  </li>`;
}

export function anchorsSection(data: ProvenanceData, lang: Lang): RawHtml {
  const anchors = data.anchors;
  if (!anchors || (anchors.witnesses === null && anchors.timestamps.length === 0)) return html``;
  const t = ANCHOR_STRINGS[lang];
  return html`<section aria-labelledby="anchors-h">
    <h2 id="anchors-h">${t.heading}</h2>
    <p>${t.intro}</p>
    <ul class="plain proofs">
      ${anchors.witnesses ? witnessItem(anchors.witnesses, lang) : ""}
      ${anchors.timestamps.map(
        (s) =>
          html`<li data-anchor="timestamp" data-ok="true">
            <span class="ok-mark" aria-hidden="true">✓</span>
            ${fillHtml(t.existedBy, {
              time: timeHtml(s.genTime, lang),
              tsa: html`<bdi dir="ltr" data-tsa="${s.tsa}">${s.tsa}</bdi>`,
            })}
          </li>`,
      )}
    </ul>
  </section>`;
}
