/**
 * The press office's path with the CLI (issue #17), as a separate process against isnad over
 * HTTP, with the real DNS, TLS and HTTPS of domain-fixture.ts: `init --generate` makes a key and
 * prints the well-known file; once that file is served, `add` registers the key; `rotate` retires
 * it when the file no longer lists it; `revoke` distrusts it. A key the file does not list is
 * refused with the server's words and exit code 1.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli";
import { startDomainWorld, type DomainWorld } from "./domain-fixture";

let world: DomainWorld;
let server: ServerType;
let url: string;
let dir: string;

beforeAll(async () => {
  world = await startDomainWorld();
  dir = await mkdtemp(join(tmpdir(), "isnad-domain-cli-"));
  server = serve({ fetch: world.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await world?.close();
  await rm(dir, { recursive: true, force: true });
});

const cli = (args: string[]) =>
  runCli(["publisher", "domain-key", ...args, "--server", url], { ISNAD_API_KEY: world.apiKeys.plain! });

describe("isnad publisher domain-key", () => {
  it("init, add, rotate and revoke a key of plain.example", async () => {
    const key = join(dir, "press.key");
    const wellKnown = join(dir, "isnad-publisher");
    const init = await cli([
      "init",
      "--domain",
      "plain.example",
      "--key",
      key,
      "--generate",
      "--out",
      wellKnown,
      "--json",
    ]);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    const printed = JSON.parse(init.stdout);
    expect(printed.url).toBe("https://plain.example/.well-known/isnad-publisher");
    expect(printed.txt.name).toBe("_isnad.plain.example");
    expect(printed.txt.value).toBe(`v=isnad1; k=${printed.keyId}`);

    // Not served yet: the server says what is wrong.
    world.serveFile("plain.example", world.fileFor("plain.example", [5]));
    const early = await cli(["add", "--domain", "plain.example", "--key", key, "--publisher", "plain"]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("does not list this key");

    world.serveFile("plain.example", await readFile(wellKnown, "utf8"));
    const add = await cli(["add", "--domain", "plain.example", "--key", key, "--publisher", "plain"]);
    expect(add.stderr).toBe("");
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(
      new RegExp(`^${printed.keyId} for plain.example: introduced \\(log entry \\d+\\)`),
    );

    const listed = await cli(["rotate", "--key", key, "--publisher", "plain"]);
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain("still lists");
    world.serveFile("plain.example", world.fileFor("plain.example", [5]));
    const rotate = await cli(["rotate", printed.keyId, "--publisher", "plain", "--json"]);
    expect(rotate.code).toBe(0);
    expect(JSON.parse(rotate.stdout).key.status).toBe("rotated");

    const revoke = await cli(["revoke", "--key", key, "--publisher", "plain", "--reason", "laptop lost"]);
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toContain("revoked");
    const keys = await world.services.archive.publisherKeys!.keysOf("plain");
    expect(keys.map((k) => [k.keyId, k.retiredBy])).toEqual([[printed.keyId, "revoked"]]);
  }, 240_000); // seven CLI processes, each a tsx start-up on shared cores

  it("is a usage error without --publisher, and exit 1 with another publisher's id", async () => {
    const usage = await cli(["add", "--domain", "plain.example", "--key", join(dir, "press.key")]);
    expect(usage.code).toBe(2);
    const other = await cli(["revoke", "ed25519:0123456789abcdef", "--publisher", "press"]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("acts for publisher 'plain', not 'press'");
  }, 120_000);
});
