/**
 * A publisher signs with the CLI and uploads (issue #17), each command a separate process against
 * the real local stack: `isnad sign` then `isnad upload --signature`, or `isnad upload --sign-key`
 * at once; the upload says who signed, and `isnad receipt verify --publisher-keys` checks the
 * publisher signature offline (no network), and fails for a key list that does not hold its key.
 * The key directory is an InMemoryPublisherKeyDirectory in the running archive.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ed25519KeyPair, formatBase64, formatHex } from "@isnad/core";
import { InMemoryPublisherKeyDirectory, publisherKeyId, type PublisherKey } from "@isnad/archive";
import { startTestStack, type TestStack } from "../support/local-stack";
import { runCli } from "../support/cli";
import { noNetworkEnv } from "./no-network";

let stack: TestStack;
let dir: string;
let env: Record<string, string>;
const seed = new Uint8Array(32).fill(11);
const publicKey = ed25519KeyPair(seed).publicKey;
const key: PublisherKey = {
  keyId: publisherKeyId(publicKey),
  publicKey,
  domain: "press.example",
  introducedAt: "2020-01-01T00:00:00.000Z",
};
const keyJson = (k: PublisherKey) => ({
  keyId: k.keyId,
  publicKey: `ed25519:${formatBase64(k.publicKey)}`,
  domain: k.domain,
  introducedAt: k.introducedAt,
  retiredAt: k.retiredAt ?? null,
  retiredBy: k.retiredBy ?? null,
});

beforeAll(async () => {
  stack = await startTestStack();
  const directory = new InMemoryPublisherKeyDirectory();
  directory.add(stack.publisher, key);
  stack.services.archive.publisherKeys = directory;
  dir = await mkdtemp(join(tmpdir(), "isnad-signed-cli-"));
  env = { ISNAD_SERVER: stack.url, ISNAD_API_KEY: stack.apiKey };
  await writeFile(join(dir, "press.key"), formatHex(seed) + "\n", { mode: 0o600 });
});
afterAll(async () => {
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function statement(name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `بيان صحفي ${name} ${Date.now()} ${Math.random()}\n`);
  return path;
}

describe("isnad sign and isnad upload", () => {
  it("sign, then upload --signature: archived, 'signed by press.example'; receipt verify checks it offline", async () => {
    const file = await statement("signed.txt");
    const who = ["--publisher", stack.publisher, "--domain", "press.example", "--title", "بيان"];
    const signed = await runCli([
      "sign",
      file,
      ...who,
      "--key",
      join(dir, "press.key"),
      "--out",
      `${file}.sig`,
    ]);
    expect(signed.code, signed.stderr).toBe(0);
    const receipt = join(dir, "signed.receipt.json");
    const upload = await runCli(
      ["upload", file, "--title", "بيان", "--signature", `${file}.sig`, "--receipt-out", receipt],
      env,
    );
    expect(upload.code, upload.stderr).toBe(0);
    expect(upload.stdout).toContain(`signed    by press.example (key ${key.keyId})`);

    const keys = join(dir, "keys.json");
    expect((await runCli(["keys", "fetch", "--out", keys], env)).code).toBe(0);
    const publisherKeys = join(dir, "press-keys.json");
    await writeFile(publisherKeys, JSON.stringify({ publisher: stack.publisher, keys: [keyJson(key)] }));
    const networkLog = join(dir, "network.log");
    const offline = { ...noNetworkEnv(networkLog), ISNAD_SERVER: "http://127.0.0.1:9" };
    const verify = (extra: string[]) =>
      runCli(
        ["receipt", "verify", "--receipt", receipt, "--original", file, "--keys", keys, ...extra],
        offline,
      );
    const ok = await verify(["--publisher-keys", publisherKeys]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /✓ publisher +signed by press\.example \(key ed25519:[0-9a-f]{16}, sshsig\), a key/,
    );
    expect(existsSync(networkLog)).toBe(false);
    // The same keys fetched from the server's GET /v1/publishers/{id}/keys into the keys file.
    const withPublisher = join(dir, "keys-and-publisher.json");
    const fetched = await runCli(
      ["keys", "fetch", "--publisher", stack.publisher, "--out", withPublisher],
      env,
    );
    expect(fetched.code, fetched.stderr).toBe(0);
    const fromKeysFile = await runCli(
      ["receipt", "verify", "--receipt", receipt, "--original", file, "--keys", withPublisher],
      offline,
    );
    expect(fromKeysFile.code, fromKeysFile.stdout + fromKeysFile.stderr).toBe(0);
    expect(fromKeysFile.stdout).toMatch(/✓ publisher +signed by press\.example/);

    // A key list in which the domain never declared this key: the check fails, naming the key.
    const otherKey = { ...key, keyId: publisherKeyId(new Uint8Array(32)), publicKey: new Uint8Array(32) };
    await writeFile(publisherKeys, JSON.stringify({ keys: [keyJson(otherKey)] }));
    const unknown = await verify(["--publisher-keys", publisherKeys]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toMatch(new RegExp(`✗ publisher .*do not list ${key.keyId}`));
  }, 180_000); // several CLI processes, each a few seconds on 2 shared cores

  it("upload --sign-key signs on the spot (Ed25519); a field not signed is refused with the reason", async () => {
    const file = await statement("sign-key.txt");
    const sign = [
      "--sign-key",
      join(dir, "press.key"),
      "--publisher",
      stack.publisher,
      "--domain",
      "press.example",
    ];
    const upload = await runCli(["upload", file, ...sign, "--format", "ed25519", "--json"], env);
    expect(upload.code, upload.stderr).toBe(0);
    const doc = JSON.parse(upload.stdout) as {
      statement: { record: { publisherSignature: { format: string } } };
    };
    expect(doc.statement.record.publisherSignature.format).toBe("ed25519");

    // Signed without a title, uploaded with one: the message differs, nothing is archived.
    const other = await statement("unsigned-field.txt");
    const signed = await runCli([
      "sign",
      other,
      "--publisher",
      stack.publisher,
      "--domain",
      "press.example",
      "--key",
      join(dir, "press.key"),
      "--out",
      `${other}.sig`,
    ]);
    expect(signed.code).toBe(0);
    const refused = await runCli(
      ["upload", other, "--title", "added later", "--signature", `${other}.sig`],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/signature: it does not verify/);
  }, 180_000); // several CLI processes, each a few seconds on 2 shared cores
});
