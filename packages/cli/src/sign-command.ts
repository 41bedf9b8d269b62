/**
 * `isnad sign`: a publisher signs a statement with its own Ed25519 key (issue #17). What is
 * signed is the isnad-statement/v1 message (cose statement-signature.ts): the file's SHA-256,
 * the publisher id, the domain whose well-known file declares the key, and the fields the upload
 * will carry. The default form is OpenSSH's SSHSIG (namespace isnad-statement@v1), so anyone can
 * check it with `ssh-keygen -Y verify` and no isnad code; `--format ed25519` gives a bare base64
 * signature. `--message-out` writes the message itself, for signing it with ssh-keygen instead.
 */
import { writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { ed25519KeyPair } from "@isnad/core";
import { SSHSIG_NAMESPACE, formatSshEd25519PublicKey } from "@isnad/cose";
import { EXIT, UsageError, stringOption, type Command, type CommandContext } from "./command";
import { fileError, fileSize, hashFile } from "./local-file";
import { createProgress } from "./progress";
import {
  SIGNING_OPTION_SPECS,
  messageFromOptions,
  readSigningSeed,
  signMessage,
  signatureFormat,
} from "./statement-signing";

export const signCommand: Command = {
  usage: "isnad sign <file> --publisher ID --domain DOMAIN --key KEYFILE [fields] [--out FILE]",
  help: `Sign a statement as its publisher: the isnad-statement/v1 message (the file's SHA-256, the
publisher id, the domain that declares your key, and the fields you will upload with it).

  --publisher ID          your isnad publisher id
  --domain DOMAIN         the domain whose /.well-known/isnad-publisher declares the key
  --title, --language, --published-at, --source-url, --supersedes, --translation-of
                          exactly as you will upload them (isnad upload takes the same options)
  --key KEYFILE           the publisher's Ed25519 key, kept secret: 64 hex digits (a seed) or an
                          unencrypted OpenSSH key (ssh-keygen -t ed25519 -N '')
  --format FORMAT         sshsig (default, OpenSSH namespace ${SSHSIG_NAMESPACE}) or ed25519 (base64)
  --out FILE              write the signature there (default: print it on stdout)
  --message-out FILE      also write the signed message there (--key is then optional)
  --json                  print one JSON document

Upload it with: isnad upload <file> [the same fields] --signature <file>.sig
Sign with OpenSSH instead: isnad sign <file> … --message-out msg && ssh-keygen -Y sign -n ${SSHSIG_NAMESPACE} -f KEY msg
Anyone checks it with OpenSSH alone:
  ssh-keygen -Y verify -f allowed_signers -I <publisher> -n ${SSHSIG_NAMESPACE} -s <file>.sig < msg

Exit codes: 0 signed, 2 usage error, 3 a file cannot be read or written.`,
  options: {
    key: { type: "string" },
    out: { type: "string" },
    "message-out": { type: "string" },
    ...SIGNING_OPTION_SPECS,
  },
  positionals: [1, 1],
  run: sign,
};

async function write(path: string, data: string | Uint8Array): Promise<void> {
  await writeFile(path, data).catch((e: unknown) => {
    throw fileError(path, e);
  });
}

async function sign(ctx: CommandContext) {
  const path = ctx.positionals[0]!;
  const keyFile = stringOption(ctx, "key");
  const messageOut = stringOption(ctx, "message-out");
  if (!keyFile && !messageOut) throw new UsageError("--key KEYFILE is required (or --message-out FILE)");
  const format = signatureFormat(ctx);
  const seed = keyFile ? await readSigningSeed(keyFile) : undefined;
  const size = await fileSize(path);
  const sha256 = await hashFile(path, createProgress(`hashing ${basename(path)}`, size, { json: ctx.json }));
  const message = messageFromOptions(ctx, sha256);
  if (messageOut) await write(messageOut, message);
  if (!seed) {
    ctx.out.result({ sha256, messageOut }, () => [`wrote the message for ${sha256} to ${messageOut}`]);
    return EXIT.ok;
  }
  const signature = await signMessage(seed, message, format);
  const publicKey = formatSshEd25519PublicKey(ed25519KeyPair(seed).publicKey);
  const out = stringOption(ctx, "out");
  if (out) await write(out, signature);
  ctx.out.result(
    {
      sha256,
      format,
      namespace: SSHSIG_NAMESPACE,
      message: new TextDecoder().decode(message),
      publicKey,
      signature,
      out: out ?? null,
    },
    () => (out ? [`signed ${sha256} with ${publicKey}`, `  signature in ${out}`] : [signature.trimEnd()]),
  );
  return EXIT.ok;
}
