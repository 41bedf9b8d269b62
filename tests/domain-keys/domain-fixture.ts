/**
 * The world a domain-key registration meets, all real and offline: dnsmasq on a loopback port
 * (A and `_isnad` TXT records), an openssl test CA whose server certificate names the test
 * domains, a node:https server on 127.0.0.1 serving each domain's well-known file, and isnad on
 * s3rver + dynalite with that resolver, CA and port injected (createServices' domainKeys).
 *
 * Domains: press.example (TXT names keys 1 and 2), plain.example (no TXT record), mirror.example
 * (its file declares another domain), other.example (resolves here, but the certificate does not
 * name it).
 */
import { randomBytes } from "node:crypto";
import {
  ed25519KeyPair,
  formatBase64,
  formatIsnadTxtRecord,
  formatPublisherDomainFile,
  formatPublisherKey,
  formatPublisherKeyId,
  fingerprintText,
  keyPossessionMessage,
  signEd25519,
} from "@isnad/core";
import { createServices, type Services, type DomainFetchOptions } from "@isnad/archive";
import { createApp, jsonLogger } from "@isnad/api";
import type { Hono } from "hono";
import { startDnsmasq, type Dnsmasq } from "../support/dnsmasq";
import {
  makeWebPki,
  startWellKnownServer,
  type WebPki,
  type WellKnownServer,
} from "../support/openssl-web-ca";
import { startTestStorage, type TestStorage } from "../support/storage";

export const seed = (n: number) => new Uint8Array(32).fill(n);
export const publicKeyOf = (n: number) => ed25519KeyPair(seed(n)).publicKey;
export const keyText = (n: number) => formatPublisherKey(publicKeyOf(n));
export const keyIdOf = (n: number) => formatPublisherKeyId(publicKeyOf(n));

export const PUBLISHERS = {
  press: "press.example",
  plain: "plain.example",
  mirror: "mirror.example",
  other: "other.example",
} as const;

export interface DomainWorld {
  storage: TestStorage;
  dns: Dnsmasq;
  pki: WebPki;
  web: WellKnownServer;
  services: Services;
  app: Hono;
  fetchOptions: DomainFetchOptions;
  apiKeys: Record<string, string>;
  /** Serves `body` as https://<domain>/.well-known/isnad-publisher (status 200 unless given). */
  serveFile(domain: string, body: string, status?: number, headers?: Record<string, string>): void;
  /** The well-known file listing these keys (by seed number). */
  fileFor(domain: string, keys: number[], publisher?: string): string;
  close(): Promise<void>;
}

export async function startDomainWorld(): Promise<DomainWorld> {
  const pki = await makeWebPki(["press.example", "plain.example", "mirror.example"]);
  const dns = await startDnsmasq({
    a: Object.fromEntries(Object.values(PUBLISHERS).map((d) => [d, "127.0.0.1"])),
    txt: { "_isnad.press.example": [formatIsnadTxtRecord([keyIdOf(1), keyIdOf(2)]), "v=spf1 -all"] },
  });
  const web = await startWellKnownServer(pki);
  const storage = await startTestStorage();
  const fetchOptions: DomainFetchOptions = {
    resolver: dns.resolver(),
    ca: pki.rootPem,
    port: web.port,
    allowPrivateAddresses: true,
    timeoutMs: 5000,
  };
  const services = createServices({
    s3: storage.s3,
    dynamo: storage.dynamo,
    bucket: storage.bucket,
    table: storage.table,
    signingSeed: new Uint8Array(randomBytes(32)),
    extractor: { extract: () => Promise.reject(new Error("no extraction in these tests")) } as never,
    fingerprint: fingerprintText,
    logOrigin: "isnad.test/domain-keys",
    domainKeys: fetchOptions,
  });
  const apiKeys: Record<string, string> = {};
  for (const [id, domain] of Object.entries(PUBLISHERS)) {
    await services.publishers.create(id, { name: `${id} press office`, domain });
    apiKeys[id] = (await services.publishers.issueKey(id)).apiKey;
  }
  const app = createApp({ ...services, logger: jsonLogger, rateLimits: false });
  const serveFile: DomainWorld["serveFile"] = (domain, body, status = 200, headers) => {
    web.routes.set(
      domain,
      new Map([["/.well-known/isnad-publisher", { status, body, ...(headers && { headers }) }]]),
    );
  };
  return {
    storage,
    dns,
    pki,
    web,
    services,
    app,
    fetchOptions,
    apiKeys,
    serveFile,
    fileFor: (domain, keys, publisher) =>
      formatPublisherDomainFile({ domain, ...(publisher && { publisher }), keys: keys.map(publicKeyOf) }),
    async close() {
      await Promise.allSettled([web.close(), dns.close(), storage.close(), pki.close()]);
    },
  };
}

/** The proof of possession a publisher makes with key `n` for `nonce`. */
export function proofBy(n: number, publisher: string, domain: string, nonce: string, keyOf = n): string {
  const message = keyPossessionMessage({ domain, publisher, publicKey: publicKeyOf(keyOf), nonce });
  return formatBase64(signEd25519(seed(n), message));
}
