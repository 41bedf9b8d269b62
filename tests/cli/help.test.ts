/** `--help` for every command and group, usage errors, and --json for failures (issue #7). */
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../packages/cli/src/commands";
import { runCli } from "../support/cli";

describe("isnad --help", () => {
  it("prints the usage of every command (exit 0)", async () => {
    const results = await Promise.all(COMMANDS.map((c) => runCli([...c.name.split(" "), "--help"])));
    results.forEach((result, i) => {
      const name = COMMANDS[i]!.name;
      expect(result.code, name).toBe(0);
      expect(result.stdout, name).toMatch(new RegExp(`^usage: isnad ${name}`));
      expect(result.stdout, name).toContain("--json");
    });
  }, 120_000); // one process per command, all at once: slow on 2 shared cores

  it("lists every command in the main help, and a group's commands in its help", async () => {
    const [main, short, group, helpWord] = await Promise.all([
      runCli(["--help"]),
      runCli(["-h"]),
      runCli(["receipt", "--help"]),
      runCli(["help", "verify"]),
    ]);
    expect(main.code).toBe(0);
    for (const c of COMMANDS) expect(main.stdout).toContain(c.name);
    expect(short.stdout).toBe(main.stdout);
    expect(group.code).toBe(0);
    expect(group.stdout).toContain("isnad receipt verify");
    expect(group.stdout).toContain("isnad receipt fetch");
    expect(helpWord.stdout).toMatch(/^usage: isnad verify/);
  });

  it("exits 2 with the usage for unknown commands and options, with a JSON error under --json", async () => {
    const [none, unknown, option, json] = await Promise.all([
      runCli([]),
      runCli(["frobnicate"]),
      runCli(["verify", "--frob"]),
      runCli(["--json", "receipt", "verify", "--receipt", "r.json"]),
    ]);
    expect(none.code).toBe(2);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("usage: isnad verify");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      error: { message: expect.stringContaining("--original"), exitCode: 2 },
    });
  });
});
