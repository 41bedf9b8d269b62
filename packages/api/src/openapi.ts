/**
 * GET /openapi.json: OpenAPI 3.1, generated from the zod schemas that validate the requests
 * (schemas.ts), so the document cannot drift from what the server accepts.
 */
// A namespace import: esbuild keeps only the members used (`{ z }` pulls in every locale; issue #15).
import * as z from "zod";
import { ListQuery, SIGNATURE_DESCRIPTION, StatementFields, UploadForm, VerifyJson } from "./schemas";
import { uploadsOpenApiPaths } from "./uploads-openapi";
import { pagesOpenApiPaths } from "./pages-openapi";
import { scittOpenApiPaths } from "./scitt-openapi";
import { publisherSchemas, publishersOpenApiPaths } from "./publishers-openapi";
import {
  ocrReadingSchemas,
  verifyAnswerSchema,
  verifyImageContent,
  verifyPagingParameters,
} from "./verify-openapi";
import { recordSchemas } from "./record-openapi";

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" });

function queryParameters(schema: z.ZodObject) {
  const shape = json(schema) as { properties: Record<string, object>; required?: string[] };
  return Object.entries(shape.properties).map(([name, s]) => ({
    name,
    in: "query",
    required: shape.required?.includes(name) ?? false,
    schema: s,
  }));
}

const problem = {
  description: "An RFC 9457 problem",
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
};
const idParam = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[0-9a-f]{32}$" },
};
const ok = (description: string, type = "application/json") => ({ description, content: { [type]: {} } });
const verifyAnswer = {
  description: "The verdict and matching statements (for a text: one page of them)",
  content: { "application/json": { schema: verifyAnswerSchema } },
};

/** The JSON receipt (DESIGN.md "Receipt"; core's ReceiptJson). */
const receiptSchema = {
  type: "object",
  required: ["entry", "leafIndex", "inclusionProof", "checkpoint"],
  properties: {
    entry: { type: "string", contentEncoding: "base64", description: "The exact log entry bytes" },
    leafIndex: { type: "integer", minimum: 0 },
    inclusionProof: {
      type: "object",
      required: ["treeSize", "rootHash", "hashes"],
      properties: {
        treeSize: { type: "integer", minimum: 1 },
        rootHash: { type: "string", contentEncoding: "base64" },
        hashes: { type: "array", items: { type: "string", contentEncoding: "base64" } },
      },
    },
    checkpoint: {
      type: "string",
      description: "C2SP tlog-checkpoint signed note, with witness cosignature lines",
    },
    timestamps: {
      type: "array",
      description: "RFC 3161 TimeStampTokens over SHA-256 of the checkpoint body, one per TSA",
      items: {
        type: "object",
        required: ["tsa", "token"],
        properties: { tsa: { type: "string" }, token: { type: "string", contentEncoding: "base64" } },
      },
    },
    witnesses: {
      type: "object",
      description:
        "Unsigned hint: how many of the witnesses /v1/policy names cosigned the checkpoint, counted by the " +
        "server from verified cosignature lines. Verifiers recompute it from the checkpoint under the policy.",
      required: ["configured", "required", "cosigned", "names"],
      properties: {
        configured: { type: "integer", minimum: 0 },
        required: { type: "integer", minimum: 0 },
        cosigned: { type: "integer", minimum: 0 },
        names: { type: "array", items: { type: "string" } },
      },
    },
  },
};

