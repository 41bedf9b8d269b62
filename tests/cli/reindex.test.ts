/** `isnad reindex` against a running local archive: a summary, progress on stderr, idempotent. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/local-stack";
import { runCli } from "../support/cli";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

describe("isnad reindex", () => {
  it("rebuilds the index of every committed statement, and again with the same result", async () => {
    const env = { ISNAD_DATA_DIR: stack.dataDir };
    const first = await runCli(["reindex", "--json"], env);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as { statements: number; indexed: number; items: number };
    expect(summary.statements).toBe(stack.seeded.length);
    expect(summary.indexed).toBe(stack.seeded.length);
    expect(summary.items).toBeGreaterThan(100);

    const second = await runCli(["reindex"], env);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/reindex: \d+ statements/);
    expect(second.stdout).toContain(`${summary.items} index items written`);

    const res = await fetch(
      `${stack.url}/v1/verify?${new URLSearchParams({ text: "خلال الأيام الأربعة الماضية فقط" })}`,
    );
    expect(((await res.json()) as { verdict: string }).verdict).toBe("altered");
  }, 180_000);
});
