/**
 * `--help` for every command and group, usage errors, and --json for failures (issue #7).
 * Every command's help is rendered in-process by the CLI's own dispatcher (main.ts `run`, its
 * stdout captured), one after another: a process per command, all at once, was killed under
 * load on 2 shared cores. Separate processes still check the program as users run it — one
 * command's --help, the main help, a group's help and the usage errors — at most two at a time.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { COMMANDS } from "../../packages/cli/src/commands";
import { run } from "../../packages/cli/src/main";
import { runCli, type CliResult } from "../support/cli";

/** Runs `isnad <argv>` in this process, capturing what it writes. */
async function runInProcess(argv: string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const capture = (sink: (text: string) => void) => (chunk: string | Uint8Array) => {
    sink(typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture((t) => (stdout += t)));
  vi.spyOn(process.stderr, "write").mockImplementation(capture((t) => (stderr += t)));
  try {
    const code = await run(argv, {});
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

/** Runs CLI processes at most two at a time, in order. */
async function runProcesses(argvs: string[][]): Promise<CliResult[]> {
  const results: CliResult[] = [];
  for (let i = 0; i < argvs.length; i += 2) {
    results.push(...(await Promise.all(argvs.slice(i, i + 2).map((argv) => runCli(argv)))));
  }
  return results;
}

afterEach(() => vi.restoreAllMocks());

describe("isnad --help", () => {
  it("prints the usage of every command (exit 0), rendered in-process", async () => {
    for (const c of COMMANDS) {
      const result = await runInProcess([...c.name.split(" "), "--help"]);
      expect(result.code, c.name).toBe(0);
      expect(result.stdout, c.name).toMatch(new RegExp(`^usage: isnad ${c.name}`));
      expect(result.stdout, c.name).toContain("--json");
      expect(result.stderr, c.name).toBe("");
    }
  }, 120_000);

  it("prints a command's usage as a separate process too, the same text as in-process", async () => {
    const [proc] = await runProcesses([["receipt", "verify", "--help"]]);
    expect(proc!.code).toBe(0);
    expect(proc!.stdout).toBe((await runInProcess(["receipt", "verify", "--help"])).stdout);
  }, 60_000);

  it("lists every command in the main help, and a group's commands in its help", async () => {
    const [main, short, group, helpWord] = await runProcesses([
      ["--help"],
      ["-h"],
      ["receipt", "--help"],
      ["help", "verify"],
    ]);
    expect(main!.code).toBe(0);
    for (const c of COMMANDS) expect(main!.stdout).toContain(c.name);
    expect(short!.stdout).toBe(main!.stdout);
    expect(group!.code).toBe(0);
    expect(group!.stdout).toContain("isnad receipt verify");
    expect(group!.stdout).toContain("isnad receipt fetch");
    expect(helpWord!.stdout).toMatch(/^usage: isnad verify/);
  }, 120_000);

  it("exits 2 with the usage for unknown commands and options, with a JSON error under --json", async () => {
    const [none, unknown, option, json] = await runProcesses([
      [],
      ["frobnicate"],
      ["verify", "--frob"],
      ["--json", "receipt", "verify", "--receipt", "r.json"],
    ]);
    expect(none!.code).toBe(2);
    expect(unknown!.code).toBe(2);
    expect(unknown!.stderr).toContain("unknown command 'frobnicate'");
    expect(option!.code).toBe(2);
    expect(option!.stderr).toContain("usage: isnad verify");
    expect(json!.code).toBe(2);
    expect(JSON.parse(json!.stdout)).toEqual({
      error: { message: expect.stringContaining("--original"), exitCode: 2 },
    });
  }, 120_000);
});
