/**
 * OpenAPI for the answers of /v1/verify: the verdict, the matches, and for a quote the paging of
 * its results (packages/archive/src/verify-quote.ts): `total` over all pages, `limit` per page,
 * `cursor` for the next page, earliest archived statement first within a verdict.
 */
export const verifyPagingParameters = [
  {
    name: "limit",
    in: "query",
    required: false,
    description: "For a text: results per page, 1–100 (default 20).",
    schema: { type: "integer", minimum: 1, maximum: 100, default: 20 },
  },
  {
    name: "cursor",
    in: "query",
    required: false,
    description: "For a text: the `cursor` of the previous page of the same quote's answer.",
    schema: { type: "string", maxLength: 64 },
  },
];

export const verifyAnswerSchema = {
  type: "object",
  description:
    "The verdict and the matching statements. For a text, the matches are one page of the results, " +
    "sorted by verdict (verbatim, same-words, abridged, uncertain, altered), then earliest archived first.",
  properties: {
    query: { type: "object" },
    verdict: {
      type: "string",
      description:
        "By hash: authentic, unverified or not-found. For a text: verbatim, same-words, abridged, " +
        "uncertain (differs only where the archived text is damaged: compare the original, page given), " +
        "altered, not-found, or unverified when no matching statement's proofs hold.",
    },
    matches: { type: "array", items: { $ref: "#/components/schemas/VerifyMatch" } },
    total: { type: "integer", description: "For a text: the results over all pages." },
    limit: { type: "integer", description: "For a text: this page's size." },
    cursor: {
      type: ["string", "null"],
      description: "For a text: pass it back as `cursor` for the next page; null on the last page.",
    },
    next: { type: "string", description: "For a text short enough for a URL: the next page as a GET link." },
    complete: {
      type: "boolean",
      description:
        "For a text: false when more statements may hold it than were examined (every key of the quote is " +
        "common to many statements, or more than 100 qualified); quote more words to narrow it down.",
    },
  },
  required: ["query", "verdict", "matches"],
};
