/** `isnad publisher create` and `isnad key issue|revoke` against a running local archive. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/local-stack";
import { runCli } from "../support/cli";

let stack: TestStack;
let env: Record<string, string>;

beforeAll(async () => {
  stack = await startTestStack();
  env = { ISNAD_DATA_DIR: stack.dataDir };
});
afterAll(() => stack?.close());

const upload = (key: string) =>
  fetch(`${stack.url}/v1/statements`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" },
    body: `from the CLI test ${Date.now()} ${Math.random()}`,
  });

describe("isnad admin commands", () => {
  it("creates a publisher whose key uploads, issues a second key, and revokes it", async () => {
    const created = await runCli(["publisher", "create", "cli-press", "CLI Press Office", "--json"], env);
    expect(created.code).toBe(0);
    const { key } = JSON.parse(created.stdout) as { key: { apiKey: string; keyId: string } };
    expect((await upload(key.apiKey)).status).toBe(201);

    const issued = await runCli(["key", "issue", "cli-press"], env);
    expect(issued.code).toBe(0);
    const second = /API key \(shown once; store it safely\): (\S+)/.exec(issued.stdout)![1]!;
    expect((await upload(second)).status).toBe(201);

    const keyId = second.split("_")[1]!;
    const revoked = await runCli(["key", "revoke", keyId], env);
    expect(revoked.code).toBe(0);
    expect((await upload(second)).status).toBe(401);
    expect((await upload(key.apiKey)).status).toBe(201);
  });

  it("exits 1 with a message for a duplicate publisher or an unknown key, 2 for bad usage", async () => {
    const dup = await runCli(["publisher", "create", stack.publisher, "again"], env);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain("exists already");
    const unknown = await runCli(["key", "revoke", "0000000000000000"], env);
    expect(unknown.code).toBe(1);
    const usage = await runCli(["key", "issue"], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("usage: isnad key issue <publisher>");
    const help = await runCli(["--help"], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("publisher create");
  });
});
