/** `isnad publisher create|update` and `isnad key issue|revoke`: managing who may upload. */
import { isArchiveError, type Publisher, type PublisherProfileInput } from "@isnad/archive";
import { openAdminTarget, type AdminTarget } from "./admin-target";
import {
  CliError,
  EXIT,
  UsageError,
  stringOption,
  type Command,
  type CommandContext,
  type OptionSpecs,
} from "./command";
import type { Output } from "./output";

export async function publisherCreate(
  target: AdminTarget,
  out: Output,
  id: string,
  profile: PublisherProfileInput,
): Promise<void> {
  const publisher = await target.publishers.create(id, profile);
  const key = await target.publishers.issueKey(id);
  out.result({ publisher, key }, () => [
    `created publisher '${publisher.id}' (${publisher.name}) in ${target.description}`,
    ...describePublisher(publisher),
    `API key (shown once; store it safely): ${key.apiKey}`,
  ]);
}

export async function publisherUpdate(
  target: AdminTarget,
  out: Output,
  id: string,
  profile: PublisherProfileInput,
): Promise<void> {
  const publisher = await target.publishers.update(id, profile);
  out.result({ publisher }, () => [
    `updated publisher '${publisher.id}' in ${target.description} (the change is a signed log entry)`,
    ...describePublisher(publisher),
  ]);
}

function describePublisher(p: Publisher): string[] {
  return [
    `  name     ${p.name}`,
    ...Object.entries(p.names).map(([lang, name]) => `  name:${lang.padEnd(4)}${name}`),
    ...(p.domain ? [`  domain   ${p.domain}`] : []),
    ...(p.url ? [`  url      ${p.url}`] : []),
  ];
}

/** --name, --name-ar, --name-en, --name-lang <tag>=<name>, --domain, --url (and --no-… to remove). */
const PROFILE_OPTIONS: OptionSpecs = {
  name: { type: "string" },
  "name-ar": { type: "string" },
  "name-en": { type: "string" },
  "name-lang": { type: "string", multiple: true },
  domain: { type: "string" },
  url: { type: "string" },
  "no-domain": { type: "boolean" },
  "no-url": { type: "boolean" },
};

const PROFILE_HELP = `  --name <name>          the default display name (else the English, else the Arabic one)
  --name-ar <name>       the name in Arabic
  --name-en <name>       the name in Latin script (English)
  --name-lang <tag>=<n>  a name in another language, e.g. --name-lang fr="Ministère …" (repeatable)
  --domain <domain>      the web domain it is known by, e.g. mofa.gov.example
  --url <url>            its press page (http or https)`;

function profileOptions(ctx: CommandContext, positionalName?: string): PublisherProfileInput {
  const names: Record<string, string> = {};
  const ar = stringOption(ctx, "name-ar");
  const en = stringOption(ctx, "name-en");
  if (ar) names.ar = ar;
  if (en) names.en = en;
  const extra = ctx.values["name-lang"] as unknown;
  for (const pair of Array.isArray(extra) ? (extra as string[]) : []) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`--name-lang takes <language tag>=<name>, not '${pair}'`);
    names[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const name = stringOption(ctx, "name") ?? positionalName;
  const domain = ctx.values["no-domain"] === true ? null : stringOption(ctx, "domain");
  const url = ctx.values["no-url"] === true ? null : stringOption(ctx, "url");
  return {
    ...(name !== undefined ? { name } : {}),
    ...(Object.keys(names).length > 0 ? { names } : {}),
    ...(domain !== undefined ? { domain } : {}),
    ...(url !== undefined ? { url } : {}),
  };
}

export async function keyIssue(target: AdminTarget, out: Output, publisher: string): Promise<void> {
  const key = await target.publishers.issueKey(publisher);
  out.result(key, () => [
    `issued key ${key.keyId} for '${publisher}' in ${target.description}`,
    `API key (shown once; store it safely): ${key.apiKey}`,
  ]);
}

export async function keyRevoke(target: AdminTarget, out: Output, keyId: string): Promise<void> {
  await target.publishers.revokeKey(keyId);
  out.result({ keyId, revoked: true }, () => [`revoked key ${keyId} in ${target.description}`]);
}

const WHERE = `Acts on DynamoDB directly: with ISNAD_TABLE=<table> in AWS (the SDK's credentials and
region), otherwise on the local archive in ISNAD_DATA_DIR (default .isnad/), running or not.`;

/** Runs an admin action on the admin target, mapping archive errors to exit codes. */
function adminCommand(
  usage: string,
  help: string,
  positionals: number | readonly [number, number],
  action: (target: AdminTarget, out: Output, args: string[], ctx: CommandContext) => Promise<void>,
  options: { specs: OptionSpecs; help: string } = { specs: {}, help: "" },
): Command {
  return {
    usage,
    help: `${help}\n\n${WHERE}\n\n${options.help ? `${options.help}\n` : ""}  --json    print one JSON document`,
    options: options.specs,
    positionals: typeof positionals === "number" ? [positionals, positionals] : positionals,
    async run(ctx: CommandContext) {
      try {
        const target = await openAdminTarget(ctx.env);
        try {
          await action(target, ctx.out, ctx.positionals, ctx);
        } finally {
          await target.close();
        }
        return EXIT.ok;
      } catch (e) {
        if (!isArchiveError(e)) throw e;
        const failed = e.code === "NOT_FOUND" || e.code === "CONFLICT" || e.code === "BAD_REQUEST";
        throw new CliError(e.message, failed ? EXIT.failed : EXIT.error, { cause: e });
      }
    },
  };
}

export const publisherCreateCommand = adminCommand(
  "isnad publisher create <id> [<name>] [--name-ar …] [--name-en …] [--domain …] [--url …]",
  "Create a publisher (a press office) and issue its first API key, shown once. Readers see its\n" +
    "names (Arabic and Latin) wherever one of its statements is named; the creation is a signed log entry.",
  [1, 2],
  (t, o, [id, name], ctx) => publisherCreate(t, o, id!, profileOptions(ctx, name)),
  { specs: PROFILE_OPTIONS, help: PROFILE_HELP },
);

export const publisherUpdateCommand = adminCommand(
  "isnad publisher update <id> [--name …] [--name-ar …] [--name-en …] [--domain …] [--url …]",
  "Change a publisher's names, domain or URL (--no-domain, --no-url remove them); the change is\n" +
    "a signed log entry, and every statement view shows the new names at once.",
  1,
  (t, o, [id], ctx) => publisherUpdate(t, o, id!, profileOptions(ctx)),
  {
    specs: PROFILE_OPTIONS,
    help: `${PROFILE_HELP}\n  --no-domain, --no-url  remove the domain or the URL`,
  },
);

export const keyIssueCommand = adminCommand(
  "isnad key issue <publisher>",
  "Issue another API key for a publisher (for a second machine, or before revoking the old one).",
  1,
  (t, o, [publisher]) => keyIssue(t, o, publisher!),
);

export const keyRevokeCommand = adminCommand(
  "isnad key revoke <key id>",
  "Revoke an API key: uploads with it are refused (401) from now on.",
  1,
  (t, o, [keyId]) => keyRevoke(t, o, keyId!),
);
