/**
 * OpenAPI for the answers of /v1/verify: the verdict, the matches, and for a quote the paging of
 * its results (packages/archive/src/verify-quote.ts): `total` over all pages, `limit` per page,
 * `cursor` for the next page, earliest archived statement first within a verdict. A screenshot's
 * answer (packages/api/src/screenshot-view.ts) is a quote's with `read`: what OCR read.
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
    query: {
      type: "object",
      description:
        "What was asked: {sha256}, {text}, or for a screenshot {image: {mediaType, bytes, width, height}}.",
    },
    read: { $ref: "#/components/schemas/OcrReading" },
    verdict: {
      type: "string",
      description:
        "By hash: authentic, unverified or not-found. For a text: verbatim, same-words, abridged, " +
        "uncertain (differs only where the archived text is damaged — compare the original, page given — or, " +
        "for a screenshot, only where OCR may have misread it: each such difference has reason `ocr`, and " +
        "`ocrReason: readings-disagree` when a second reading at twice the size did not show it), " +
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

/** A screenshot sent to POST /v1/verify (issue #18): read by OCR unless the image itself is archived. */
export const verifyImageContent = Object.fromEntries(
  ["image/png", "image/jpeg", "image/webp"].map((type) => [
    type,
    {
      schema: { type: "string", contentMediaType: type },
      description:
        "A screenshot (also as the multipart `file`), at most 10 MiB. An image archived as it is answers by " +
        "its hash; any other is read by OCR and its text checked as a quote (page with ?limit=&cursor=). 415 " +
        "when this service has no OCR; 503 with Retry-After when OCR is busy.",
    },
  ]),
);

export const ocrReadingSchemas = {
  OcrReading: {
    type: "object",
    description:
      "For a screenshot: what OCR read. `words` have the engine's confidence (0–100; it does not flag its " +
      "own confusions), their box in the image's pixels and their UTF-16 offsets in `text`. A difference of a " +
      "match gives `boxes`, the words read there, beside `original`, the archived words.",
    properties: {
      text: { type: "string" },
      engine: { type: "string", description: 'E.g. "tesseract 5.3.0 (ara+eng+fra)".' },
      width: { type: "integer" },
      height: { type: "integer" },
      words: {
        type: "array",
        items: {
          type: "object",
          properties: {
            text: { type: "string" },
            confidence: { type: "number" },
            box: { $ref: "#/components/schemas/ImageBox" },
            start: { type: "integer" },
            end: { type: "integer" },
          },
        },
      },
    },
    required: ["text", "engine", "words"],
  },
  ImageBox: {
    type: "object",
    description: "A region of the image, in pixels from its top left corner.",
    properties: {
      x: { type: "integer" },
      y: { type: "integer" },
      width: { type: "integer" },
      height: { type: "integer" },
    },
    required: ["x", "y", "width", "height"],
  },
};
