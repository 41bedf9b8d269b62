/**
 * What every `isnad` command is: its usage and help text, its options (node:util parseArgs), and
 * a `run` that returns an exit code. Exit codes are a contract with scripts:
 *   0 ok · 1 a verification failed or a thing was not found · 2 usage error · 3 service or I/O error
 */
import type { ParseArgsConfig } from "node:util";
import type { Output } from "./output";

export const EXIT = { ok: 0, failed: 1, usage: 2, error: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the user should read, with the exit code it ends the command with. */
export class CliError extends Error {
  override readonly name: string = "CliError";
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class UsageError extends CliError {
  override readonly name = "UsageError";
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

export type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;

export interface CommandContext {
  env: NodeJS.ProcessEnv;
  out: Output;
  /** True with --json: stdout carries one JSON document and nothing else, and no progress is drawn. */
  json: boolean;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface Command {
  /** One line, e.g. "isnad upload <file> [options]". */
  usage: string;
  /** What `--help` prints below the usage line. */
  help: string;
  options: OptionSpecs;
  /** How many positionals the command takes: [min, max]. */
  positionals: readonly [number, number];
  run(ctx: CommandContext): Promise<ExitCode>;
}

/** A string option's value, with empty strings read as absent (an unset variable in a script). */
export function stringOption(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.values[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}
