/**
 * A test web PKI made with the `openssl` CLI (as openssl-tsa.ts makes the TSA's): a root, an
 * unrelated root (the "wrong CA" case) and a server certificate with the given DNS names
 * (subjectAltName, RFC 6125), plus a node:https server on 127.0.0.1 that serves a file per Host.
 * Without openssl the tests that use it fail (they do not skip).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeLeaf, makeRoot, openssl } from "./openssl-tsa";

export interface WebPki {
  rootPem: string;
  otherRootPem: string;
  certPem: string;
  keyPem: string;
  /** Hex SHA-256 of the server certificate's DER, as openssl computes it. */
  certSha256: string;
  close(): Promise<void>;
}

export async function makeWebPki(names: readonly string[]): Promise<WebPki> {
  const dir = await mkdtemp(join(tmpdir(), "isnad-web-pki-"));
  await makeRoot(dir, "root", "isnad test web root");
  await makeRoot(dir, "other-root", "isnad unrelated web root");
  await writeFile(
    join(dir, "ext.cnf"),
    `[ server ]\nbasicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature\n` +
      `extendedKeyUsage = serverAuth\nsubjectAltName = ${names.map((n) => `DNS:${n}`).join(", ")}\n`,
  );
  await makeLeaf(dir, "server", names[0]!, "server");
  const fingerprint = await openssl([
    "x509",
    "-in",
    join(dir, "server.pem"),
    "-noout",
    "-fingerprint",
    "-sha256",
  ]);
  const read = (name: string) => readFile(join(dir, name), "utf8");
  return {
    rootPem: await read("root.pem"),
    otherRootPem: await read("other-root.pem"),
    certPem: await read("server.pem"),
    keyPem: await read("server.key"),
    certSha256: fingerprint.trim().split("=")[1]!.replace(/:/g, "").toLowerCase(),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface WellKnownServer {
  port: number;
  /** Host (without port) → path → [status, body, headers]. Change it between requests. */
  routes: Map<string, Map<string, { status: number; body: string; headers?: Record<string, string> }>>;
  close(): Promise<void>;
}

export async function startWellKnownServer(pki: WebPki): Promise<WellKnownServer> {
  const routes: WellKnownServer["routes"] = new Map();
  const server: Server = createServer({ cert: pki.certPem, key: pki.keyPem }, (req, res) => {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "");
    const found = routes.get(host)?.get(req.url ?? "");
    if (!found) return void res.writeHead(404).end("not found");
    res.writeHead(found.status, { "content-type": "application/json", ...found.headers }).end(found.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    routes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
