/** Kill and restart: everything archived, and the publisher key, survive in the data dir. */
import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { startTestStack } from "../support/local-stack";

let dataDir: string | undefined;
afterAll(() => (dataDir ? rm(dataDir, { recursive: true, force: true }) : undefined));

describe("restart", () => {
  it("keeps statements, originals, the signing key and the API key", async () => {
    const first = await startTestStack();
    dataDir = first.dataDir;
    const res = await fetch(`${first.url}/v1/statements`, {
      method: "POST",
      headers: { authorization: `Bearer ${first.apiKey}`, "content-type": "text/plain" },
      body: "kept across restarts",
    });
    const { id } = (await res.json()) as { id: string };
    const keys = await (await fetch(`${first.url}/v1/keys`)).json();
    await first.stop();

    const second = await startTestStack({ dataDir });
    try {
      expect(second.apiKey).toBe(first.apiKey);
      expect(second.seeded.every((s) => !s.created)).toBe(true);
      expect(await (await fetch(`${second.url}/v1/statements/${id}/original`)).text()).toBe(
        "kept across restarts",
      );
      expect(await (await fetch(`${second.url}/v1/keys`)).json()).toEqual(keys);
      const again = await fetch(`${second.url}/v1/statements`, {
        method: "POST",
        headers: { authorization: `Bearer ${second.apiKey}`, "content-type": "text/plain" },
        body: "kept across restarts",
      });
      expect(again.status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});
