/**
 * The isnad command line's dispatcher over a table of commands (commands.ts: the whole CLI;
 * standalone.ts: the commands of the single-file build). Exit codes scripts can rely on:
 *   0 success · 1 a verification failed or a thing was not found · 2 usage error · 3 service or I/O error
 */
import { parseArgs } from "node:util";
import { CliError, EXIT, UsageError, type Command, type ExitCode } from "./command";
import { findCommand, groupCommands, type CommandEntry } from "./public-commands";
import { createOutput } from "./output";

export { EXIT } from "./command";

function helpText(commands: readonly CommandEntry[], footer: string): string {
  return `isnad — the command line of the isnad archive

Usage: isnad <command> [options]    (isnad <command> --help for its options)

Commands:
${commands.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`).join("\n")}

Options everywhere:
  --json        print one JSON document on stdout instead of text
  -h, --help    help

Environment:
  ISNAD_SERVER    the server for upload, verify and fetch (default http://127.0.0.1:8787)
  ISNAD_API_KEY   the publisher key for upload
  ISNAD_TABLE     admin commands act on this DynamoDB table in AWS; otherwise on the local
                  archive in ISNAD_DATA_DIR (default .isnad/), running or not

Exit codes: 0 ok, 1 verification failed or not found, 2 usage, 3 service or I/O error.${footer}`;
}

const GLOBAL_OPTIONS = { json: { type: "boolean" }, help: { type: "boolean", short: "h" } } as const;

export interface CommandTable {
  commands: readonly CommandEntry[];
  /** Appended to the main help (e.g. what the single-file build leaves out). */
  helpFooter?: string;
}

export async function run(argv: string[], env: NodeJS.ProcessEnv, table: CommandTable): Promise<number> {
  const HELP = helpText(table.commands, table.helpFooter ?? "");
  // Global flags may come before the command words: `isnad --json verify …`.
  let i = 0;
  let json = false;
  let help = false;
  for (; i < argv.length; i++) {
    if (argv[i] === "--json") json = true;
    else if (argv[i] === "--help" || argv[i] === "-h") help = true;
    else break;
  }
  let rest = argv.slice(i);
  if (rest[0] === "help") {
    rest = rest.slice(1);
    help = true;
  }
  const words: string[] = [];
  for (const arg of rest) {
    if (arg.startsWith("-") || words.length === 2) break;
    words.push(arg);
  }
  const found = findCommand(words, table.commands);
  const out = createOutput(json || rest.includes("--json"));

  if (!found) {
    const group = words[0] ? groupCommands(words[0], table.commands) : [];
    const groupHelp = `Commands:\n${group.map((c) => `  isnad ${c.name.padEnd(18)} ${c.summary}`).join("\n")}\n`;
    if (group.length > 0 && (help || rest.includes("--help") || rest.includes("-h"))) {
      process.stdout.write(groupHelp);
      return EXIT.ok;
    }
    if (words.length === 0 && !rest.some((a) => a.startsWith("-") && a !== "--json")) {
      process.stdout.write(HELP + "\n");
      return help ? EXIT.ok : EXIT.usage;
    }
    const message =
      group.length > 0
        ? `'${words.join(" ")}' is not a command; try: ${group.map((c) => `isnad ${c.name}`).join(", ")}`
        : `unknown command '${words.join(" ") || rest[0]}'`;
    out.error(message, EXIT.usage);
    process.stderr.write(`\n${group.length > 0 ? groupHelp : HELP + "\n"}`);
    return EXIT.usage;
  }

  const command = await found.entry.load();
  try {
    return await runCommand(command, rest.slice(found.length), env, { json, help });
  } catch (e) {
    const code: ExitCode = e instanceof CliError ? e.exitCode : EXIT.error;
    const message = e instanceof Error ? e.message : String(e);
    const jsonMode = json || rest.includes("--json");
    createOutput(jsonMode).error(message, code);
    if (e instanceof UsageError) {
      process.stderr.write(`\nusage: ${command.usage}\n(isnad ${found.entry.name} --help for details)\n`);
    } else if (!(e instanceof CliError) && env.ISNAD_DEBUG && e instanceof Error) {
      process.stderr.write(`${e.stack}\n`);
    }
    return code;
  }
}

async function runCommand(
  command: Command,
  args: string[],
  env: NodeJS.ProcessEnv,
  globals: { json: boolean; help: boolean },
): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { ...command.options, ...GLOBAL_OPTIONS },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (globals.help || values.help) {
    process.stdout.write(`usage: ${command.usage}\n\n${command.help}\n`);
    return EXIT.ok;
  }
  const json = globals.json || values.json === true;
  const [min, max] = command.positionals;
  if (positionals.length < min || positionals.length > max) {
    throw new UsageError(
      positionals.length < min ? "missing arguments" : `unexpected argument '${positionals[max]}'`,
    );
  }
  return command.run({
    env,
    json,
    out: createOutput(json),
    values: values as Record<string, string | boolean | undefined>,
    positionals,
  });
}
