/**
 * The verify page's receipt check (/assets/receipt.js): the same offline check as `isnad receipt
 * verify` (packages/cli receipt-checks.ts, pure on @isnad/core), run in the browser. The file is
 * hashed here and the receipt read here; nothing is sent. The keys come from a keys file the
 * reader chose, else from this site's /v1/keys (and the page says which). The witness policy
 * (C2SP tlog-policy, issue #16) comes from the keys file's `policy` member, else from this
 * site's /v1/policy: its quorum is enforced, and the page names the witnesses whose
 * cosignatures verified — a stripped cosignature fails the check. A record its publisher signed
 * is checked as `receipt verify` checks it (receipt-publisher.ts): "Signed by <domain> (key …)"
 * when the signature holds under a key the domain declared, a failed check otherwise.
 */
import {
  formatKeyId,
  parseBase64,
  parseWitnessPolicy,
  summarizeWitnesses,
  type WitnessPolicy,
  type WitnessSummary,
} from "@isnad/core";
// Pure and synchronous on core alone (no node:*), so the CLI and the page run the very same check.
import { checkReceiptOffline, parseReceiptText, type OfflineTrust } from "../../../cli/src/receipt-checks";
import { fillTemplate, parseLang } from "../i18n";
import { RECEIPT_STRINGS } from "../strings/receipt-strings";
import { h } from "./dom";
import { hashFile } from "./hash-file";
import { publisherStep, type PublisherStep } from "./receipt-publisher";

const lang = parseLang(document.documentElement.lang);
const t = RECEIPT_STRINGS[lang];

interface KeysDocument {
  keys?: { publicKey?: unknown }[];
  log?: { origin?: unknown; verifierKey?: unknown };
  /** The log's witness policy text (GET /v1/policy), when the file carries it. */
  policy?: unknown;
  /** A publisher's domain keys (GET /v1/publishers/{id}/keys), saved by `keys fetch --publisher`. */
  publisherKeys?: unknown;
}

function trustOf(doc: KeysDocument): OfflineTrust {
  const verifierKey = doc.log?.verifierKey;
  if (typeof verifierKey !== "string") throw new Error("no log verifier key (log.verifierKey)");
  const recordKeys = new Map<string, Uint8Array>();
  for (const k of doc.keys ?? []) {
    if (typeof k.publicKey !== "string") continue;
    // Key ids are recomputed from the keys: a file's ids are not trusted to match them.
    const key = parseBase64(k.publicKey, 32);
    recordKeys.set(formatKeyId(key), key);
  }
  const origin = doc.log?.origin;
  return {
    logVerifierKey: verifierKey,
    recordKeys: recordKeys.size > 0 ? recordKeys : null,
    ...(typeof origin === "string" ? { origin } : {}),
  };
}

