/** The JSON of one quote match: verdict, where in the original, what was forgiven, what differs. */
import type { QuoteResult } from "@isnad/archive";
import { statementLinks } from "./views";

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
    links: statementLinks(record.id),
  };
}
