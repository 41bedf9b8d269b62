/**
 * `isnad publisher domain-key init`: what a press office publishes before it registers a key
 * (issue #17): the well-known file for https://<domain>/.well-known/isnad-publisher and the
 * optional `_isnad.<domain>` TXT record (formats in core publisher-domain/). With --generate it
 * first makes the key file (a new Ed25519 seed, 64 hex digits, mode 0600), never overwriting one.
 */
import { writeFile } from "node:fs/promises";
import {
  ISNAD_TXT_PREFIX,
  PUBLISHER_FILE_PATH,
  ed25519KeyPair,
  formatHex,
  formatIsnadTxtRecord,
  formatPublisherDomainFile,
  formatPublisherKey,
  formatPublisherKeyId,
  generateEd25519Seed,
  isDomainName,
  parsePublisherKey,
} from "@isnad/core";
import { CliError, EXIT, UsageError, stringOption, type CommandContext, type ExitCode } from "./command";
import { fileError } from "./local-file";
import { readSigningSeed } from "./statement-signing";

export function domainOption(ctx: CommandContext): string {
  const domain = stringOption(ctx, "domain")?.toLowerCase().replace(/\.$/, "");
  if (!domain) throw new UsageError("--domain DOMAIN is required (e.g. press.example)");
  if (!isDomainName(domain))
    throw new UsageError(`--domain: ${domain} is not a domain name such as press.example`);
  return domain;
}

export function keyFileOption(ctx: CommandContext): string {
  const keyFile = stringOption(ctx, "key");
  if (!keyFile)
    throw new UsageError("--key KEYFILE is required (an Ed25519 seed as 64 hex digits, or an OpenSSH key)");
  return keyFile;
}

async function generateKeyFile(keyFile: string): Promise<void> {
  const seed = generateEd25519Seed();
  await writeFile(keyFile, `${formatHex(seed)}\n`, { flag: "wx", mode: 0o600 }).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return;
    throw fileError(keyFile, e);
  });
}

export async function domainKeyInit(ctx: CommandContext): Promise<ExitCode> {
  const domain = domainOption(ctx);
  const keyFile = keyFileOption(ctx);
  if (ctx.values.generate === true) await generateKeyFile(keyFile);
  const publicKey = ed25519KeyPair(await readSigningSeed(keyFile)).publicKey;
  const keep = stringOption(ctx, "keep");
  let kept: Uint8Array[] = [];
  try {
    kept = keep ? [parsePublisherKey(keep)] : [];
  } catch (cause) {
    throw new CliError(`--keep: ${(cause as Error).message}`, EXIT.usage, { cause });
  }
  const publisher = stringOption(ctx, "publisher");
  const keys = [...kept, publicKey];
  const file = formatPublisherDomainFile({ domain, ...(publisher ? { publisher } : {}), keys });
  const txt = formatIsnadTxtRecord(keys.map(formatPublisherKeyId));
  const out = stringOption(ctx, "out");
  if (out) {
    await writeFile(out, file).catch((e: unknown) => {
      throw fileError(out, e);
    });
  }
  const url = `https://${domain}${PUBLISHER_FILE_PATH}`;
  const txtName = `${ISNAD_TXT_PREFIX}.${domain}`;
  ctx.out.result(
    {
      url,
      file,
      txt: { name: txtName, value: txt },
      keyId: formatPublisherKeyId(publicKey),
      publicKey: formatPublisherKey(publicKey),
      out: out ?? null,
    },
    () => [
      `# 1. Serve this at ${url} (application/json, HTTPS, no redirect):`,
      ...(out ? [`#    (written to ${out})`] : file.trimEnd().split("\n")),
      `# 2. Optionally, this DNS record (then isnad accepts only the keys it names):`,
      `${txtName}. IN TXT "${txt}"`,
      `# 3. Register it: isnad publisher domain-key add --domain ${domain} --key ${keyFile} --publisher ${publisher ?? "ID"}`,
    ],
  );
  return EXIT.ok;
}
