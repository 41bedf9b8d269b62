/**
 * The OpenAPI paths and schemas of issue #14's resources: publishers, corrections, and the
 * response shapes that name publishers (statement views and verify results). Request schemas
 * come from resource-schemas.ts, so the document describes what the server validates.
 */
// A namespace import: esbuild keeps only the members used (`{ z }` pulls in every locale; issue #15).
import * as z from "zod";
import { CorrectionBody, PageQuery } from "./resource-schemas";
import { domainKeyOpenApiPaths, domainKeySchemas } from "./domain-keys-openapi";

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = {
  description: "An RFC 9457 problem",
  content: { "application/problem+json": { schema: ref("Problem") } },
};
const jsonOk = (description: string, schema: object) => ({
  description,
  content: { "application/json": { schema } },
});

function pageParameters() {
  const shape = json(PageQuery) as { properties: Record<string, object> };
  return Object.entries(shape.properties).map(([name, schema]) => ({
    name,
    in: "query",
    required: false,
    schema,
  }));
}

const publisherId = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$" },
};
const statementId = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[0-9a-f]{32}$" },
};
const seq = { name: "seq", in: "path", required: true, schema: { type: "integer", minimum: 1 } };

const nullableString = { type: ["string", "null"] };
const metadata = {
  type: "object",
  properties: Object.fromEntries(
    ["title", "language", "publishedAt", "sourceUrl", "supersedes", "translationOf"].map((f) => [
      f,
      nullableString,
    ]),
  ),
};

export const publisherSchemas = {
  ...domainKeySchemas,
  PublisherSummary: {
    type: "object",
    description: "Who published a statement: shown wherever a statement is named.",
    properties: {
      id: { type: "string" },
      name: { type: "string", description: "The default display name." },
      names: {
        type: "object",
        additionalProperties: { type: "string" },
        description: "Display names by BCP 47 language tag, e.g. {ar, en}.",
      },
      domain: { type: "string" },
      url: { type: "string", format: "uri" },
    },
    required: ["id", "name", "names"],
  },
  StatementMetadata: { ...metadata, description: "The record's metadata with its corrections applied." },
  Correction: {
    type: "object",
    description: "A signed, logged correction (entry type isnad.correction/v1).",
    properties: {
      seq: { type: "integer" },
      receivedAt: { type: "string", format: "date-time" },
      changes: metadata,
      previous: metadata,
      reason: nullableString,
      record: {
        type: "object",
        description: "The signed correction record (its canonical JSON is the log entry).",
      },
      leafIndex: { type: "integer" },
      links: { type: "object" },
    },
    required: ["seq", "receivedAt", "changes", "previous", "record"],
  },
  ContentHolder: {
    type: "object",
    properties: {
      statement: { type: "string" },
      publisher: ref("PublisherSummary"),
      receivedAt: { type: "string", format: "date-time" },
      links: { type: "object" },
    },
  },
  SignedBy: {
    type: ["object", "null"],
    description:
      "The publisher's own signature on the statement (issue #17), checked at upload against its domain's keys: " +
      "shown apart from isnad's `signature`; null when the publisher did not sign.",
    properties: {
      domain: { type: "string", description: "The domain that declared the key" },
      keyId: { type: "string", description: "ed25519: + 16 hex digits of SHA-256(public key)" },
      format: { type: "string", enum: ["sshsig", "ed25519", "cose-sign1"] },
    },
    required: ["domain", "keyId", "format"],
  },
  StatementView: {
    type: "object",
    properties: {
      id: { type: "string" },
      publisher: ref("PublisherSummary"),
      record: ref("StatementRecord"),
      current: ref("StatementMetadata"),
      corrections: { type: "array", items: ref("Correction") },
      supersededBy: { type: "array", items: { type: "string" } },
      translations: { type: "array", items: { type: "string" } },
      signedBy: ref("SignedBy"),
      sameContent: {
        type: ["object", "null"],
        description: "Who archived the same bytes first, and who else did.",
        properties: {
          first: {
            type: "boolean",
            description: "Whether this statement is the first archiving of its bytes.",
          },
          firstArchived: ref("ContentHolder"),
          alsoArchivedBy: { type: "array", items: ref("ContentHolder") },
        },
      },
      quoteIndex: {
        type: "object",
        description:
          "Present while the quote index of a long text is still being written (it is archived first): " +
          "verify by file, hash or id works already; quote search finds it within a minute.",
        properties: { state: { const: "pending" }, message: { type: "string" } },
        required: ["state", "message"],
      },
      links: { type: "object" },
    },
    required: ["id", "record", "current", "corrections", "supersededBy", "translations", "links"],
  },
  VerifyMatch: {
    type: "object",
    description: "One statement a verification found (more members for quotes: passages, differences …).",
    properties: {
      statement: { type: "string" },
      publisher: ref("PublisherSummary"),
      publisherId: {
        type: "string",
        description: "The publisher's id (what `publisher` was before it named them).",
      },
      title: nullableString,
      publishedAt: nullableString,
      receivedAt: { type: "string" },
      superseded: { type: "boolean" },
      archivedFirst: {
        type: "boolean",
        description:
          "By hash: whether this statement archived these bytes first (matches come oldest first).",
      },
      supersededBy: { type: "array", items: { type: "string" } },
      verdict: {
        type: "string",
        enum: ["verbatim", "same-words", "abridged", "uncertain", "altered"],
        description: "For a quote: this statement's verdict (`uncertain`: differs only on damaged text).",
      },
      differences: { type: "array", items: ref("QuoteDifference") },
      signedBy: ref("SignedBy"),
    },
  },
};

