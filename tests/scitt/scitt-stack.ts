/**
 * The local stack for the SCITT suites: a publisher whose domain-bound keys come from an
 * InMemoryPublisherKeyDirectory put into the running archive's deps (the port the domain-key
 * registration fills in production), and POST /entries as its API key.
 */
import { InMemoryPublisherKeyDirectory, publisherKeyId, type PublisherKey } from "@isnad/archive";
import type { LocalStackOptions } from "@isnad/local";
import { startTestStack, type TestStack } from "../support/local-stack";
import type { Ed25519Signer } from "./signed-statements";

export interface ScittStack extends TestStack {
  /** Makes `signer` a key of the stack's publisher, for press.example; returns its key id. */
  trust(signer: Ed25519Signer, retired?: Pick<PublisherKey, "retiredAt" | "retiredBy">): string;
  /** POST /entries as the publisher, redirects not followed. */
  register(body: Uint8Array | string, headers?: Record<string, string>): Promise<Response>;
}

export async function startScittStack(options: Partial<LocalStackOptions> = {}): Promise<ScittStack> {
  const stack = await startTestStack({ rateLimits: false, ...options });
  const directory = new InMemoryPublisherKeyDirectory();
  stack.services.archive.publisherKeys = directory;
  return {
    ...stack,
    trust(signer, retired = {}) {
      const keyId = publisherKeyId(signer.publicKey);
      const introducedAt = "2020-01-01T00:00:00.000Z";
      directory.add(stack.publisher, {
        keyId,
        publicKey: signer.publicKey,
        domain: "press.example",
        introducedAt,
        ...retired,
      });
      return keyId;
    },
    register: (body, headers = {}) =>
      fetch(`${stack.url}/entries`, {
        method: "POST",
        headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/cose", ...headers },
        body: typeof body === "string" ? body : Uint8Array.from(body),
        redirect: "manual",
      }),
  };
}
