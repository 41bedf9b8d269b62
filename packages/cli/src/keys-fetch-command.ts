/**
 * `isnad keys fetch`: save isnad's public keys — the record-signing keys (GET /v1/keys) and the
 * log's checkpoint key (GET /v1/log) — and the log's witness policy (GET /v1/policy, C2SP
 * tlog-policy text, as `policy`) in one file, for `isnad receipt verify --keys`, which then
 * enforces the policy's quorum by default (and so does the verify page's receipt check). Fetch it
 * once over a connection you trust; compare it with a copy from elsewhere if you can.
 */
import { writeFile } from "node:fs/promises";
import { parseVerifierKey, parseWitnessPolicy } from "@isnad/core";
import { ApiError, createApiClient, resolveServer, SERVER_HELP, SERVER_OPTION } from "./api-client";
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
  help: `Save the service's public keys (record-signing keys and the log's verifier key) and the log's
witness policy (GET /v1/policy) for offline verification with \`isnad receipt verify --keys FILE\`,
which then requires the policy's quorum of witness cosignatures.

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
  const [{ body: keys }, { body: log }, policy] = await Promise.all([
    api.json<KeysResponse>("/v1/keys"),
    api.json<LogResponse>("/v1/log"),
    fetchPolicy(api),
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
    ...(policy === undefined ? {} : { policy }),
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
          policy === undefined
            ? "  policy     none (this server publishes no /v1/policy)"
            : `  policy     ${policyLine(policy)}`,
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

/**
 * GET /v1/policy (issue #16), checked to parse before it is saved: receipt verify trusts it as
 * given. undefined from a server that predates it (404).
 */
async function fetchPolicy(api: ReturnType<typeof createApiClient>): Promise<string | undefined> {
  let text: string;
  try {
    text = await (await api.request("/v1/policy", { headers: { accept: "text/plain" } })).text();
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return undefined;
    throw e;
  }
  try {
    parseWitnessPolicy(text);
  } catch (cause) {
    throw new CliError(
      `the server's /v1/policy is not a C2SP tlog-policy: ${(cause as Error).message}`,
      EXIT.error,
      {
        cause,
      },
    );
  }
  return text;
}

/** The witnesses a saved policy names and its quorum, or that the log's key alone is required. */
function policyLine(text: string): string {
  const policy = parseWitnessPolicy(text);
  if (policy.witnesses.length === 0) return "the log's key alone (no witnesses)";
  return `witnesses ${policy.witnesses.map((w) => w.name).join(", ")}; quorum ${policy.quorum ?? "none"}`;
}
