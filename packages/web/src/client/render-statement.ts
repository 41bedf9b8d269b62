/** One matched statement as the page shows it: who, when, superseded or not, proofs and links. */
import { fillTemplate, formatDate, formatNumber, langHref, type Lang } from "../i18n";
import type { VerifyStrings } from "../strings/verify-strings";
import { SIGNER_STRINGS } from "../strings/signer-strings";
import type { MatchBase, Span } from "./api-types";
import { bdi, h, type Child } from "./dom";
import { buildExcerpts, type Excerpt, type Highlight } from "./excerpts";

export interface RenderContext {
  lang: Lang;
  t: VerifyStrings;
}

function fill(template: string, values: Record<string, Child>): Child[] {
  return fillTemplate<Child>(template, values);
}

function time(value: string, lang: Lang): HTMLElement {
  return h("bdi", {}, h("time", { datetime: value }, formatDate(value, lang) ?? value));
}

export function renderStatement(match: MatchBase, ctx: RenderContext, extra: Child[] = []): HTMLElement {
  const { t, lang } = ctx;
  const headingId = `st-${match.statement}`;
  const newer = match.supersededBy[0];
  return h(
    "article",
    { class: "statement", "aria-labelledby": headingId, "data-statement": match.statement },
    h(
      "h3",
      { id: headingId, dir: "auto", ...(match.language ? { lang: match.language } : {}) },
      match.title ?? t.untitled,
    ),
    match.superseded &&
      newer &&
      h(
        "p",
        { class: "warn", "data-superseded": "true" },
        fill(t.superseded, { link: h("a", { href: langHref(`/s/${newer}`, lang) }, t.newerStatement) }),
      ),
    h(
      "dl",
      {},
      h("dt", {}, t.publisher),
      h("dd", { "data-publisher": publisherId(match) }, publisherLink(match, lang)),
      h("dt", {}, t.publishedAt),
      h("dd", {}, match.publishedAt ? [time(match.publishedAt, lang), ` (${t.asStated})`] : t.notStated),
      h("dt", {}, t.receivedAt),
      h("dd", {}, time(match.receivedAt, lang)),
    ),
    extra,
    proofs(match, ctx),
    h(
      "ul",
      { class: "links" },
      h(
        "li",
        {},
        h(
          "a",
          { href: match.links.receipt, download: `isnad-receipt-${match.statement}.json` },
          t.downloadReceipt,
        ),
      ),
      h("li", {}, h("a", { href: pageHref(match, lang) }, t.provenancePage)),
    ),
  );
}

function publisherId(match: MatchBase): string {
  return typeof match.publisher === "string" ? match.publisher : match.publisher.id;
}

/** The publisher's name in the reader's language, linked to its page (/p/{id}). */
function publisherLink(match: MatchBase, lang: Lang): HTMLElement {
  const p = match.publisher;
  const name = typeof p === "string" ? p : p.names && Object.hasOwn(p.names, lang) ? p.names[lang] : p.name;
  return h(
    "a",
    { href: langHref(`/p/${encodeURIComponent(publisherId(match))}`, lang) },
    bdi(name ?? publisherId(match)),
  );
}

/**
 * The statement's page, with the passages found marked on it: `#q=start-end,…` (UTF-16 offsets
 * into the extracted text), read by the page's own script; a fragment never reaches a server.
 */
function pageHref(match: MatchBase, lang: Lang): string {
  const passages = (match as MatchBase & { passages?: Span[] }).passages ?? [];
  const q = passages
    .slice(0, 20)
    .map((p) => `${p.start}-${p.end}`)
    .join(",");
  return langHref(`${match.links.page}${q ? `#q=${q}` : ""}`, lang);
}

function proofs(match: MatchBase, { t, lang }: RenderContext): HTMLElement {
  const sig = match.signature;
  const items: HTMLElement[] = [
    sig.valid
      ? h("li", {}, fill(t.signatureValid, { keyId: h("code", { dir: "ltr" }, sig.keyId) }))
      : h("li", { class: "bad" }, fill(t.signatureInvalid, { reason: sig.reason })),
  ];
  // "Signed by press.example", apart from isnad's signature above (issue #17).
  const signer = SIGNER_STRINGS[lang];
  if (match.signedBy) {
    const { domain, keyId } = match.signedBy;
    const signedBy = { domain: bdi(domain, { dir: "ltr" }), keyId: h("code", { dir: "ltr" }, keyId) };
    items.push(h("li", { "data-signed-by": domain }, fill(signer.signedBy, signedBy)));
  } else if (match.signedBy === null) {
    items.push(h("li", { "data-signed-by": "" }, signer.notSigned));
  }
  const inc = match.inclusion;
  if (inc) {
    items.push(
      inc.checked
        ? h(
            "li",
            {},
            fill(t.inclusionChecked, {
              leafIndex: bdi(formatNumber(inc.leafIndex, lang)),
              treeSize: bdi(formatNumber(inc.treeSize, lang)),
            }),
          )
        : h("li", { class: "bad" }, fill(t.inclusionUnchecked, { reason: inc.reason })),
    );
  }
  return h("ul", { class: "plain proofs" }, items);
}

/** The passages in their context, marked: <mark> for the passage, <mark class="diff"> for changes. */
export function renderExcerpts(
  text: string,
  highlights: Highlight[],
  language: string | null | undefined,
): HTMLElement[] {
  return buildExcerpts(text, highlights).map((excerpt: Excerpt) =>
    h(
      "blockquote",
      { class: "context", dir: "auto", ...(language ? { lang: language } : {}) },
      excerpt.cutStart && "… ",
      excerpt.segments.map((s) =>
        s.kind === "plain" ? s.text : h("mark", s.kind === "difference" ? { class: "diff" } : {}, s.text),
      ),
      excerpt.cutEnd && " …",
    ),
  );
}
