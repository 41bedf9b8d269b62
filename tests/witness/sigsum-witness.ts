/**
 * Debian's sigsum-witness (package sigsum-go, bookworm-backports), a tlog-witness that is not
 * ours, run as a child process on loopback. It serves one log, whose origin must be
 * `sigsum.org/v1/tree/<hex SHA-256(log public key)>`, and cosigns under the name
 * `sigsum.org/v1/witness/<hex SHA-256(witness public key)>`.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SIGSUM_WITNESS = "sigsum-witness";

export function hasSigsumWitness(): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${SIGSUM_WITNESS} && command -v sigsum-key`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The origin sigsum-witness expects for a log with this Ed25519 public key. */
export function sigsumOrigin(logPublicKey: Uint8Array): string {
  return `sigsum.org/v1/tree/${createHash("sha256").update(logPublicKey).digest("hex")}`;
}

/** An OpenSSH "ssh-ed25519" public key line (RFC 8709 wire format). */
function opensshPublicKey(publicKey: Uint8Array): string {
  const field = (bytes: Uint8Array) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const blob = Buffer.concat([field(Buffer.from("ssh-ed25519")), field(publicKey)]);
  return `ssh-ed25519 ${blob.toString("base64")} isnad-test-log\n`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningSigsumWitness {
  readonly url: string;
  readonly name: string;
  readonly publicKey: Uint8Array;
  stop(): Promise<void>;
}

export async function startSigsumWitness(logPublicKey: Uint8Array): Promise<RunningSigsumWitness> {
  const dir = mkdtempSync(join(tmpdir(), "isnad-sigsum-"));
  writeFileSync(join(dir, "log.pub"), opensshPublicKey(logPublicKey));
  execFileSync("sigsum-key", ["generate", "-o", join(dir, "witness")]);
  const hex = execFileSync("sigsum-key", ["to-hex", "-k", join(dir, "witness.pub")])
    .toString()
    .trim();
  const publicKey = Uint8Array.from(Buffer.from(hex, "hex"));
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(
    SIGSUM_WITNESS,
    [
      "-k",
      join(dir, "witness"),
      "--log-key",
      join(dir, "log.pub"),
      "--state-file",
      join(dir, "state"),
      `127.0.0.1:${port}`,
    ],
    // Go ≥ 1.22 binaries built against the old mux behaviour need the new pattern syntax.
    { env: { ...process.env, GODEBUG: "httpmuxgo121=0" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sigsum-witness exited: ${output}`);
    try {
      await fetch(`${url}/add-checkpoint`, { method: "POST", body: "" });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`sigsum-witness did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const name = `sigsum.org/v1/witness/${createHash("sha256").update(publicKey).digest("hex")}`;
  return {
    url,
    name,
    publicKey,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
