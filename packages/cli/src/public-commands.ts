/**
 * The table of the public `isnad` commands: those that need only HTTP and local files, which the
 * single-file build (standalone.ts) also carries. Modules load on demand, so that `receipt verify`
 * loads nothing that talks to a network. The admin commands are in commands.ts: a bundler follows
 * every `import()` it sees, so they must not be named in this file.
 */
import type { Command } from "./command";

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

/** The commands that need only HTTP and local files (no AWS SDK, no local stack): the single-file build's. */
export const PUBLIC_COMMANDS: readonly CommandEntry[] = [
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
    name: "publisher domain-key",
    summary: "bind your Ed25519 signing keys to your web domain (init, add, rotate, revoke)",
    load: async () => (await import("./domain-key-command")).domainKeyCommand,
  },
  {
    name: "sign",
    summary: "sign a statement as its publisher (OpenSSH SSHSIG, checkable with ssh-keygen -Y verify)",
    load: async () => (await import("./sign-command")).signCommand,
  },
];

/** The command named by the leading words of argv, and how many words it took. */
export function findCommand(
  words: readonly string[],
  commands: readonly CommandEntry[],
): { entry: CommandEntry; length: number } | undefined {
  for (const length of [2, 1]) {
    const name = words.slice(0, length).join(" ");
    const entry = commands.find((c) => c.name === name);
    if (entry && words.length >= length) return { entry, length };
  }
  return undefined;
}

/** The commands of a group such as "receipt" or "key", for `isnad receipt --help`. */
export function groupCommands(group: string, commands: readonly CommandEntry[]): CommandEntry[] {
  return commands.filter((c) => c.name.startsWith(`${group} `));
}
