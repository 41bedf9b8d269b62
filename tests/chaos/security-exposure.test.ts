/**
 * Issue #8, security (what must not leak out): titles and file names escaped in the pages —
 * server-rendered and the verify page's results in a real browser — `sourceUrl` never fetched,
 * and no secret in the server's output. The authorization matrix, rate limits and headers are in
 * security.test.ts; both report as the "security" row of the chaos table.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { archiveAs, bearer, notes, stack, traffic, useSecurityStack } from "./security-harness";
import { formatBase64, formatHex, parseHex, sha256, utf8 } from "@isnad/core";
import { keys, originalKey } from "@isnad/archive";
import { launchBrowser } from "../e2e/browser";
import { DirectAccess } from "./direct-access";
import { makeDocument, uploadRequest } from "./documents";
import { startChaosServer } from "./server";
import { Traffic, sleep } from "./traffic";

useSecurityStack();

describe("escaping", () => {
  const TITLE = `<img src=x onerror="alert('t')"><script>alert(1)</script>"'&`;
  const FILENAME = `"><svg onload=alert(2)>.txt`;

  it("escapes titles and file names in the provenance page", async () => {
    const { status, body } = await archiveAs(stack.apiKey, { title: TITLE }, FILENAME);
    expect(status).toBe(201);
    for (const path of [`/s/${body.id}`, `/s/${body.id}?lang=en`, `/s/${body.id}?lang=<script>`]) {
      const page = await (await traffic.fetch(path)).text();
      expect(page).not.toContain("<img src=x");
      expect(page).not.toContain("<script>alert(1)");
      expect(page).not.toContain("<svg onload");
      expect(page).not.toContain("lang=<script>");
      expect(page).toContain("&lt;img src=x");
    }
  });

  it("escapes them in the verify page's results, in a real browser", async () => {
    const { body, doc } = await archiveAs(stack.apiKey, { title: TITLE }, FILENAME);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      for (const url of [
        `/?sha256=${formatHex(sha256(doc.bytes))}`,
        `/?text=${encodeURIComponent(doc.sentence)}`,
      ]) {
        await page.goto(stack.url + url);
        await page.locator(`#result [data-statement="${body.id}"]`).first().waitFor({ timeout: 15_000 });
        expect(await page.locator("#result img, #result svg, #result script").count()).toBe(0);
        expect(await page.locator("#result h3").first().textContent()).toBe(TITLE);
      }
      // A dropped file's own name is shown as text too.
      await page.goto(stack.url + "/");
      await page.setInputFiles("#file", {
        name: FILENAME,
        mimeType: "text/plain",
        buffer: Buffer.from(doc.bytes),
      });
      await page.locator("#result [data-verdict]").waitFor({ timeout: 15_000 });
      expect(await page.locator("#result img, #result svg, #result script").count()).toBe(0);
      expect(await page.locator("#result").textContent()).toContain(FILENAME);
      expect(dialogs).toEqual([]);
      notes.push(
        "escaping: a hostile title and file name render as text on the provenance page and in the verify page's results (Chromium, hash, quote and dropped file)",
      );
    } finally {
      await browser.close();
    }
  });
});

describe("sourceUrl", () => {
  it("is recorded, shown, and never fetched", async () => {
    let hits = 0;
    const source: Server = createServer((_req, res) => {
      hits++;
      res.end("hello");
    });
    await new Promise<void>((resolve) => source.listen(0, "127.0.0.1", resolve));
    const sourceUrl = `http://127.0.0.1:${(source.address() as AddressInfo).port}/press/statement-1`;
    try {
      const { status, body } = await archiveAs(stack.apiKey, { sourceUrl });
      expect(status).toBe(201);
      const record = (await traffic.json<{ record: { sourceUrl: string } }>(`/v1/statements/${body.id}`)).body
        .record;
      expect(record.sourceUrl).toBe(sourceUrl);
      for (const path of [
        `/s/${body.id}`,
        `/v1/statements/${body.id}/receipt`,
        `/v1/statements/${body.id}/versions`,
      ]) {
        await (await traffic.fetch(path)).arrayBuffer();
      }
      await sleep(500);
      expect(hits).toBe(0);
      notes.push(
        `sourceUrl: archived, listed and shown with a loopback sourceUrl → ${hits} requests reached it`,
      );
    } finally {
      source.close();
    }
  });
});

describe("secrets", () => {
  it("never appear in the server's output, through uploads, failures and 500s", async () => {
    const server = await startChaosServer();
    try {
      const t = new Traffic(server.url);
      const issued = await server.newPublisher("secret-office");
      await server.publishers.revokeKey((await server.publishers.issueKey("secret-office")).keyId);
      const seedHex = (await readFile(join(server.dataDir, "signing-key.hex"), "utf8")).trim();
      const secrets = [
        server.apiKey,
        issued.apiKey,
        issued.apiKey.slice(`isnad_${issued.keyId}_`.length),
        seedHex,
        formatBase64(parseHex(seedHex)),
      ];

      // Uploads with both keys, then failures of every kind.
      const ids: { id: string; sha: string }[] = [];
      for (const key of [server.apiKey, issued.apiKey, server.apiKey]) {
        const doc = await makeDocument("text");
        const { path, init } = uploadRequest(doc, key, ids.length);
        const res = await t.json<{ id: string }>(path, init);
        expect(res.status).toBe(201);
        ids.push({ id: res.body.id, sha: formatHex(sha256(doc.bytes)) });
      }
      for (const headers of [
        bearer(`${issued.apiKey}x`),
        bearer(server.apiKey.slice(0, -1)),
        { authorization: server.apiKey },
      ]) {
        await (
          await t.fetch("/v1/statements", {
            method: "POST",
            headers: { ...headers, "content-type": "text/plain" },
            body: "x",
          })
        ).arrayBuffer();
      }
      await (
        await t.fetch(`/v1/statements?title=${encodeURIComponent(issued.apiKey)}`, {
          method: "POST",
          headers: { ...bearer(issued.apiKey), "content-type": "text/plain" },
          body: "",
        })
      ).arrayBuffer();
      // 500s: damage a stored original and a stored record behind the server's back.
      const direct = await DirectAccess.open(server.dataDir);
      try {
        await direct.writeObject(originalKey(ids[0]!.sha), { bytes: utf8("damaged"), metadata: {} });
        const key = keys.statement(ids[1]!.id);
        await direct.items.put({ ...(await direct.items.get(key.pk, key.sk))!, entry: "{not json" });
      } finally {
        direct.close();
      }
      const fivexx = [];
      for (const path of [
        `/v1/statements/${ids[0]!.id}/original`,
        `/v1/statements/${ids[1]!.id}`,
        `/v1/statements/${ids[1]!.id}/receipt`,
      ]) {
        const res = await t.fetch(path, { headers: bearer(server.apiKey) }, { allow5xx: [500] });
        await res.arrayBuffer();
        fivexx.push(res.status);
      }
      expect(fivexx).toEqual([500, 500, 500]);
      // The server logs each 500 as one line on stderr; wait until all three have come through.
      const logged = () => server.output().match(/"level":"error"/g)?.length ?? 0;
      for (let waited = 0; logged() < 3 && waited < 10_000; waited += 50) await sleep(50);
      const output = server.output();
      expect(logged()).toBeGreaterThanOrEqual(3); // the 500s were logged…
      const leaked = secrets.filter((s) => output.includes(s));
      expect(leaked.map((s) => `${s.slice(0, 6)}…`)).toEqual([]); // …and nothing secret with them
      traffic.requests += t.requests;
      notes.push(
        `secrets: ${output.length} bytes of server output over uploads, 401s, 400s and three 500s; none of ${secrets.length} secrets (API keys, key secret, signing seed hex/base64) in it`,
      );
    } finally {
      await server.close();
    }
  });
});