async function loadTrust(
  keysFile: File | undefined,
): Promise<{ trust: OfflineTrust; doc: KeysDocument; notes: string[] }> {
  let doc: KeysDocument;
  let note: string;
  if (keysFile) {
    doc = JSON.parse(await keysFile.text()) as KeysDocument;
    note = t.keysFromFile;
  } else {
    const url = new URL("/v1/keys", window.location.href).href;
    const response = await fetch(url, { headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    doc = (await response.json()) as KeysDocument;
    note = fillTemplate(t.keysFromServer, { url }).join("");
  }
  const trust = trustOf(doc);
  const policy = await loadPolicy(doc);
  if (policy.policy) trust.policy = policy.policy;
  return { trust, doc, notes: [note, policy.note] };
}

/** The witness policy: the keys file's own, else this site's /v1/policy (the note says which). */
async function loadPolicy(doc: KeysDocument): Promise<{ policy?: WitnessPolicy; note: string }> {
  try {
    if (typeof doc.policy === "string")
      return { policy: parseWitnessPolicy(doc.policy), note: t.policyFromFile };
    const url = new URL("/v1/policy", window.location.href).href;
    const response = await fetch(url, { headers: { accept: "text/plain" } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const policy = parseWitnessPolicy(await response.text());
    return { policy, note: fillTemplate(t.policyFromServer, { url }).join("") };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { note: fillTemplate(t.policyUnavailable, { reason }).join("") };
  }
}

/** Who cosigned, verified under the policy; undefined without a policy naming witnesses. */
function witnessesOf(receiptText: string, policy: WitnessPolicy | undefined): WitnessSummary | undefined {
  if (!policy || policy.witnesses.length === 0) return undefined;
  try {
    return summarizeWitnesses(parseReceiptText(receiptText).checkpoint, policy);
  } catch {
    return undefined; // the witnesses step already says why the checkpoint fails the policy
  }
}

function witnessLine(summary: WitnessSummary | undefined, failed: boolean): HTMLElement | string {
  if (failed) return h("p", { class: "warn", "data-witnesses": "fail" }, t.witnessesFailed);
  if (!summary) return "";
  const names = summary.names.join(lang === "ar" ? "، " : ", ");
  const values = {
    names: names || "—",
    cosigned: String(summary.cosigned),
    configured: String(summary.configured),
    required: String(summary.required),
  };
  return h("p", { "data-witnesses": names }, fillTemplate(t.witnessedBy, values).join(""));
}

function show(result: HTMLElement, ...children: (HTMLElement | string)[]): void {
  result.replaceChildren(...children);
  result.focus();
}

async function check(form: HTMLFormElement, result: HTMLElement): Promise<void> {
  const file = (id: string) => (form.querySelector<HTMLInputElement>(`#${id}`)?.files ?? [])[0];
  const receipt = file("receipt-file");
  const original = file("receipt-original");
  if (!receipt || !original) return show(result, h("p", { class: "warn" }, t.missing));
  show(result, h("p", {}, t.checking));
  let trust: Awaited<ReturnType<typeof loadTrust>>;
  try {
    trust = await loadTrust(file("receipt-keys"));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return show(result, h("p", { class: "warn" }, fillTemplate(t.keysUnavailable, { reason }).join("")));
  }
  const [text, sha256] = await Promise.all([receipt.text(), hashFile(original)]);
  const offline = checkReceiptOffline(text, sha256, trust.trust);
  const publisher = await publisherStep(text, original, trust.doc);
  const checks = publisher ? [...offline.checks, publisher.check] : offline.checks;
  const report = { ...offline, checks, verified: checks.every((c) => c.status !== "fail") };
  const witnessFailed = report.checks.some((c) => c.step === "witnesses" && c.status === "fail");
  const mark = { pass: "✓", fail: "✗", skipped: "–" } as const;
  show(
    result,
    h(
      "div",
      {
        class: `verdict ${report.verified ? "v-receipt-ok" : "v-receipt-bad"}`,
        "data-receipt-verified": String(report.verified),
      },
      h("p", {}, h("strong", {}, report.verified ? t.valid : t.invalid)),
      signerLine(publisher),
      witnessLine(witnessesOf(text, trust.trust.policy), witnessFailed),
    ),
    h(
      "ul",
      { class: "plain proofs" },
      report.checks.map((c) =>
        h(
          "li",
          { "data-step": c.step, "data-status": c.status, class: c.status === "fail" ? "bad" : undefined },
          h("span", { "aria-hidden": "true" }, `${mark[c.status]} `),
          `${t.steps[c.step]}: ${t.statuses[c.status]} — `,
          h("span", { dir: "ltr", class: "note" }, c.message),
        ),
      ),
    ),
    ...[...trust.notes, ...publisherNote(publisher)].map((note) => h("p", { class: "note" }, note)),
  );
}

/** "Signed by press.example (key …)", or that the publisher's signature fails; nothing when unsigned. */
function signerLine(step: PublisherStep | undefined): HTMLElement | string {
  if (!step) return "";
  if (step.check.status === "fail")
    return h("p", { class: "warn", "data-signed-by": "fail" }, t.publisherFailed);
  if (!step.signer) return "";
  return h(
    "p",
    { "data-signed-by": step.signer.domain, "data-key-id": step.signer.keyId },
    fillTemplate(t.signedBy, step.signer).join(""),
  );
}

function publisherNote(step: PublisherStep | undefined): string[] {
  if (!step) return [];
  if (step.source === "file") return [t.publisherKeysFromFile];
  if (step.source === "server")
    return [fillTemplate(t.publisherKeysFromServer, { url: step.url ?? "" }).join("")];
  return [fillTemplate(t.publisherKeysUnavailable, { reason: step.source.unavailable }).join("")];
}

const form = document.getElementById("receipt-form") as HTMLFormElement | null;
const result = document.getElementById("receipt-result");
if (form && result) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void check(form, result);
  });
}
