/**
 * Fetches https://<domain>/.well-known/isnad-publisher as a browser would trust it: Node's TLS
 * with normal certificate checks (the chain against the CA list — Node's roots, or the injected
 * one in tests — and the name against the domain, RFC 9110 §4.3.4), and also records what was
 * seen: the body's SHA-256 and the SHA-256 of the server certificate (DER), for the log entry.
 *
 * Hostile-input bounds: one request, no redirects (a 3xx is an error naming where it pointed), a
 * size cap (the file format's own, 16 KiB), and one deadline over connect, TLS and body (DNS has
 * the resolver's own timeout and tries).
 */
import { request } from "node:https";
import { checkServerIdentity, type TLSSocket } from "node:tls";
import type { IncomingMessage } from "node:http";
import { PUBLISHER_FILE_MAX_BYTES, PUBLISHER_FILE_PATH, concatBytes, formatHex, sha256 } from "@isnad/core";
import { ArchiveError } from "../errors";
import { resolveAddresses, type DomainResolver } from "./domain-dns";

export interface DomainFetchOptions {
  resolver: DomainResolver;
  /** PEM roots that replace Node's (tests: the test CA); default: Node's bundled roots. */
  ca?: string | string[];
  /** The HTTPS port (default 443); another only in tests, where the server runs unprivileged. */
  port?: number;
  /** Deadline for the whole fetch (default 5 s). */
  timeoutMs?: number;
  /** Connect to loopback and private addresses (tests only; default false). */
  allowPrivateAddresses?: boolean;
}

export interface FetchedDomainFile {
  url: string;
  body: Uint8Array;
  /** Hex SHA-256 of the body. */
  sha256: string;
  /** Hex SHA-256 of the server's leaf certificate (DER), as `openssl x509 -fingerprint -sha256` shows it. */
  certificateSha256: string;
}

const fail = (message: string, cause?: unknown) =>
  new ArchiveError("BAD_REQUEST", message, { cause, details: { check: "https" } });

/** Certificate errors worth a sentence of their own (OpenSSL's verify codes, Node's name check). */
function tlsMessage(url: string, domain: string, code: string): string | undefined {
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return `the TLS certificate served at ${url} is not valid for ${domain} (${code})`;
  }
  if (/CERT|SIGNATURE|ISSUER|SELF_SIGNED/.test(code)) {
    return `the TLS certificate served at ${url} is not trusted (${code})`;
  }
  return undefined;
}

export async function fetchDomainFile(
  domain: string,
  options: DomainFetchOptions,
): Promise<FetchedDomainFile> {
  const url = `https://${domain}${PUBLISHER_FILE_PATH}`;
  const deadline = AbortSignal.timeout(options.timeoutMs ?? 5000);
  const [address] = await resolveAddresses(options.resolver, domain, options.allowPrivateAddresses ?? false);
  return new Promise((resolve, reject) => {
    const req = request({
      host: address,
      port: options.port ?? 443,
      path: PUBLISHER_FILE_PATH,
      method: "GET",
      headers: { host: domain, accept: "application/json", "user-agent": "isnad-domain-keys/1" },
      servername: domain,
      // The name is checked against the domain, not the address we connected to.
      checkServerIdentity: (_host, cert) => checkServerIdentity(domain, cert),
      ...(options.ca ? { ca: options.ca } : {}),
      agent: false,
      signal: deadline,
    });
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (deadline.aborted)
        return reject(fail(`fetching ${url} took longer than ${options.timeoutMs ?? 5000} ms`, e));
      const code = e.code ?? e.message;
      reject(fail(tlsMessage(url, domain, code) ?? `cannot fetch ${url} (${code})`, e));
    });
    req.on("response", (res: IncomingMessage) => {
      const cert = (res.socket as TLSSocket).getPeerCertificate();
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.destroy();
        const to = res.headers.location ? ` to ${res.headers.location}` : "";
        return reject(
          fail(`${url} answered ${status}${to}; isnad follows no redirects: serve the file there`),
        );
      }
      if (status !== 200) {
        res.destroy();
        return reject(fail(`${url} answered ${status}, not 200`));
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > PUBLISHER_FILE_MAX_BYTES) {
          res.destroy();
          reject(fail(`${url} is larger than ${PUBLISHER_FILE_MAX_BYTES} bytes`));
        } else chunks.push(new Uint8Array(chunk));
      });
      res.on("error", (e) => reject(fail(`reading ${url} failed (${e.message})`, e)));
      res.on("end", () => {
        if (size > PUBLISHER_FILE_MAX_BYTES) return;
        const body = concatBytes(...chunks);
        resolve({
          url,
          body,
          sha256: formatHex(sha256(body)),
          certificateSha256: formatHex(sha256(new Uint8Array(cert.raw))),
        });
      });
    });
    req.end();
  });
}
