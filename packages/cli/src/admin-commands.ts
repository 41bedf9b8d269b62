/** `isnad publisher create` and `isnad key issue|revoke`: managing who may upload. */
import { isArchiveError } from "@isnad/archive";
import { openAdminTarget, type AdminTarget } from "./admin-target";
import { CliError, EXIT, type Command, type CommandContext } from "./command";
import type { Output } from "./output";

export async function publisherCreate(
  target: AdminTarget,
  out: Output,
  id: string,
  name: string,
): Promise<void> {
  const publisher = await target.publishers.create(id, name);
  const key = await target.publishers.issueKey(id);
  out.result({ publisher, key }, () => [
    `created publisher '${publisher.id}' (${publisher.name}) in ${target.description}`,
    `API key (shown once; store it safely): ${key.apiKey}`,
  ]);
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
  positionals: number,
  action: (target: AdminTarget, out: Output, args: string[]) => Promise<void>,
): Command {
  return {
    usage,
    help: `${help}\n\n${WHERE}\n\n  --json    print one JSON document`,
    options: {},
    positionals: [positionals, positionals],
    async run(ctx: CommandContext) {
      try {
        const target = await openAdminTarget(ctx.env);
        try {
          await action(target, ctx.out, ctx.positionals);
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
  "isnad publisher create <id> <name>",
  "Create a publisher (a press office) and issue its first API key, shown once.",
  2,
  (t, o, [id, name]) => publisherCreate(t, o, id!, name!),
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
