#!/usr/bin/env node
/**
 * The isnad command line (`npm run isnad --`, bin/isnad.js): the dispatcher of run.ts over every
 * command in commands.ts, run when this file is the program.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { COMMANDS } from "./commands";
import { run as runTable } from "./run";

export { EXIT } from "./run";

/** Runs `isnad <argv>` with every command; resolves to the exit code. */
export function run(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return runTable(argv, env, { commands: COMMANDS });
}

/** Whether this file is the program being run (also through a bin symlink), not an import. */
function isMain(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMain()) process.exitCode = await run(process.argv.slice(2));
