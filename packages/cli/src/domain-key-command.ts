/**
 * `isnad publisher domain-key init|add|rotate|revoke` (issue #17): a press office binds its own
 * Ed25519 keys to its web domain, with its API key, through the server's
 * /v1/publishers/{id}/domain-keys routes. `add` does the whole registration: it asks for a nonce,
 * signs the proof of possession with the key file (which never leaves the machine) and
 * registers; the server then fetches https://<domain>/.well-known/isnad-publisher itself.
 */
import {
  ed25519KeyPair,
  formatBase64,
  formatPublisherKey,
  formatPublisherKeyId,
  keyPossessionMessage,
  signEd25519,
} from "@isnad/core";
import { createApiClient, resolveServer, SERVER_HELP, SERVER_OPTION } from "./api-client";
import {
  CliError,
  EXIT,
  UsageError,
  stringOption,
  type Command,
  type CommandContext,
  type ExitCode,
} from "./command";
import { domainKeyInit, domainOption, keyFileOption } from "./domain-key-init";
import { readSigningSeed } from "./statement-signing";

interface KeyView {
  keyId: string;
  domain: string;
  status: string;
  introducedAt: string;
  retiredAt: string | null;
}
interface KeyChange {
  key: KeyView;
  entry: { action: string } | null;
  leafIndex: number | null;
}

export const domainKeyCommand: Command = {
  usage: "isnad publisher domain-key init|add|rotate|revoke [KEY_ID] [options]",
  help: `Bind your own Ed25519 signing keys to your web domain.

  init    print the file to serve at https://DOMAIN/.well-known/isnad-publisher and the optional
          _isnad.DOMAIN TXT record, for --key (with --generate: create the key file first)
  add     register --key with isnad: isnad fetches that file over HTTPS, checks the TXT record
          when there is one, and checks that you hold the key (a signed nonce); the key is logged
  rotate  retire a key your file no longer lists (signatures made before stay valid)
  revoke  distrust a key for all time (lost or stolen); --reason TEXT is logged

  --domain DOMAIN     your domain, as isnad knows your publisher (init, add)
  --key KEYFILE       your Ed25519 key, kept secret: 64 hex digits (a seed) or an unencrypted
                      OpenSSH key (ssh-keygen -t ed25519 -N ''); for rotate and revoke,
                      instead of KEY_ID
  --publisher ID      your isnad publisher id (add, rotate, revoke; optional in init's file)
  --keep KEY          init: also list this key (ed25519:<base64>), to rotate without a gap
  --out FILE          init: write the well-known file there
  --generate          init: create KEYFILE when it does not exist
  --reason TEXT       revoke: why
  --api-key KEY       your publisher API key (default: ISNAD_API_KEY)
${SERVER_HELP}
  --json              print one JSON document

Exit codes: 0 done, 1 refused (the server says why), 2 usage error, 3 service or file error.`,
  options: {
    domain: { type: "string" },
    key: { type: "string" },
    publisher: { type: "string" },
    keep: { type: "string" },
    out: { type: "string" },
    generate: { type: "boolean" },
    reason: { type: "string" },
    "api-key": { type: "string" },
    ...SERVER_OPTION,
  },
  positionals: [1, 2],
  run: domainKey,
};

async function domainKey(ctx: CommandContext): Promise<ExitCode> {
  const [action, keyIdArg] = ctx.positionals;
  if (action === "init") return domainKeyInit(ctx);
  if (action !== "add" && action !== "rotate" && action !== "revoke") {
    throw new UsageError(`unknown action ${JSON.stringify(action)}: init, add, rotate or revoke`);
  }
  const publisher = stringOption(ctx, "publisher");
  if (!publisher) throw new UsageError("--publisher ID is required");
  const apiKey = stringOption(ctx, "api-key") ?? (ctx.env.ISNAD_API_KEY || undefined);
  if (!apiKey) throw new CliError("no API key: pass --api-key KEY or set ISNAD_API_KEY", EXIT.failed);
  const api = createApiClient(resolveServer(ctx));
  const post = (path: string, body?: unknown) =>
    api.json<KeyChange & { nonce?: string }>(`/v1/publishers/${publisher}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  let change: KeyChange;
  if (action === "add") {
    const domain = domainOption(ctx);
    const seed = await readSigningSeed(keyFileOption(ctx));
    const publicKey = ed25519KeyPair(seed).publicKey;
    const { body: challenge } = await post("/domain-keys/challenge");
    const nonce = String(challenge.nonce);
    const proof = formatBase64(
      signEd25519(seed, keyPossessionMessage({ domain, publisher, publicKey, nonce })),
    );
    ({ body: change } = await post("/domain-keys", {
      publicKey: formatPublisherKey(publicKey),
      domain,
      nonce,
      proof,
    }));
  } else {
    const keyId = keyIdArg ?? (await keyIdOfFile(ctx));
    const reason = stringOption(ctx, "reason");
    ({ body: change } = await post(
      `/domain-keys/${keyId}/${action}`,
      action === "revoke" && reason !== undefined ? { reason } : undefined,
    ));
  }
  ctx.out.result(change, () => {
    const { key, entry, leafIndex } = change;
    const what = entry ? `${entry.action}` : `already ${key.status === "active" ? "registered" : key.status}`;
    return [
      `${key.keyId} for ${key.domain}: ${what}${leafIndex !== null ? ` (log entry ${leafIndex})` : ""}`,
      `  status ${key.status}, introduced ${key.introducedAt}${key.retiredAt ? `, retired ${key.retiredAt}` : ""}`,
    ];
  });
  return EXIT.ok;
}

async function keyIdOfFile(ctx: CommandContext): Promise<string> {
  const keyFile = stringOption(ctx, "key");
  if (!keyFile) throw new UsageError("name the key: KEY_ID (ed25519:<16 hex digits>) or --key KEYFILE");
  return formatPublisherKeyId(ed25519KeyPair(await readSigningSeed(keyFile)).publicKey);
}
