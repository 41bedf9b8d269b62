/**
 * `isnad publisher create|update` with names in Arabic and Latin, a domain and a URL, against a
 * running local archive; the names then show over HTTP and in `isnad verify`'s output.
 */
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/local-stack";
import { runCli } from "../support/cli";

let stack: TestStack;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  stack = await startTestStack({ rateLimits: false });
  env = { ISNAD_DATA_DIR: stack.dataDir, ISNAD_SERVER: stack.url };
  dir = await mkdtemp(join(tmpdir(), "isnad-cli-publisher-"));
});
afterAll(async () => {
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const getJson = async (path: string) => (await (await fetch(`${stack.url}${path}`)).json()) as any;

describe("isnad publisher create|update", () => {
  // Each CLI run starts a process with tsx: slow on a busy machine, so these tests get time.
  it(
    "creates a publisher with names, domain and URL; updates and removes them; verify names it",
    { timeout: 180_000 },
    async () => {
      const created = await runCli(
        [
          "publisher",
          "create",
          "mofa",
          "--name-ar",
          "وزارة الخارجية",
          "--name-en",
          "Ministry of Foreign Affairs",
          "--domain",
          "MOFA.gov.example",
          "--url",
          "https://mofa.gov.example/press",
          "--json",
        ],
        env,
      );
      expect(created.code, created.stderr).toBe(0);
      const { publisher, key } = JSON.parse(created.stdout) as { publisher: any; key: { apiKey: string } };
      expect(publisher).toMatchObject({
        id: "mofa",
        name: "Ministry of Foreign Affairs",
        names: { ar: "وزارة الخارجية", en: "Ministry of Foreign Affairs" },
        domain: "mofa.gov.example",
        url: "https://mofa.gov.example/press",
      });
      expect(await getJson("/v1/publishers/mofa")).toMatchObject({ name: "Ministry of Foreign Affairs" });

      const updated = await runCli(
        ["publisher", "update", "mofa", "--name-lang", "fr=Ministère des Affaires étrangères", "--no-url"],
        env,
      );
      expect(updated.code, updated.stderr).toBe(0);
      expect(updated.stdout).toContain("updated publisher 'mofa'");
      expect(updated.stdout).toContain("Ministère des Affaires étrangères");
      const shown = await getJson("/v1/publishers/mofa");
      expect(shown.names).toEqual({
        ar: "وزارة الخارجية",
        en: "Ministry of Foreign Affairs",
        fr: "Ministère des Affaires étrangères",
      });
      expect(shown.url).toBeUndefined();
      expect(shown.domain).toBe("mofa.gov.example");

      // A statement of theirs, verified with the CLI: the names and domain are in its output.
      const file = join(dir, "statement.txt");
      await writeFile(file, `بيان وزارة الخارجية ${Date.now()}`);
      const res = await fetch(`${stack.url}/v1/statements`, {
        method: "POST",
        headers: { authorization: `Bearer ${key.apiKey}`, "content-type": "text/plain; charset=utf-8" },
        body: await (await import("node:fs/promises")).readFile(file),
      });
      expect(res.status).toBe(201);
      const verified = await runCli(["verify", file], env);
      expect(verified.code, verified.stderr).toBe(0);
      expect(verified.stdout).toContain(
        "publisher  Ministry of Foreign Affairs · وزارة الخارجية · Ministère des Affaires étrangères (mofa.gov.example) [mofa]",
      );
    },
  );

  it(
    "refuses bad profiles with exit 1 and a plain message, bad usage with exit 2",
    { timeout: 180_000 },
    async () => {
      const badDomain = await runCli(
        ["publisher", "create", "bad-domain", "--name-en", "X", "--domain", "http://x"],
        env,
      );
      expect(badDomain.code).toBe(1);
      expect(badDomain.stderr).toContain("domain:");
      const noName = await runCli(["publisher", "create", "no-name"], env);
      expect(noName.code).toBe(1);
      expect(noName.stderr).toContain("needs a name");
      const unknown = await runCli(["publisher", "update", "nobody", "--domain", "x.example"], env);
      expect(unknown.code).toBe(1);
      const usage = await runCli(["publisher", "update", "mofa", "--name-lang", "broken"], env);
      expect(usage.code).toBe(2);
    },
  );
});
