/**
 * Verdicts in plain words (issue #7): what a fact-checker reads first, then which statement, by
 * whom, when, and — for an altered quote — each difference with the original's words beside the
 * quote's. Pure: takes the API's JSON, returns lines.
 */
import { formatStatementLines, type MatchJson } from "./statement-view";

export type Verdict =
  "authentic" | "verbatim" | "same-words" | "abridged" | "uncertain" | "altered" | "unverified" | "not-found";

export interface QuoteMatchJson extends MatchJson {
  verdict: Verdict;
  wholeStatement?: boolean;
  passages: { start: number; end: number; quoteStart: number; quoteEnd: number }[];
  folded: string[];
  differences: {
    kind: "negation" | "number" | "word" | "missing" | "extra" | "splice";
    quote: string;
    original: string;
    start: number;
    end: number;
    /** Present when the archived text is damaged under this difference (verdict "uncertain"). */
    damaged?: { start: number; end: number };
    /** The page of the original file (PDF) the archived side is on. */
    page?: number;
  }[];
}

export interface VerifyResponse {
  verdict: Verdict;
  query: { sha256?: string; text?: string };
  matches: (MatchJson | QuoteMatchJson)[];
}

const POSITIVE: readonly Verdict[] = ["authentic", "verbatim", "same-words", "abridged"];

/**
 * Whether a script may take the answer as a yes: a positive verdict backed by at least one match
 * whose record signature verifies (an unsigned "match" proves nothing).
 */
export function isConfirmed(result: VerifyResponse): boolean {
  return POSITIVE.includes(result.verdict) && bestMatches(result).some((m) => m.signature.valid);
}

/** The matches that carry the overall verdict (a quote's results are sorted best first). */
function bestMatches(result: VerifyResponse): MatchJson[] {
  return result.matches.filter((m) => !("verdict" in m) || m.verdict === result.verdict);
}

function headline(result: VerifyResponse): string {
  const first = result.matches[0] as QuoteMatchJson | undefined;
  switch (result.verdict) {
    case "authentic":
      return "✓ AUTHENTIC: this exact file is archived, byte for byte.";
    case "verbatim":
      return first?.wholeStatement
        ? "✓ VERBATIM: this is the whole statement, word for word."
        : "✓ VERBATIM: these words are in the statement exactly as written.";
    case "same-words":
      return `✓ SAME WORDS: the statement has these words, written differently (${(first?.folded ?? []).join(", ") || "spacing"}).`;
    case "abridged":
      return `✓ ABRIDGED: each part of the quote is in the statement, in order (${first?.passages.length ?? 0} parts; the ellipses mark what was left out).`;
    case "uncertain":
      return "? CANNOT TELL — ARCHIVED TEXT DAMAGED: the quote differs only where the archive's copy of the text is damaged (letters lost in extraction). Neither altered nor confirmed: compare with the original file:";
    case "altered":
      return "✗ ALTERED: close to an archived statement, but changed where meaning can change:";
    case "unverified":
      return "✗ UNVERIFIED: found in the archive, but its signature or its inclusion in the log did not check out. Do not rely on it.";
    case "not-found":
      return result.query.sha256
        ? `✗ NOT FOUND: no archived statement has SHA-256 ${result.query.sha256}. The file may have been changed, or never archived.`
        : "✗ NOT FOUND: no archived statement contains these words.";
  }
}

const quoted = (text: string) => (text === "" ? "(nothing)" : `«${text}»`);

export function formatDifference(d: QuoteMatchJson["differences"][number]): string {
  const said = formatDifferenceKind(d);
  const file = d.page === undefined ? "the original file" : `page ${d.page} of the original file`;
  if (d.damaged) {
    return `${said} [archived text damaged at characters ${d.damaged.start}–${d.damaged.end}: check ${file}]`;
  }
  return d.page === undefined ? said : `${said} (${file})`;
}

function formatDifferenceKind(d: QuoteMatchJson["differences"][number]): string {
  const sides = `original ${quoted(d.original)}, quote ${quoted(d.quote)}`;
  switch (d.kind) {
    case "negation":
      if (d.quote === "") return `negation removed: the original says ${quoted(d.original)} here`;
      if (d.original === "") return `negation added: ${quoted(d.quote)} is not in the original`;
      return `negation changed: ${sides}`;
    case "number":
      return `number changed: ${sides}`;
    case "word":
      return `word changed: ${sides}`;
    case "missing":
      return `words left out without an ellipsis: original ${quoted(d.original)}`;
    case "extra":
      return `words added that the original does not have: quote ${quoted(d.quote)}`;
    case "splice":
      return `joined from separate places without an ellipsis: quote ${quoted(d.quote)}`;
  }
}

/**
 * `texts` maps a statement id to its extracted text when the caller fetched it, so that the
 * matched passage can be shown in the original's own words.
 */
export function formatVerifyReport(
  server: string,
  result: VerifyResponse,
  url: string,
  texts: ReadonlyMap<string, string> = new Map(),
): string[] {
  const lines = [headline(result)];
  const first = result.matches[0] as QuoteMatchJson | undefined;
  if ((result.verdict === "altered" || result.verdict === "uncertain") && first) {
    for (const d of first.differences) lines.push(`  • ${formatDifference(d)}`);
  }
  const shown = bestMatches(result).slice(0, 3);
  for (const m of shown) {
    lines.push("");
    const text = texts.get(m.statement);
    const passages =
      "passages" in m && text !== undefined
        ? (m as QuoteMatchJson).passages.map(
            (p) => `  passage    «${text.slice(p.start, p.end)}» (characters ${p.start}–${p.end})`,
          )
        : [];
    lines.push(...formatStatementLines(server, m, passages));
  }
  const more = result.matches.length - shown.length;
  if (more > 0) lines.push("", `(${more} more match${more === 1 ? "" : "es"}: use --json to see all)`);
  const negative: readonly Verdict[] = ["uncertain", "altered", "not-found"];
  if (!isConfirmed(result) && !negative.includes(result.verdict)) {
    lines.push("", "✗ no matching record has a valid signature: this result cannot be relied on.");
  }
  lines.push("", `link: ${url}`);
  return lines;
}
