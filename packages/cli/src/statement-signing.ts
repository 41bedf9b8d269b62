/**
 * What `isnad sign` and `isnad upload --sign-key` share (issue #17): the statement fields as
 * options, the publisher's key file, and the isnad-statement/v1 message signed in either form
 * (cose statement-signature.ts). The message holds the fields exactly as uploaded, so a field
 * signed must be uploaded with the same value and a field uploaded must have been signed.
 */
import { readFile } from "node:fs/promises";
import { formatBase64, parseHex, signEd25519 } from "@isnad/core";
import {
  isOpenSshPrivateKey,
  OpenSshKeyError,
  parseOpenSshEd25519Key,
  signSshsig,
  statementSignatureMessage,
  type StatementSignatureFormat,
} from "@isnad/cose";
import { CliError, EXIT, UsageError, stringOption, type CommandContext, type OptionSpecs } from "./command";
import { fileError } from "./local-file";

/** The fields of POST /v1/statements, by option name. */
export const FIELD_OPTIONS = {
  title: "title",
  language: "language",
  "published-at": "publishedAt",
  "source-url": "sourceUrl",
  supersedes: "supersedes",
  "translation-of": "translationOf",
} as const;

/** The fields, and who signs them in which form: the options every signing command takes. */
export const SIGNING_OPTION_SPECS: OptionSpecs = Object.fromEntries(
  [...Object.keys(FIELD_OPTIONS), "publisher", "domain", "format"].map((name) => [
    name,
    { type: "string" as const },
  ]),
);

/** The fields given as options, by their API names. */
export function fieldsFromOptions(ctx: CommandContext): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [option, field] of Object.entries(FIELD_OPTIONS)) {
    const value = stringOption(ctx, option);
    if (value !== undefined) fields[field] = value;
  }
  return fields;
}

/**
 * A publisher's Ed25519 key file (kept secret): the 32-byte seed as 64 hex digits, or an
 * unencrypted OpenSSH private key (`ssh-keygen -t ed25519 -N ''`; cose openssh-private-key.ts).
 */
export async function readSigningSeed(keyFile: string): Promise<Uint8Array> {
  const text = await readFile(keyFile, "utf8").catch((e: unknown) => {
    throw fileError(keyFile, e);
  });
  if (isOpenSshPrivateKey(text)) {
    try {
      return parseOpenSshEd25519Key(text);
    } catch (cause) {
      if (!(cause instanceof OpenSshKeyError)) throw cause;
      throw new CliError(`${keyFile}: ${cause.message}`, EXIT.usage, { cause });
    }
  }
  try {
    return parseHex(text.trim(), 32);
  } catch (cause) {
    throw new CliError(
      `${keyFile} is not an Ed25519 key (64 hex digits, or an OpenSSH key from ssh-keygen -t ed25519)`,
      EXIT.usage,
      { cause },
    );
  }
}

export function signatureFormat(ctx: CommandContext): StatementSignatureFormat {
  const format = stringOption(ctx, "format") ?? "sshsig";
  if (format !== "sshsig" && format !== "ed25519") throw new UsageError("--format is sshsig or ed25519");
  return format;
}

/** The message for this file's digest as the publisher `publisher` of `domain`, from the options. */
export function messageFromOptions(ctx: CommandContext, sha256: string): Uint8Array {
  const publisher = stringOption(ctx, "publisher");
  const domain = stringOption(ctx, "domain");
  if (!publisher || !domain) {
    throw new UsageError("--publisher ID and --domain DOMAIN are required: both are part of what is signed");
  }
  return statementSignatureMessage({ sha256, publisher, domain, fields: fieldsFromOptions(ctx) });
}

export async function signMessage(
  seed: Uint8Array,
  message: Uint8Array,
  format: StatementSignatureFormat,
): Promise<string> {
  return format === "sshsig" ? signSshsig(seed, message) : formatBase64(signEd25519(seed, message));
}
