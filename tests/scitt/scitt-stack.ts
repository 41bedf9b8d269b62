/**
 * The local stack for the SCITT suites: a publisher whose domain-bound keys come from an
 * InMemoryPublisherKeyDirectory put into the running archive's deps (the port the domain-key
 * registration fills in production), and POST /entries as its API key.
 */
import { InMemoryPublisherKeyDirectory, publisherKeyId, type PublisherKey } from "@isnad/archive";
import type { LocalStackOptions } from "@isnad/local";
import { startTestStack, type TestStack } from "../support/local-stack";
import { ed25519Signer, signStatement, type Ed25519Signer } from "./signed-statements";

export interface ScittStack extends TestStack {
  /** Makes `signer` a key of the stack's publisher, for press.example; returns its key id. */
  trust(signer: Ed25519Signer, retired?: Pick<PublisherKey, "retiredAt" | "retiredBy">): string;
  /** POST /entries as the publisher, redirects not followed. */
  register(body: Uint8Array | string, headers?: Record<string, string>): Promise<Response>;
  /** A text Signed Statement by a fresh trusted key, issuer press.example, registered (201). */
  registerSigned(): Promise<{ id: string; kid: string; statement: Uint8Array }>;
}

export async function startScittStack(options: Partial<LocalStackOptions> = {}): Promise<ScittStack> {
  const stack = await startTestStack({ rateLimits: false, ...options });
  const directory = new InMemoryPublisherKeyDirectory();
  stack.services.archive.publisherKeys = directory;
  const register = (body: Uint8Array | string, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}/entries`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/cose", ...headers },
      body: typeof body === "string" ? body : Uint8Array.from(body),
      redirect: "manual",
    });
  const trust: ScittStack["trust"] = (signer, retired = {}) => {
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
  };
  return {
    ...stack,
    trust,
    register,
    async registerSigned() {
      const signer = ed25519Signer();
      const kid = trust(signer);
      const statement = await signStatement(signer, new TextEncoder().encode(`بيان ${Date.now()}`), {
        kid,
        contentType: "text/plain; charset=utf-8",
        issuer: "press.example",
      });
      const res = await register(statement);
      if (res.status !== 201) throw new Error(`POST /entries answered ${res.status}, not 201`);
      return { id: (res.headers.get("location") ?? "").slice("/entries/".length), kid, statement };
    },
  };
}
