/**
 * A real RFC 3161 TSA for tests: Debian's `openssl ts -reply` behind a tiny node:http server on
 * loopback (application/timestamp-query in, application/timestamp-reply out). The PKI is made
 * here with the `openssl` CLI in a temp dir: a root, a TSA certificate with a critical
 * extendedKeyUsage of timeStamping, an unrelated root, and a certificate without that EKU.
 * Queries and replies go through temp files, not stdin (as `openssl ts` documents them).
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const TEST_TSA_POLICY = "1.3.6.1.4.1.4146.999.1";

export interface OpensslTsa {
  readonly dir: string;
  /** The TSA endpoint (POST application/timestamp-query). */
  readonly url: string;
  readonly rootPem: string;
  readonly rootPath: string;
  /** A root that signed nothing here (the "wrong root" case). */
  readonly otherRootPem: string;
  readonly otherRootPath: string;
  /** Leaf without the timeStamping EKU, issued by the same root, with its key. */
  readonly noEkuCertPath: string;
  readonly noEkuKeyPath: string;
  readonly tsaCertPath: string;
  readonly configPath: string;
  /** How many replies the server has produced. */
  replies(): number;
  close(): Promise<void>;
}

export async function openssl(args: readonly string[], cwd?: string): Promise<string> {
  const { stdout } = await run("openssl", args, { cwd, maxBuffer: 1 << 24 });
  return stdout;
}

const EXTENSIONS = `
[ tsa ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ noeku ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

function tsaConfig(dir: string): string {
  return `
[ tsa ]
default_tsa = tsa_config

[ tsa_config ]
dir = ${dir}
serial = $dir/tsaserial
crypto_device = builtin
signer_digest = sha256
default_policy = ${TEST_TSA_POLICY}
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
}

export async function makeRoot(dir: string, name: string, cn: string): Promise<void> {
  await openssl([
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    join(dir, `${name}.key`),
    "-out",
    join(dir, `${name}.pem`),
    "-subj",
    `/CN=${cn}`,
    "-days",
    "3",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
}

export async function makeLeaf(dir: string, name: string, cn: string, section: string): Promise<void> {
  await openssl([
    "req",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    join(dir, `${name}.key`),
    "-out",
    join(dir, `${name}.csr`),
    "-subj",
    `/CN=${cn}`,
  ]);
  await openssl([
    "x509",
    "-req",
    "-in",
    join(dir, `${name}.csr`),
    "-CA",
    join(dir, "root.pem"),
    "-CAkey",
    join(dir, "root.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    join(dir, "ext.cnf"),
    "-extensions",
    section,
    "-out",
    join(dir, `${name}.pem`),
  ]);
}

/** Makes the PKI and serves `openssl ts -reply` at http://127.0.0.1:<port>/ . */
export async function startOpensslTsa(): Promise<OpensslTsa> {
  const dir = await mkdtemp(join(tmpdir(), "isnad-tsa-"));
  await writeFile(join(dir, "ext.cnf"), EXTENSIONS);
  await writeFile(join(dir, "tsa.cnf"), tsaConfig(dir));
  await writeFile(join(dir, "tsaserial"), "01\n");
  await makeRoot(dir, "root", "isnad test TSA root");
  await makeRoot(dir, "other-root", "isnad unrelated root");
  await makeLeaf(dir, "tsa", "isnad test TSA", "tsa");
  await makeLeaf(dir, "noeku", "isnad test no-EKU signer", "noeku");

  let count = 0;
  let seq = 0;
  // `openssl ts` bumps the serial file; one reply at a time keeps serials unique.
  let queue: Promise<unknown> = Promise.resolve();
  const reply = async (query: Buffer): Promise<Buffer> => {
    const n = seq++;
    const q = join(dir, `q${n}.tsq`);
    const r = join(dir, `r${n}.tsr`);
    await writeFile(q, query);
    try {
      await openssl([
        "ts",
        "-reply",
        "-config",
        join(dir, "tsa.cnf"),
        "-queryfile",
        q,
        "-inkey",
        join(dir, "tsa.key"),
        "-signer",
        join(dir, "tsa.pem"),
        "-out",
        r,
      ]);
      count++;
      return await readFile(r);
    } finally {
      await rm(q, { force: true });
      await rm(r, { force: true });
    }
  };

  const server: Server = createServer((req, res) => {
    if (req.method !== "POST" || req.headers["content-type"] !== "application/timestamp-query") {
      res.writeHead(415).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const job = queue.then(() => reply(Buffer.concat(chunks)));
      queue = job.catch(() => undefined);
      job.then(
        (body) => res.writeHead(200, { "content-type": "application/timestamp-reply" }).end(body),
        (e: unknown) => res.writeHead(500).end(String(e)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    dir,
    url: `http://127.0.0.1:${port}/`,
    rootPem: await readFile(join(dir, "root.pem"), "utf8"),
    rootPath: join(dir, "root.pem"),
    otherRootPem: await readFile(join(dir, "other-root.pem"), "utf8"),
    otherRootPath: join(dir, "other-root.pem"),
    noEkuCertPath: join(dir, "noeku.pem"),
    noEkuKeyPath: join(dir, "noeku.key"),
    tsaCertPath: join(dir, "tsa.pem"),
    configPath: join(dir, "tsa.cnf"),
    replies: () => count,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
