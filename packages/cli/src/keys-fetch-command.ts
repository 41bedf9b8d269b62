/**
 * `isnad keys fetch`: save isnad's public keys — the record-signing keys (GET /v1/keys) and the
 * log's checkpoint key (GET /v1/log) — in one file, for `isnad receipt verify --keys`. Fetch it
 * once over a connection you trust; compare it with a copy from elsewhere if you can.
 */
import { writeFile } from "node:fs/promises";
import { parseVerifierKey } from "@isnad/core";
import { createApiClient, resolveServer, SERVER_HELP, SERVER_OPTION } from "./api-client";
import { CliError, EXIT, stringOption, type Command, type CommandContext } from "./command";
import { fileError } from "./local-file";

interface KeysResponse {
  keys: { keyId: string; algorithm: string; publicKey: string; status: string }[];
  log?: { origin: string; verifierKey: string };
}

interface LogResponse {
  origin: string;
  verifierKey: string;
  treeSize: number;
}

export const keysFetchCommand: Command = {
  usage: "isnad keys fetch [--out FILE] [options]",
  help: `Save the service's public keys (record-signing keys and the log's verifier key) for offline
verification with \`isnad receipt verify --keys FILE\`.

  --out FILE       save them there (default: print on stdout)
  --publisher ID   also save that publisher's domain keys (GET /v1/publishers/{id}/keys), so that
                   receipt verify checks its signatures on statements (issue #17)
${SERVER_HELP}
  --json           print one JSON document

Exit codes: 0 saved, 3 server unreachable, inconsistent, or the file cannot be written.`,
  options: { ...SERVER_OPTION, out: { type: "string" }, publisher: { type: "string" } },
  positionals: [0, 0],
  run: keysFetch,
};

async function keysFetch(ctx: CommandContext) {
  const api = createApiClient(resolveServer(ctx));
  const [{ body: keys }, { body: log }] = await Promise.all([
    api.json<KeysResponse>("/v1/keys"),
    api.json<LogResponse>("/v1/log"),
  ]);
  // The two endpoints must agree; a disagreement is a misconfigured or misbehaving server.
  if (keys.log && (keys.log.verifierKey !== log.verifierKey || keys.log.origin !== log.origin)) {
    throw new CliError("/v1/keys and /v1/log name different log keys; not saving either", EXIT.error);
  }
  try {
    parseVerifierKey(log.verifierKey);
  } catch (cause) {
    throw new CliError(`the server's log verifier key is malformed: ${log.verifierKey}`, EXIT.error, {
      cause,
    });
  }
  const doc = {
    server: api.server,
    fetchedAt: new Date().toISOString(),
    keys: keys.keys,
    log: { origin: log.origin, verifierKey: log.verifierKey },
    ...(await fetchPublisherKeys(api, stringOption(ctx, "publisher"))),
  };
  const out = stringOption(ctx, "out");
  const text = JSON.stringify(doc, null, 2) + "\n";
  if (out) {
    await writeFile(out, text).catch((e: unknown) => {
      throw fileError(out, e);
    });
  }
  ctx.out.result({ ...doc, out: out ?? null }, () =>
    out
      ? [
          `saved ${keys.keys.length} record key(s) and the log key of ${log.origin} to ${out}`,
          ...keys.keys.map((k) => `  record key ${k.keyId} (${k.status}) ${k.publicKey}`),
          `  log key    ${log.verifierKey}`,
        ]
      : [text.trimEnd()],
  );
  return EXIT.ok;
}

/** `--publisher ID`: the publisher's domain keys, saved as `publisherKeys` (issue #17). */
async function fetchPublisherKeys(
  api: ReturnType<typeof createApiClient>,
  publisher: string | undefined,
): Promise<{ publisherKeys?: unknown }> {
  if (!publisher) return {};
  const { body } = await api.json<unknown>(`/v1/publishers/${encodeURIComponent(publisher)}/keys`);
  return { publisherKeys: body };
}
