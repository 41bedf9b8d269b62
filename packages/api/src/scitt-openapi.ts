/**
 * The OpenAPI paths of the SCRAPI facade (routes/scitt-entries.ts), for openapi.ts to spread into
 * `paths`. Errors on these routes are RFC 9290 concise problem details, not problem+json.
 */
import { CONCISE_PROBLEM_MEDIA_TYPE } from "./concise-problem";

const conciseProblem = (description: string) => ({
  description: `${description}: RFC 9290 concise problem details (CBOR map: -1 title, -2 detail, -3 instance, -4 CoAP response code, and the isnad problem type as a custom entry)`,
  content: {
    [CONCISE_PROBLEM_MEDIA_TYPE]: {
      schema: { type: "string", contentMediaType: CONCISE_PROBLEM_MEDIA_TYPE },
    },
  },
});

const coseReceipt = (description: string) => ({
  description: `${description}: the COSE receipt (RFC 9942: COSE_Sign1, ES256, vds 1, inclusion proof under vdp -1, detached Merkle root), verifiable with the keys at /.well-known/scitt-keys`,
  headers: {
    Location: {
      description: "/entries/{id}, where a fresh receipt can be fetched",
      schema: { type: "string" },
    },
  },
  content: { "application/cose": { schema: { type: "string", contentMediaType: "application/cose" } } },
});

const running = (description: string) => ({
  description,
  headers: {
    Location: { description: "/entries/{id}, to poll", schema: { type: "string" } },
    "Retry-After": { description: "Seconds to wait before polling", schema: { type: "integer" } },
  },
});

const entryId = {
  name: "id",
  in: "path",
  required: true,
  description: "The entry id: the isnad statement id (32 hex digits), also at /v1/statements/{id}",
  schema: { type: "string", pattern: "^[0-9a-f]{32}$" },
};

export function scittOpenApiPaths(): Record<string, object> {
  return {
    "/entries": {
      post: {
        summary: "Register a SCITT Signed Statement (draft-ietf-scitt-scrapi)",
        description:
          "The body is a COSE_Sign1 (tagged or not) with its payload attached, alg EdDSA (-8) or Ed25519 (-19) " +
          "in the protected header, and kid = the UTF-8 of one of the publisher's domain-bound key ids " +
          '("ed25519:…"). A CWT issuer (label 15, claim 1), when present, must be the key\'s domain. The exact ' +
          "bytes are archived as a statement (media type application/cose; text from the payload, by its " +
          "content type, label 3).",
        security: [{ publisherKey: [] }],
        requestBody: {
          required: true,
          content: {
            "application/cose": { schema: { type: "string", contentMediaType: "application/cose" } },
          },
        },
        responses: {
          "200": coseReceipt("Registered already (the same bytes from the same publisher)"),
          "201": coseReceipt("Registered"),
          "303": running("Registration is running: poll the Location"),
          "400": conciseProblem(
            "Not a Signed Statement isnad accepts (malformed, algorithm, kid, signature, policy)",
          ),
          "401": conciseProblem("No or an unknown publisher key"),
          "413": conciseProblem("Larger than the upload limit"),
          "415": conciseProblem("Not application/cose"),
          "429": conciseProblem("Too many requests"),
          "503": conciseProblem("Unavailable; retry"),
        },
      },
    },
    "/entries/{id}": {
      get: {
        summary:
          "Registration status and receipt of an entry (SCRAPI: Query Registration Status, Resolve Receipt)",
        parameters: [entryId],
        responses: {
          "200": coseReceipt("Registered"),
          "302": running("Registration is still running"),
          "400": conciseProblem("Not an entry id (Invalid locator)"),
          "404": conciseProblem("No such entry"),
        },
      },
    },
  };
}
