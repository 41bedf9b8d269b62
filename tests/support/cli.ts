/** Runs the isnad CLI as a separate process, as a user or a script would. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./local-stack";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const tsx = join(repoRoot, "node_modules/.bin/tsx");
  return new Promise((resolve) => {
    execFile(
      tsx,
      [join(repoRoot, "packages/cli/src/main.ts"), ...args],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 3) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