export function publishersOpenApiPaths() {
  return {
    ...domainKeyOpenApiPaths(),
    "/v1/publishers": {
      get: {
        summary: "The archive's publishers, by id, in pages",
        parameters: pageParameters(),
        responses: {
          "200": jsonOk("A page of publishers", {
            type: "object",
            properties: {
              publishers: { type: "array", items: ref("PublisherSummary") },
              cursor: nullableString,
              next: { type: "string" },
            },
          }),
          "400": problem,
        },
      },
    },
    "/v1/publishers/{id}": {
      get: {
        summary: "One publisher: names, domain, URL, and links to its page and Atom feed",
        parameters: [publisherId],
        responses: {
          "200": jsonOk("The publisher", ref("PublisherSummary")),
          "400": problem,
          "404": problem,
        },
      },
    },
    "/v1/publishers/{id}/statements": {
      get: {
        summary: "A publisher's statements by publication date, newest first",
        parameters: [publisherId, ...pageParameters()],
        responses: {
          "200": jsonOk("A page of statements", {
            type: "object",
            properties: {
              publisher: ref("PublisherSummary"),
              statements: { type: "array", items: ref("StatementView") },
              cursor: nullableString,
              next: { type: "string" },
            },
          }),
          "400": problem,
          "404": problem,
        },
      },
    },
    "/v1/statements/{id}/corrections": {
      get: {
        summary: "A statement's current metadata and its dated corrections",
        parameters: [statementId],
        responses: {
          "200": jsonOk("The corrections, oldest first", {
            type: "object",
            properties: {
              current: ref("StatementMetadata"),
              corrections: { type: "array", items: ref("Correction") },
            },
          }),
          "404": problem,
        },
      },
      post: {
        summary: "Correct a statement's metadata (its publisher only): a signed, logged correction",
        description:
          "Send only the fields that change; null removes title, language, publishedAt or sourceUrl. " +
          "supersedes and translationOf can be added when missing, never changed. The same correction again answers 200.",
        security: [{ publisherKey: [] }],
        parameters: [statementId],
        requestBody: { required: true, content: { "application/json": { schema: json(CorrectionBody) } } },
        responses: {
          "201": jsonOk("Corrected: the correction, the current metadata and the correction's receipt", {
            type: "object",
            properties: {
              correction: ref("Correction"),
              current: ref("StatementMetadata"),
              receipt: { type: "object" },
            },
          }),
          "200": ok("The same correction was already the latest"),
          "400": problem,
          "401": problem,
          "403": problem,
          "404": problem,
          "409": problem,
          "415": problem,
        },
      },
    },
    "/v1/statements/{id}/corrections/{seq}": {
      get: {
        summary: "One correction",
        parameters: [statementId, seq],
        responses: { "200": jsonOk("The correction", ref("Correction")), "404": problem },
      },
    },
    "/v1/statements/{id}/corrections/{seq}/receipt": {
      get: {
        summary: "The offline receipt of a correction (as for statements)",
        parameters: [statementId, seq],
        responses: { "200": ok("The receipt"), "404": problem },
      },
    },
  };
}

function ok(description: string) {
  return { description, content: { "application/json": {} } };
}
