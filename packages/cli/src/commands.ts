/**
 * The table of `isnad` commands. Modules load on demand, so that `isnad verify` starts without
 * the AWS SDK the admin commands need, and `receipt verify` loads nothing that talks to a network.
 */
import type { Command } from "./command";

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "upload",
    summary: "archive a document as a publisher; prints its URL and id",
    load: async () => (await import("./upload-command")).uploadCommand,
  },
  {
    name: "verify",
    summary: "check a file, a SHA-256 or a quote against the archive",
    load: async () => (await import("./verify-command")).verifyCommand,
  },
  {
    name: "receipt verify",
    summary: "verify a receipt offline, with the original file and the public keys",
    load: async () => (await import("./receipt-verify-command")).receiptVerifyCommand,
  },
  {
    name: "receipt fetch",
    summary: "download a statement's receipt for offline verification",
    load: async () => (await import("./receipt-fetch-command")).receiptFetchCommand,
  },
  {
    name: "keys fetch",
    summary: "save the service's public keys for offline verification",
    load: async () => (await import("./keys-fetch-command")).keysFetchCommand,
  },
  {
    name: "publisher create",
    summary: "create a publisher and issue its first API key",
    load: async () => (await import("./admin-commands")).publisherCreateCommand,
  },
  {
    name: "key issue",
    summary: "issue another API key for a publisher",
    load: async () => (await import("./admin-commands")).keyIssueCommand,
  },
  {
    name: "key revoke",
    summary: "revoke an API key (uploads with it get 401)",
    load: async () => (await import("./admin-commands")).keyRevokeCommand,
  },
];

/** The command named by the leading words of argv, and how many words it took. */
export function findCommand(words: readonly string[]): { entry: CommandEntry; length: number } | undefined {
  for (const length of [2, 1]) {
    const name = words.slice(0, length).join(" ");
    const entry = COMMANDS.find((c) => c.name === name);
    if (entry && words.length >= length) return { entry, length };
  }
  return undefined;
}

/** The commands of a group such as "receipt" or "key", for `isnad receipt --help`. */
export function groupCommands(group: string): CommandEntry[] {
  return COMMANDS.filter((c) => c.name.startsWith(`${group} `));
}
