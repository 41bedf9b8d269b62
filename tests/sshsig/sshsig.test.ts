/**
 * SSHSIG interoperability with the real OpenSSH tool (issue #17): ssh-keygen -Y verify accepts
 * what isnad signs, and isnad accepts what ssh-keygen -Y sign makes, both in the
 * isnad-statement@v1 namespace; altered messages, other namespaces and garbage are refused.
 * ssh-keygen is required (openssh-client): without it these tests fail, they do not skip.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli";
import { ed25519KeyPair, formatHex, generateEd25519Seed, sha256Hex, utf8 } from "@isnad/core";
import {
  SSHSIG_NAMESPACE,
  SshsigError,
  formatSshEd25519PublicKey,
  parseStatementSignature,
  signSshsig,
  statementSignatureMessage,
  verifySshsig,
  verifyStatementSignature,
} from "@isnad/cose";

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "isnad-sshsig-"));
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "press@example", "-f", join(dir, "key")]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** What a publisher signs: the statement's SHA-256, as a line of hex. */
const digest = (text: string) => utf8(sha256Hex(utf8(text)) + "\n");

async function sshVerify(
  signature: string,
  message: Uint8Array,
  publicKeyLine: string,
  namespace = SSHSIG_NAMESPACE,
) {
  await writeFile(join(dir, "allowed_signers"), `press@example ${publicKeyLine}\n`);
  await writeFile(join(dir, "msg.sig"), signature);
  const child = execFile("ssh-keygen", [
    "-Y",
    "verify",
    "-f",
    join(dir, "allowed_signers"),
    "-I",
    "press@example",
    "-n",
    namespace,
    "-s",
    join(dir, "msg.sig"),
  ]);
  child.stdin!.end(message);
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("SSHSIG", () => {
  it("isnad's signature is accepted by ssh-keygen -Y verify, and refused for an altered message", async () => {
    const seed = generateEd25519Seed();
    const line = formatSshEd25519PublicKey(ed25519KeyPair(seed).publicKey);
    const message = digest("بيان صحفي");
    const signature = await signSshsig(seed, message);
    const ok = await sshVerify(signature, message, line);
    expect(ok.out).toContain('Good "isnad-statement@v1" signature for press@example');
    expect(ok.code).toBe(0);
    expect((await sshVerify(signature, digest("بيان آخر"), line)).code).not.toBe(0);
    expect((await sshVerify(signature, message, line, "file")).code).not.toBe(0);
  });

  it("ssh-keygen -Y sign's signature is accepted by isnad, which returns the signer's key", async () => {
    const message = digest("statement text");
    await writeFile(join(dir, "statement"), message);
    await run("ssh-keygen", [
      "-Y",
      "sign",
      "-f",
      join(dir, "key"),
      "-n",
      SSHSIG_NAMESPACE,
      join(dir, "statement"),
    ]);
    const signature = await readFile(join(dir, "statement.sig"), "utf8");
    const publicKey = await verifySshsig(signature, message);
    const [, blob] = (await readFile(join(dir, "key.pub"), "utf8")).split(" ");
    expect(formatSshEd25519PublicKey(publicKey)).toBe(`ssh-ed25519 ${blob}`);
    await expect(verifySshsig(signature, digest("another statement"))).rejects.toThrow(/does not verify/);
    await expect(verifySshsig(signature, message, "file")).rejects.toThrow(/namespace/);
  });

  it("refuses another namespace's signature made by ssh-keygen", async () => {
    const message = digest("x");
    await writeFile(join(dir, "other"), message);
    await run("ssh-keygen", ["-Y", "sign", "-f", join(dir, "key"), "-n", "file", join(dir, "other")]);
    const signature = await readFile(join(dir, "other.sig"), "utf8");
    await expect(verifySshsig(signature, message)).rejects.toThrow(/namespace/);
  });

  it("refuses garbage with an SshsigError, in bounded time", async () => {
    const seed = generateEd25519Seed();
    const good = await signSshsig(seed, utf8("m"));
    const lines = good.trim().split("\n");
    const cases = [
      "",
      "not a signature",
      `${lines[0]}\n!!!!\n${lines.at(-1)}`,
      `${lines[0]}\n${lines[1]!.slice(0, 20)}\n${lines.at(-1)}`,
      `${lines[0]}\n${"QUFB".repeat(2000)}\n${lines.at(-1)}`,
    ];
    for (const armored of cases)
      await expect(verifySshsig(armored, utf8("m"))).rejects.toBeInstanceOf(SshsigError);
  });

  it("isnad sign (the CLI) signs the isnad-statement/v1 message; ssh-keygen -Y verify accepts it", async () => {
    const seed = generateEd25519Seed();
    await writeFile(join(dir, "publisher.key"), formatHex(seed) + "\n", { mode: 0o600 });
    const statement = utf8("بيان صحفي للنشر\n");
    await writeFile(join(dir, "statement.txt"), statement);
    const out = join(dir, "statement.txt.sig");
    const fields = [
      "--publisher",
      "press",
      "--domain",
      "press.example",
      "--title",
      "بيان",
      "--language",
      "ar",
    ];
    const result = await runCli([
      "sign",
      join(dir, "statement.txt"),
      ...fields,
      "--key",
      join(dir, "publisher.key"),
      "--out",
      out,
      "--message-out",
      join(dir, "statement.msg"),
      "--json",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { sha256: string; publicKey: string; message: string };
    expect(doc.sha256).toBe(sha256Hex(statement));
    // The message is the canonical form isnad rebuilds from the record (cose statement-signature.ts).
    const message = statementSignatureMessage({
      sha256: sha256Hex(statement),
      publisher: "press",
      domain: "press.example",
      fields: { title: "بيان", language: "ar" },
    });
    expect(await readFile(join(dir, "statement.msg"))).toEqual(Buffer.from(message));
    expect(utf8(doc.message)).toEqual(message);
    // What a reader does with OpenSSH alone: the message on stdin, the key from allowed_signers.
    const signature = await readFile(out, "utf8");
    const ok = await sshVerify(signature, message, doc.publicKey);
    expect(ok.code, ok.out).toBe(0);
    const otherTitle = statementSignatureMessage({
      sha256: sha256Hex(statement),
      publisher: "press",
      domain: "press.example",
      fields: { title: "بيان آخر", language: "ar" },
    });
    expect((await sshVerify(signature, otherTitle, doc.publicKey)).code).not.toBe(0);
    // The old form (the digest line alone) is not what is signed any more.
    expect((await sshVerify(signature, digest("بيان صحفي للنشر\n"), doc.publicKey)).code).not.toBe(0);
    // A key file that is not a key is a usage error, not a crash; so is a missing domain.
    await writeFile(join(dir, "bad.key"), "not hex\n");
    const bad = await runCli(["sign", join(dir, "statement.txt"), ...fields, "--key", join(dir, "bad.key")]);
    expect(bad.code).toBe(2);
    const noDomain = await runCli([
      "sign",
      join(dir, "statement.txt"),
      "--publisher",
      "press",
      "--key",
      join(dir, "publisher.key"),
    ]);
    expect(noDomain.code).toBe(2);
  });

  it("ssh-keygen -Y sign over isnad sign --message-out is accepted as the statement's signature", async () => {
    await writeFile(join(dir, "doc.txt"), utf8("a statement\n"));
    const msg = join(dir, "doc.msg");
    const written = await runCli([
      "sign",
      join(dir, "doc.txt"),
      "--publisher",
      "press",
      "--domain",
      "press.example",
      "--message-out",
      msg,
    ]);
    expect(written.code, written.stderr).toBe(0);
    await run("ssh-keygen", ["-Y", "sign", "-f", join(dir, "key"), "-n", SSHSIG_NAMESPACE, msg]);
    const [, blob] = (await readFile(join(dir, "key.pub"), "utf8")).split(" ");
    const publicKey = Uint8Array.from(Buffer.from(blob!, "base64").subarray(-32));
    const parsed = parseStatementSignature(await readFile(`${msg}.sig`, "utf8"));
    const message = new Uint8Array(await readFile(msg));
    const { candidate } = await verifyStatementSignature(parsed, message, [publicKey]);
    expect(candidate).toEqual(publicKey);
    const other = statementSignatureMessage({
      sha256: sha256Hex(utf8("x")),
      publisher: "press",
      domain: "press.example",
      fields: {},
    });
    await expect(verifyStatementSignature(parsed, other, [publicKey])).rejects.toThrow(/does not verify/);
  });
});
