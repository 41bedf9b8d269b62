/**
 * The OpenAPI paths and schemas of domain-bound publisher keys (issue #17; routes/domain-keys.ts),
 * merged into the publishers' (publishers-openapi.ts). Request bodies come from
 * domain-key-schemas.ts, which the routes validate with.
 */
// A namespace import: esbuild keeps only the members used (`{ z }` pulls in every locale; issue #15).
import * as z from "zod";
import { DomainKeyRegistration, DomainKeyRevocation } from "./domain-key-schemas";

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = {
  description:
    "An RFC 9457 problem; `check` names what failed (https, well-known, domain, txt, possession, nonce …)",
  content: { "application/problem+json": { schema: ref("Problem") } },
};
const jsonOk = (description: string, schema: object) => ({
  description,
  content: { "application/json": { schema } },
});
const publisherId = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$" },
};
const keyId = {
  name: "keyId",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^ed25519:[0-9a-f]{16}$" },
};
const refusals = {
  "400": problem,
  "401": problem,
  "403": problem,
  "404": problem,
  "409": problem,
  "503": problem,
};

export const domainKeySchemas = {
  DomainKey: {
    type: "object",
    description: "A publisher's Ed25519 key, bound to its domain by a logged isnad.publisher-key/v1 entry.",
    properties: {
      keyId: { type: "string", description: "ed25519: + the first 16 hex digits of SHA-256(key)" },
      publicKey: { type: "string", description: "ed25519:<base64 of the 32-byte key>" },
      domain: { type: "string" },
      introducedAt: { type: "string", format: "date-time" },
      retiredAt: { type: ["string", "null"], format: "date-time" },
      retiredBy: { enum: ["rotated", "revoked", null] },
      status: { enum: ["active", "rotated", "revoked"] },
    },
    required: ["keyId", "publicKey", "domain", "introducedAt", "status"],
  },
  DomainKeyChange: {
    type: "object",
    properties: {
      key: ref("DomainKey"),
      entry: {
        type: ["object", "null"],
        description:
          "The signed isnad.publisher-key/v1 log entry (evidence: the file's URL and SHA-256, the TLS " +
          "certificate's SHA-256, the TXT record, the fetch time); null when nothing changed.",
      },
      leafIndex: { type: ["integer", "null"] },
    },
  },
};

export function domainKeyOpenApiPaths() {
  const auth = { security: [{ publisherKey: [] }] };
  const change = (d: string) => jsonOk(d, ref("DomainKeyChange"));
  return {
    "/v1/publishers/{id}/domain-keys/challenge": {
      post: {
        summary: "A single-use nonce (10 minutes) for a proof of possession",
        ...auth,
        parameters: [publisherId],
        responses: {
          "201": jsonOk("The nonce and the message to sign (with the key's id in place of <key id>)", {
            type: "object",
            properties: {
              nonce: { type: "string" },
              expiresAt: { type: "string", format: "date-time" },
              message: { type: "string" },
            },
          }),
          ...refusals,
        },
      },
    },
    "/v1/publishers/{id}/domain-keys": {
      post: {
        summary: "Register a key the publisher's domain declares at /.well-known/isnad-publisher",
        description:
          "isnad fetches https://<domain>/.well-known/isnad-publisher with normal certificate checks and no " +
          "redirects, checks the _isnad.<domain> TXT record when there is one, verifies the proof of " +
          "possession (Ed25519 over isnad-key-pop/v1\\n<domain>\\n<publisher>\\n<key id>\\n<nonce>\\n) and logs the key.",
        ...auth,
        parameters: [publisherId],
        requestBody: {
          required: true,
          content: { "application/json": { schema: json(DomainKeyRegistration) } },
        },
        responses: {
          "201": change("Registered and logged"),
          "200": change("Already registered"),
          ...refusals,
        },
      },
    },
    "/v1/publishers/{id}/domain-keys/{keyId}/rotate": {
      post: {
        summary: "Retire a key the domain no longer lists; signatures made before stay valid",
        ...auth,
        parameters: [publisherId, keyId],
        responses: { "200": change("Rotated away (logged)"), ...refusals },
      },
    },
    "/v1/publishers/{id}/domain-keys/{keyId}/revoke": {
      post: {
        summary: "Distrust a key for all time (a lost or stolen key)",
        ...auth,
        parameters: [publisherId, keyId],
        requestBody: {
          required: false,
          content: { "application/json": { schema: json(DomainKeyRevocation) } },
        },
        responses: { "200": change("Revoked (logged)"), ...refusals },
      },
    },
    "/v1/publishers/{id}/keys": {
      get: {
        summary: "A publisher's domain-bound keys, active and retired, oldest first",
        parameters: [publisherId],
        responses: {
          "200": jsonOk("The keys", {
            type: "object",
            properties: { publisher: { type: "string" }, keys: { type: "array", items: ref("DomainKey") } },
          }),
          "404": problem,
        },
      },
    },
  };
}
