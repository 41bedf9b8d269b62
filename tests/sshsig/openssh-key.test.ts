/**
 * A press office signs with the OpenSSH key it already has (issue #17): `isnad sign --key` and
 * `isnad publisher domain-key init|add --key` read an unencrypted Ed25519 key written by the real
 * `ssh-keygen -t ed25519 -N ''` (openssh-key-v1), and `ssh-keygen -Y verify` accepts the result
 * under that key's .pub line; an encrypted key is refused with one clear line, other key types
 * and damaged files with their reason. ssh-keygen is required (openssh-client): without it these
 * tests fail, they do not skip.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ed25519KeyPair, formatBase64 } from "@isnad/core";
import {
  OpenSshKeyError,
  SSHSIG_NAMESPACE,
  formatSshEd25519PublicKey,
  parseOpenSshEd25519Key,
} from "@isnad/cose";
import { runCli } from "../support/cli";

const run = promisify(execFile);
let dir: string;
const path = (name: string) => join(dir, name);
const keygen = (...args: string[]) => run("ssh-keygen", ["-q", ...args]);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "isnad-openssh-key-"));
  await Promise.all([
    keygen("-t", "ed25519", "-N", "", "-C", "press@example", "-f", path("id_ed25519")),
    keygen("-t", "ed25519", "-N", "a passphrase", "-f", path("encrypted")),
    keygen("-t", "ecdsa", "-N", "", "-f", path("id_ecdsa")),
  ]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The .pub line's "ssh-ed25519 <base64>", without its comment. */
async function pubLine(name: string): Promise<string> {
  return (await readFile(path(`${name}.pub`), "utf8")).split(" ").slice(0, 2).join(" ");
}

describe("OpenSSH Ed25519 private keys", () => {
  it("reads ssh-keygen's key: its seed gives the .pub line's public key", async () => {
    const seed = parseOpenSshEd25519Key(await readFile(path("id_ed25519"), "utf8"));
    expect(formatSshEd25519PublicKey(ed25519KeyPair(seed).publicKey)).toBe(await pubLine("id_ed25519"));
  });

  it("refuses an encrypted key, an ECDSA key and a damaged file, saying why", async () => {
    const refusal = async (text: string) => {
      try {
        parseOpenSshEd25519Key(text);
      } catch (e) {
        expect(e).toBeInstanceOf(OpenSshKeyError);
        return e as OpenSshKeyError;
      }
      throw new Error("accepted");
    };
    const encrypted = await refusal(await readFile(path("encrypted"), "utf8"));
    expect(encrypted.code).toBe("encrypted");
    expect(encrypted.message).toMatch(/encrypted with a passphrase \(aes256-ctr, bcrypt\)/);
    expect((await refusal(await readFile(path("id_ecdsa"), "utf8"))).message).toMatch(
      /ecdsa-sha2-nistp256, not Ed25519/,
    );
    const lines = (await readFile(path("id_ed25519"), "utf8")).trim().split("\n");
    // Lines cut from the middle: the wire data runs short or its check numbers no longer agree.
    const cut = [lines[0], lines[1], lines.at(-1)].join("\n");
    expect((await refusal(cut)).code).toBe("malformed");
    expect((await refusal(`${lines[0]}\n!!!\n${lines.at(-1)}`)).message).toMatch(/not base64/);
  });

  it("isnad sign --key id_ed25519: ssh-keygen -Y verify accepts it; an encrypted key is one clear line", async () => {
    await writeFile(path("statement.txt"), "بيان صحفي\n");
    const who = ["--publisher", "press", "--domain", "press.example"];
    const signed = await runCli([
      "sign",
      path("statement.txt"),
      ...who,
      "--key",
      path("id_ed25519"),
      "--out",
      path("statement.sig"),
      "--message-out",
      path("statement.msg"),
    ]);
    expect(signed.code, signed.stderr).toBe(0);
    await writeFile(path("allowed_signers"), `press@example ${await pubLine("id_ed25519")}\n`);
    const verify = execFile("ssh-keygen", [
      "-Y",
      "verify",
      "-f",
      path("allowed_signers"),
      "-I",
      "press@example",
      "-n",
      SSHSIG_NAMESPACE,
      "-s",
      path("statement.sig"),
    ]);
    verify.stdin!.end(await readFile(path("statement.msg")));
    const code = await new Promise<number | null>((resolve) => verify.on("close", resolve));
    expect(code).toBe(0);

    const refused = await runCli(["sign", path("statement.txt"), ...who, "--key", path("encrypted")]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toMatch(/encrypted with a passphrase.*isnad reads unencrypted keys only/);
  }, 120_000);

  it("publisher domain-key init --key id_ed25519 declares that key", async () => {
    const init = await runCli([
      "publisher",
      "domain-key",
      "init",
      "--domain",
      "press.example",
      "--publisher",
      "press",
      "--key",
      path("id_ed25519"),
      "--out",
      path("isnad-publisher"),
    ]);
    expect(init.code, init.stderr).toBe(0);
    const file = JSON.parse(await readFile(path("isnad-publisher"), "utf8")) as { keys: string[] };
    const seed = parseOpenSshEd25519Key(await readFile(path("id_ed25519"), "utf8"));
    expect(file.keys).toEqual([`ed25519:${formatBase64(ed25519KeyPair(seed).publicKey)}`]);
  }, 60_000);
});
