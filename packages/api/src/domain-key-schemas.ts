/**
 * The request schemas and the key view of the domain-key routes (routes/domain-keys.ts), shared
 * with their OpenAPI entries (publishers-openapi.ts) so the two cannot drift.
 */
// A namespace import: esbuild keeps only the members used (`{ z }` pulls in every locale; issue #15).
import * as z from "zod";
import { formatPublisherKey } from "@isnad/core";
import type { PublisherKey } from "@isnad/archive";
import { PublisherIdParam } from "./resource-schemas";

export const DomainKeyRegistration = z
  .object({
    publicKey: z.string().max(100).describe("The key: ed25519:<base64 of the 32-byte public key>."),
    domain: z.string().max(253).describe("The publisher's declared domain, e.g. press.example."),
    nonce: z.string().max(100).describe("From POST …/domain-keys/challenge; single use, expires."),
    proof: z
      .string()
      .max(100)
      .describe("Base64 Ed25519 signature, by this key, over the challenge's message."),
  })
  .strict();

export const DomainKeyRevocation = z
  .object({ reason: z.string().max(500).optional().describe("Why, in the publisher's words (logged).") })
  .strict();

export const KeyIdParam = PublisherIdParam.extend({
  keyId: z.string().regex(/^ed25519:[0-9a-f]{16}$/, "a key id is ed25519:<16 hex digits>"),
});

export function domainKeyJson(key: PublisherKey) {
  return {
    keyId: key.keyId,
    publicKey: formatPublisherKey(key.publicKey),
    domain: key.domain,
    introducedAt: key.introducedAt,
    retiredAt: key.retiredAt ?? null,
    retiredBy: key.retiredBy ?? null,
    status: key.retiredBy ?? "active",
  };
}
