/**
 * A verification result in plain language: the verdict first (what a reader on deadline needs),
 * then what was forgiven or what changed, then each statement with the passage in context.
 */
import { fillTemplate } from "../i18n";
import type { VerdictKey } from "../strings/verify-strings";
import type { Difference, HashVerification, QuoteMatch, QuoteVerification } from "./api-types";
import { h, type Child } from "./dom";
import type { Highlight } from "./excerpts";
import { renderExcerpts, renderStatement, type RenderContext } from "./render-statement";

/** How many matched statements are shown (the API returns at most a handful). */
const MAX_SHOWN = 5;

function verdictBlock(verdict: VerdictKey | "error", title: string, ...body: Child[]): HTMLElement {
  return h(
    "div",
    { class: `verdict v-${verdict}`, "data-verdict": verdict },
    h("h2", { id: "result-h", tabindex: "-1" }, title),
    body,
  );
}

export function renderHashResult(
  result: HashVerification,
  ctx: RenderContext,
  file?: { name: string },
): HTMLElement[] {
  const { t } = ctx;
  const v = t.verdicts[result.verdict];
  const facts = h(
    "dl",
    {},
    file && [h("dt", {}, t.fileName), h("dd", {}, h("bdi", {}, file.name))],
    h("dt", {}, t.computedHash),
    h(
      "dd",
      {},
      h("code", { class: "hash", dir: "ltr", "data-sha256": result.query.sha256 }, result.query.sha256),
    ),
  );
  const block = verdictBlock(
    result.verdict,
    v.title,
    h("p", {}, v.explain),
    result.verdict === "not-found" && file && h("p", {}, t.fileNotFoundHint),
    facts,
  );
  return [block, ...result.matches.slice(0, MAX_SHOWN).map((m) => renderStatement(m, ctx))];
}

/**
 * What a screenshot's answer says differently (render-screenshot.ts): the verdict in OCR's terms,
 * what was read before it, and its own table of differences with the image regions.
 */
export interface QuoteResultParts {
  title?: string;
  explain?: string;
  before?: Child;
  differences?: (differences: Difference[]) => Child;
}

export async function renderQuoteResult(
  result: Pick<QuoteVerification, "verdict" | "matches">,
  ctx: RenderContext,
  fetchText: (match: QuoteMatch) => Promise<string | undefined>,
  parts: QuoteResultParts = {},
): Promise<HTMLElement[]> {
  const { t } = ctx;
  const top = result.matches[0];
  const v = t.verdicts[result.verdict];
  const table = parts.differences ?? ((d: Difference[]) => differencesTable(d, ctx));
  const block = verdictBlock(
    result.verdict,
    parts.title ?? v.title,
    h("p", {}, parts.explain ?? v.explain),
    parts.before,
    top && result.verdict === "same-words" && foldedList(top, ctx),
    top && top.differences.length > 0 && table(top.differences),
  );
  const shown = result.matches.slice(0, MAX_SHOWN);
  const texts = await Promise.all(shown.map((m) => fetchText(m).catch(() => undefined)));
  const cards = shown.map((m, i) => renderStatement(m, ctx, passageInContext(m, texts[i], ctx)));
  if (cards.length > 1) cards.splice(1, 0, h("h2", {}, t.otherMatches));
  return [block, ...cards];
}

export function renderError(detail: string, ctx: RenderContext): HTMLElement[] {
  const text = fillTemplate<string>(ctx.t.error, { detail }).join("");
  return [verdictBlock("error", text)];
}

function foldedList(match: QuoteMatch, { t }: RenderContext): HTMLElement | false {
  const kinds = match.folded.filter((k) => k in t.folded);
  return (
    kinds.length > 0 &&
    h(
      "ul",
      { class: "plain", "data-folded": kinds.join(",") },
      kinds.map((k) => h("li", {}, t.folded[k])),
    )
  );
}

/** The original's words against the quote's, one row per difference: the heart of "altered". */
function differencesTable(differences: Difference[], { t }: RenderContext): HTMLElement {
  const cell = (text: string, cls: string) =>
    h("td", { class: cls, dir: "auto" }, text === "" ? h("span", { class: "note" }, t.nothing) : text);
  return h(
    "table",
    { class: "diffs" },
    h("caption", {}, t.differencesCaption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, t.differenceKind),
        h("th", { scope: "col" }, t.inOriginal),
        h("th", { scope: "col" }, t.inQuote),
      ),
    ),
    h(
      "tbody",
      {},
      differences.map((d) =>
        h(
          "tr",
          {
            "data-kind": d.kind,
            "data-damaged": d.damaged ? `${d.damaged.start}-${d.damaged.end}` : undefined,
          },
          h("th", { scope: "row" }, t.differences[d.kind] ?? d.kind),
          d.damaged
            ? h(
                "td",
                { class: "orig" },
                h("span", { dir: "auto" }, d.original || t.nothing),
                damagedNote(d.damaged, d.page, t),
              )
            : d.page !== undefined
              ? h(
                  "td",
                  { class: "orig" },
                  h("span", { dir: "auto" }, d.original || t.nothing),
                  pageNote(d.page, t),
                )
              : cell(d.original, "orig"),
          cell(d.quote, "quote"),
        ),
      ),
    ),
  );
}

/**
 * Said beside each difference that falls on damaged archive text, so that "uncertain" can never be
 * read as "altered": the words there are the archive's extraction, not necessarily the original's.
 */
function damagedNote(
  span: { start: number; end: number },
  page: number | undefined,
  t: RenderContext["t"],
): HTMLElement {
  const at = { start: String(span.start), end: String(span.end) };
  const text =
    page === undefined
      ? fillTemplate<string>(t.damagedHere, at).join("")
      : fillTemplate<string>(t.damagedHereOnPage, { ...at, page: String(page) }).join("");
  return h("p", { class: "note damaged" }, text);
}

/** Where a difference is in the original file (PDF: "page 3 of the original"), to compare with it. */
function pageNote(page: number, t: RenderContext["t"]): HTMLElement {
  return h("p", { class: "note page" }, fillTemplate<string>(t.onPage, { page: String(page) }).join(""));
}

function passageInContext(match: QuoteMatch, text: string | undefined, ctx: RenderContext): Child[] {
  const { t } = ctx;
  if (match.passages.length === 0) return [];
  if (text === undefined) return [h("p", { class: "note" }, t.textUnavailable)];
  const highlights: Highlight[] = [
    ...match.passages.map((p): Highlight => ({ start: p.start, end: p.end, kind: "passage" })),
    // A screenshot's differences that OCR may have made are no alteration: not marked as one.
    ...match.differences
      .filter((d) => d.reason !== "ocr")
      .map((d): Highlight => ({ start: d.start, end: d.end, kind: "difference" })),
  ];
  return [
    h("h4", {}, t.passageHeading),
    match.wholeStatement ? h("p", {}, t.wholeStatement) : renderExcerpts(text, highlights, match.language),
  ];
}
