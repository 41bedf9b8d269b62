/**
 * `isnad migrate-content` against a running local archive whose marker was removed (as an archive
 * from before content holders items): it lists every statement, sets the marker, and a second run
 * reads nothing; verify by hash still finds the seed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentHoldersMigrated, keys, readContentHolders } from "@isnad/archive";
import { startTestStack, type TestStack } from "../support/local-stack";
import { runCli } from "../support/cli";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

describe("isnad migrate-content", () => {
  it("lists every committed statement, marks the archive, and does nothing the second time", async () => {
    const items = stack.services.archive.items;
    const seed = (await items.get(`stmt#${stack.seeded[0]!.id}`, "record"))!;
    const hex = (JSON.parse(String(seed.entry)) as { original: { sha256: string } }).original.sha256;
    // As an archive from before the holders items: neither the marker nor the seed's item.
    const marker = keys.contentHoldersComplete();
    const holders = keys.contentHolders(hex);
    await items.delete(marker.pk, marker.sk);
    await items.delete(holders.pk, holders.sk);

    const env = { ISNAD_DATA_DIR: stack.dataDir };
    const first = await runCli(["migrate-content", "--json"], env);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as { ran: boolean; statements: number };
    expect(summary).toMatchObject({ ran: true, statements: stack.seeded.length });
    expect(await contentHoldersMigrated(items)).toBe(true);
    expect(await readContentHolders(items, hex)).toEqual([stack.seeded[0]!.id]);

    const second = await runCli(["migrate-content"], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("migrated already");

    const res = await fetch(`${stack.url}/v1/verify?sha256=${hex}`);
    expect(((await res.json()) as { verdict: string }).verdict).toBe("authentic");
  }, 180_000);
});
