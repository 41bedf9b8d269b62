/**
 * `isnad sign`: a publisher signs a statement with its own Ed25519 key, in OpenSSH's SSHSIG form
 * (namespace isnad-statement@v1), so anyone can check it with `ssh-keygen -Y verify` and no
 * isnad code (issue #17). What is signed is the statement's SHA-256 as one line of hex, which
 * a shell reproduces with `sha256sum FILE | cut -d' ' -f1`.
 */
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { ed25519KeyPair, parseHex } from "@isnad/core";
import { SSHSIG_NAMESPACE, formatSshEd25519PublicKey, signSshsig, statementDigestMessage } from "@isnad/cose";
import { CliError, EXIT, UsageError, stringOption, type Command, type CommandContext } from "./command";
import { fileError, fileSize, hashFile } from "./local-file";
import { createProgress } from "./progress";

export const signCommand: Command = {
  usage: "isnad sign <file> --key KEYFILE [--out FILE] [options]",
  help: `Sign a statement as its publisher: an OpenSSH signature (SSHSIG, namespace ${SSHSIG_NAMESPACE})
over the file's SHA-256 as one line of hex.

  --key KEYFILE    the publisher's Ed25519 key: 64 hex digits (a seed), kept secret
  --out FILE       write the signature there (default: print it on stdout)
  --json           print one JSON document

Anyone can check it with OpenSSH alone:
  sha256sum <file> | cut -d' ' -f1 | ssh-keygen -Y verify -f allowed_signers -I <publisher> \\
    -n ${SSHSIG_NAMESPACE} -s <file>.sig

Exit codes: 0 signed, 2 usage error, 3 a file cannot be read or written.`,
  options: { key: { type: "string" }, out: { type: "string" } },
  positionals: [1, 1],
  run: sign,
};

async function sign(ctx: CommandContext) {
  const path = ctx.positionals[0]!;
  const keyFile = stringOption(ctx, "key");
  if (!keyFile) throw new UsageError("--key KEYFILE is required");
  const keyText = await readFile(keyFile, "utf8").catch((e: unknown) => {
    throw fileError(keyFile, e);
  });
  let seed: Uint8Array;
  try {
    seed = parseHex(keyText.trim(), 32);
  } catch (cause) {
    throw new CliError(`${keyFile} is not an Ed25519 key (64 hex digits)`, EXIT.usage, { cause });
  }
  const size = await fileSize(path);
  const sha256 = await hashFile(path, createProgress(`hashing ${basename(path)}`, size, { json: ctx.json }));
  const signature = await signSshsig(seed, statementDigestMessage(sha256));
  const publicKey = formatSshEd25519PublicKey(ed25519KeyPair(seed).publicKey);
  const out = stringOption(ctx, "out");
  if (out) {
    await writeFile(out, signature).catch((e: unknown) => {
      throw fileError(out, e);
    });
  }
  ctx.out.result({ sha256, namespace: SSHSIG_NAMESPACE, publicKey, signature, out: out ?? null }, () =>
    out ? [`signed ${sha256} with ${publicKey}`, `  signature in ${out}`] : [signature.trimEnd()],
  );
  return EXIT.ok;
}
