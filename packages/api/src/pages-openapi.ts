/**
 * The OpenAPI paths of the human pages and the files served beside them (issue #14): the verify
 * page, the statement and publisher pages (HTML, with HTML 400/404 pages), a publisher's Atom
 * feed, /about, and the single-file CLI. Page languages: `?lang=` first, then Accept-Language.
 */
const problem = {
  description: "An RFC 9457 problem",
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
};
const page = (description: string) => ({
  description,
  content: { "text/html": { schema: { type: "string" } } },
});
const lang = {
  name: "lang",
  in: "query",
  required: false,
  description: "The page language; without it, the first of ar/en in Accept-Language, else ar.",
  schema: { type: "string", enum: ["ar", "en"] },
};
const acceptLanguage = {
  name: "Accept-Language",
  in: "header",
  required: false,
  schema: { type: "string" },
};
const htmlErrors = {
  "400": page("An HTML page saying the link is not valid"),
  "404": page("An HTML page saying it is not in the archive"),
};
const statementId = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[0-9a-f]{32}$" },
};
const publisherId = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$" },
};

export function pagesOpenApiPaths() {
  return {
    "/": {
      get: {
        summary: "The verify page (HTML)",
        parameters: [lang, acceptLanguage],
        responses: { "200": page("Page") },
      },
    },
    "/s/{id}": {
      get: {
        summary: "A statement's page (HTML): its text, history, corrections, citation and proofs",
        parameters: [
          statementId,
          lang,
          acceptLanguage,
          {
            name: "hl",
            in: "query",
            required: false,
            description:
              "Passages to mark: `start-end` UTF-16 offsets into the extracted text, comma-separated (as /v1/verify's `passages`). The fragment form `#q=start-end` is marked by the page's script.",
            schema: { type: "string", pattern: "^\\d+-\\d+(,\\d+-\\d+)*$" },
          },
        ],
        responses: { "200": page("Page"), ...htmlErrors },
      },
    },
    "/p/{id}": {
      get: {
        summary: "A publisher's page (HTML): its statements by publication date, newest first, paged",
        parameters: [
          publisherId,
          lang,
          acceptLanguage,
          { name: "cursor", in: "query", required: false, schema: { type: "string", maxLength: 2048 } },
          {
            name: "limit",
            in: "query",
            required: false,
            schema: { type: "integer", minimum: 1, maximum: 100 },
          },
        ],
        responses: { "200": page("Page"), ...htmlErrors },
      },
    },
    "/p/{id}/feed.atom": {
      get: {
        summary: "A publisher's Atom feed (RFC 4287): its latest 50 statements, newest publication first",
        parameters: [publisherId, lang],
        responses: {
          "200": {
            description: "Atom feed",
            content: { "application/atom+xml": { schema: { type: "string" } } },
          },
          "400": problem,
          "404": problem,
        },
      },
    },
    "/about": {
      get: {
        summary: "About this archive (HTML): public keys, the log's head, the CLI's SHA-256, the API",
        parameters: [lang, acceptLanguage],
        responses: { "200": page("Page") },
      },
    },
    "/cli/isnad.mjs": {
      get: {
        summary: "The isnad CLI as one ESM file that runs with a bare `node` ≥ 20 (verify, receipt verify)",
        responses: {
          "200": {
            description: "The program; its SHA-256 in Repr-Digest (RFC 9530) and the ETag",
            headers: { "Repr-Digest": { schema: { type: "string" } }, ETag: { schema: { type: "string" } } },
            content: { "text/javascript": { schema: { type: "string" } } },
          },
          "304": { description: "Not modified (If-None-Match)" },
          "503": problem,
        },
      },
    },
  };
}