export function openApiDocument(): object {
  return withTooManyRequests({
    openapi: "3.1.0",
    info: {
      title: "isnad",
      version: "1",
      description:
        "A serverless archive that proves where public statements came from. " +
        "Public reads (GET, HEAD) and /v1/verify (also POST) answer any origin (CORS, with preflight); " +
        "authenticated writes do not. A wrong method on a known path answers 405 with Allow.",
    },
    components: {
      securitySchemes: {
        publisherKey: { type: "http", scheme: "bearer", description: "A publisher API key" },
      },
      schemas: {
        Problem: {
          type: "object",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            instance: { type: "string" },
          },
          required: ["type", "title", "status"],
        },
        ...publisherSchemas,
        ...recordSchemas,
        ...ocrReadingSchemas,
      },
    },
    paths: {
      "/v1/statements": {
        post: {
          summary: "Archive a statement",
          security: [{ publisherKey: [] }],
          parameters: [
            ...queryParameters(StatementFields),
            { name: "filename", in: "query", required: false, schema: { type: "string" } },
            ...["signature", "Isnad-Signature"].map((name) => ({
              name,
              in: name === "signature" ? "query" : "header",
              required: false,
              description: SIGNATURE_DESCRIPTION,
              schema: { type: "string", maxLength: 4096 },
            })),
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              schema: { type: "string", maxLength: 255 },
            },
          ],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": { schema: json(UploadForm) },
              "*/*": { schema: { type: "string", contentMediaType: "application/octet-stream" } },
            },
          },
          responses: {
            "201": {
              description: "Archived",
              content: { "application/json": { schema: { $ref: "#/components/schemas/StatementView" } } },
            },
            "200": ok("Already archived (same bytes, same publisher, no other metadata)"),
            "400": problem,
            "401": problem,
            "403": problem,
            "409": {
              ...problem,
              description:
                "These bytes are archived already with other metadata (the problem names the differences and the correction to send), " +
                "or `supersedes` names a statement that is already superseded (the problem names the latest version)",
            },
            "413": problem,
          },
        },
        get: {
          summary: "List a publisher's statements, newest first",
          parameters: queryParameters(ListQuery),
          responses: { "200": ok("A page of statements"), "400": problem },
        },
      },
      "/v1/statements/{id}": {
        get: {
          summary: "The provenance record (HTML with Accept: text/html)",
          parameters: [idParam],
          responses: {
            "200": {
              description:
                "The signed record, its publisher, current metadata, corrections and what happened since",
              content: { "application/json": { schema: { $ref: "#/components/schemas/StatementView" } } },
            },
            "404": problem,
          },
        },
      },
      "/v1/statements/{id}/original": {
        get: {
          summary: "The archived bytes, byte-identical",
          parameters: [idParam],
          responses: { "200": ok("The original", "application/octet-stream"), "404": problem },
        },
      },
      "/v1/statements/{id}/text": {
        get: {
          summary: "The extracted text",
          parameters: [idParam],
          responses: { "200": ok("UTF-8 text", "text/plain"), "404": problem },
        },
      },
      "/v1/statements/{id}/versions": {
        get: {
          summary: "Its chain of versions and translations",
          parameters: [idParam],
          responses: { "200": ok("The chain"), "404": problem },
        },
      },
      "/v1/verify": {
        post: {
          summary: "Verify a file, a SHA-256, a text or a screenshot",
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: json(VerifyJson) },
              "multipart/form-data": { schema: { type: "object", properties: { file: {} } } },
              "*/*": { schema: { type: "string", contentMediaType: "application/octet-stream" } },
              ...verifyImageContent,
            },
          },
          parameters: verifyPagingParameters,
          responses: { "200": verifyAnswer, "400": problem, "413": problem, "415": problem, "503": problem },
        },
        get: {
          summary: "Verify a SHA-256 or a text, as a shareable link",
          parameters: [
            {
              name: "sha256",
              in: "query",
              required: false,
              schema: { type: "string", pattern: "^[0-9a-fA-F]{64}$" },
            },
            { name: "text", in: "query", required: false, schema: { type: "string", maxLength: 4000 } },
            ...verifyPagingParameters,
          ],
          responses: { "200": verifyAnswer, "400": problem },
        },
      },
      "/v1/keys": { get: { summary: "The service's public keys", responses: { "200": ok("Keys") } } },
      ...uploadsOpenApiPaths(),
      ...publishersOpenApiPaths(),
      "/v1/statements/{id}/receipt": {
        get: {
          summary: "The offline receipt: entry, inclusion proof and signed checkpoint",
          description:
            "JSON by default; the C2SP tlog-proof@v1 text with Accept: text/x.tlog-proof; the RFC 9942 COSE " +
            "receipt with Accept: application/cose (COSE_Sign1, ES256, kid in the protected header, vds 1 " +
            "RFC9162_SHA256, inclusion proof under vdp -1, detached payload = the Merkle root; keys at " +
            "/.well-known/scitt-keys).",
          parameters: [idParam],
          responses: {
            "200": {
              description: "The receipt",
              content: {
                "application/json": { schema: receiptSchema },
                "text/x.tlog-proof": {},
                "application/cose": { schema: { type: "string", contentMediaType: "application/cose" } },
              },
            },
            "404": problem,
            "503": problem,
          },
        },
      },
      "/.well-known/scitt-keys": {
        get: {
          summary:
            "The COSE receipt keys as a COSE_KeySet (RFC 9052 §7), each with its kid (RFC 9679 thumbprint)",
          responses: { "200": ok("COSE_KeySet", "application/cbor"), "503": problem },
        },
      },
      "/v1/log": {
        get: {
          summary: "The log's origin, verifier key, size and root",
          responses: { "200": ok("The log") },
        },
      },
      "/v1/log/consistency": {
        get: {
          summary: "A consistency proof between two tree sizes (RFC 9162 §2.1.4)",
          parameters: [
            { name: "from", in: "query", required: true, schema: { type: "integer", minimum: 1 } },
            { name: "to", in: "query", required: true, schema: { type: "integer", minimum: 1 } },
          ],
          responses: { "200": ok("{from, to, hashes}"), "400": problem },
        },
      },
      "/checkpoint": {
        get: {
          summary: "The C2SP tlog-checkpoint (signed note)",
          responses: { "200": ok("Checkpoint", "text/plain") },
        },
      },
      "/v1/policy": {
        get: {
          summary: "The log's witness policy (C2SP tlog-policy)",
          description:
            "Plain text in C2SP tlog-policy line syntax: the log's checkpoint key (`log <vkey>`), each witness " +
            "that cosigns its checkpoints (`witness <name> <cosignature/v1 vkey> [<url>]`), groups, and the " +
            "`quorum` a reader should require; `quorum none` when the log has no witnesses. `isnad receipt " +
            "verify --policy` and the verify page's receipt check enforce it.",
          responses: { "200": ok("The policy", "text/plain") },
        },
      },
      "/tile/{L}/{N}": {
        get: {
          summary: "C2SP tlog-tiles hash tile (N in x-prefixed groups, optional .p/{W})",
          parameters: [
            { name: "L", in: "path", required: true, schema: { type: "integer" } },
            { name: "N", in: "path", required: true, schema: { type: "string" } },
          ],
          responses: { "200": ok("Tile", "application/octet-stream"), "400": problem, "404": problem },
        },
      },
      "/tile/entries/{N}": {
        get: {
          summary: "C2SP tlog-tiles entry bundle",
          parameters: [{ name: "N", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": ok("Entry bundle", "application/octet-stream"),
            "400": problem,
            "404": problem,
          },
        },
      },
      ...pagesOpenApiPaths(),
      ...scittOpenApiPaths(),
    },
  });
}

/** Every operation may answer 429 (rate-limit.ts): per API key for writes, per address otherwise. */
function withTooManyRequests<T extends { paths: Record<string, Record<string, { responses: object }>> }>(
  doc: T,
): T {
  const tooMany = {
    ...problem,
    description:
      "Too many requests from this API key or address (per instance); retry after Retry-After seconds",
    headers: { "Retry-After": { schema: { type: "integer", minimum: 1 } } },
  };
  for (const operations of Object.values(doc.paths)) {
    for (const operation of Object.values(operations))
      operation.responses = { ...operation.responses, "429": tooMany };
  }
  return doc;
}
