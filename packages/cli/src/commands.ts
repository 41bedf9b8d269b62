/**
 * The table of every `isnad` command: the public ones (public-commands.ts) and the admin ones,
 * which act on an archive's storage with the AWS SDK. Modules load on demand, so that `isnad
 * verify` starts without the AWS SDK the admin commands need.
 */
import { PUBLIC_COMMANDS, type CommandEntry } from "./public-commands";

export { PUBLIC_COMMANDS, findCommand, groupCommands, type CommandEntry } from "./public-commands";

/** Every command: the public ones and the admin ones, which act on an archive's storage directly. */
export const COMMANDS: readonly CommandEntry[] = [
  ...PUBLIC_COMMANDS,
  {
    name: "publisher create",
    summary: "create a publisher and issue its first API key",
    load: async () => (await import("./admin-commands")).publisherCreateCommand,
  },
  {
    name: "publisher update",
    summary: "change a publisher's names, domain or URL",
    load: async () => (await import("./admin-commands")).publisherUpdateCommand,
  },
  {
    name: "key issue",
    summary: "issue another API key for a publisher",
    load: async () => (await import("./admin-commands")).keyIssueCommand,
  },
  {
    name: "reindex",
    summary: "rebuild the quote index of every statement from its stored text",
    load: async () => (await import("./reindex-command")).reindexCommand,
  },
  {
    name: "migrate-content",
    summary: "let verify by hash read one item per content (once per archive)",
    load: async () => (await import("./migrate-content-command")).migrateContentCommand,
  },
  {
    name: "key revoke",
    summary: "revoke an API key (uploads with it get 401)",
    load: async () => (await import("./admin-commands")).keyRevokeCommand,
  },
];
