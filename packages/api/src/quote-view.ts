/** The JSON of one quote match: verdict, where in the original, what was forgiven, what differs. */
import type { QuoteResult, QuoteVerification } from "@isnad/archive";
import { statementLinks } from "./views";
import { signedByJson } from "./signed-by";

export function quoteMatchJson(r: QuoteResult) {
  const { record } = r.view;
  return {
    statement: record.id,
    verdict: r.match.verdict,
    wholeStatement: r.wholeStatement,
    publisher: record.publisher,
    title: record.title,
    language: record.language,
    publishedAt: record.publishedAt,
    receivedAt: record.receivedAt,
    superseded: r.view.supersededBy.length > 0,
    supersededBy: r.view.supersededBy,
    /** UTF-16 offsets into the statement's extracted text (GET …/text). */
    passages: r.match.fragments,
    folded: r.match.folded,
    differences: r.match.differences,
    normalization: r.match.normalization,
    signature: r.signature,
    signedBy: signedByJson(record),
    links: statementLinks(record.id),
  };
}

/**
 * The paging fields of a quote's answer: `total` results over all pages, this page's `limit`,
 * the `cursor` of the next page (null on the last), `next` as a link when the quote fits a URL,
 * and `complete: false` when statements beyond those examined may hold the quote too.
 */
export function quotePaging(answer: QuoteVerification, linkText: string | undefined) {
  const next =
    answer.next && linkText !== undefined
      ? `/v1/verify?${new URLSearchParams({ text: linkText, limit: String(answer.limit), cursor: answer.next })}`
      : undefined;
  return {
    total: answer.total,
    limit: answer.limit,
    cursor: answer.next ?? null,
    ...(next ? { next } : {}),
    complete: answer.complete,
  };
}
