/**
 * Runs a script in a fresh `node` process (nothing loaded but what it imports, as at a Lambda cold
 * start) with only PATH and `env` set, and parses the JSON it writes to stdout.
 */
import { spawn } from "node:child_process";

export function runFreshNode<T>(script: string, args: string[], env: Record<string, string>): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0)
        return reject(new Error(`node ${script} ${args.join(" ")} exited ${code}: ${err.trim()}`));
      resolvePromise(JSON.parse(out) as T);
    });
  });
}
