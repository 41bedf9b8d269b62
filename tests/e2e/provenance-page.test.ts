/**
 * Issue #7, the provenance page (/s/{id}) in real headless Chromium: the record in words, its
 * history, downloads that give back the archived bytes and a receipt, the proofs checked, the
 * offline steps; Arabic right-to-left and English left-to-right; hostile titles and file names
 * shown as text, never run.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReceipt, sha256Hex } from "@isnad/core";
import { seedFile, startTestStack, type TestStack } from "../support/local-stack";
import { launchBrowser, screenshot, type TestBrowser } from "./browser";
import { lowContrast } from "./contrast";

let stack: TestStack;
let browser: TestBrowser;
let seedId: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  seedId = stack.seeded[0]!.id;
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function upload(body: string, fields: Record<string, string>, filename?: string) {
  const form = new FormData();
  form.set("file", new File([body], filename ?? "statement.txt", { type: "text/plain" }));
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const res = await fetch(`${stack.url}/v1/statements`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.apiKey}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe("the provenance page", () => {
  it("shows the record in words, its proofs and the offline steps, right-to-left", async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.url}/s/${seedId}`);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      "ar",
      "rtl",
    ]);
    const seed = new Uint8Array(await readFile(seedFile));
    await expect(page.locator("main dd code.hash").textContent()).resolves.toBe(sha256Hex(seed));
    await expect(page.locator('[data-proof="signature"]').getAttribute("data-ok")).resolves.toBe("true");
    await expect(page.locator('[data-proof="inclusion"]').getAttribute("data-ok")).resolves.toBe("true");
    const commands = await page.locator("#offline-h ~ ol pre").allTextContents();
    expect(commands).toHaveLength(5);
    expect(commands[0]).toBe(`curl -fsSL -o isnad.mjs ${stack.url}/cli/isnad.mjs`);
    expect(commands[4]).toMatch(
      /^node isnad\.mjs receipt verify --receipt receipt\.json --original \S+ --keys keys\.json$/,
    );
    expect(commands[1]).toContain(`${stack.url}/v1/statements/${seedId}/original`);

    // The download links give back the archived bytes and a receipt that parses.
    const fetched = await page.evaluate(async (id) => {
      const original = await fetch(`/v1/statements/${id}/original`).then((r) => r.arrayBuffer());
      const receipt = await fetch(`/v1/statements/${id}/receipt`).then((r) => r.text());
      return { original: [...new Uint8Array(original)], receipt };
    }, seedId);
    expect(sha256Hex(Uint8Array.from(fetched.original))).toBe(sha256Hex(seed));
    expect(parseReceipt(fetched.receipt).leafIndex).toBeGreaterThanOrEqual(0);
    await screenshot(page, "provenance-ar");
    await page.close();
  });

  it("switches to English, left-to-right", async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.url}/s/${seedId}`);
    await page.click('header a[hreflang="en"]');
    await page.waitForURL(/lang=en/);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("ltr");
    await expect(page.locator("#proofs-h").textContent()).resolves.toBe("Proofs the server checked");
    await screenshot(page, "provenance-en");
    await page.close();
  });

  it("shows versions and translations, and warns on a superseded statement", async () => {
    const tag = Date.now();
    const v1 = await upload(`النسخة الأولى ${tag}`, { title: "الإصدار الأول", language: "ar" });
    const v2 = await upload(`النسخة الثانية ${tag}`, {
      title: "الإصدار الثاني",
      language: "ar",
      supersedes: v1,
    });
    const en = await upload(`The English version ${tag}`, {
      title: "First version",
      language: "en",
      translationOf: v1,
    });
    const page = await browser.newPage();
    await page.goto(`${stack.url}/s/${v1}`);
    await expect(page.locator("[data-superseded] a").getAttribute("href")).resolves.toBe(`/s/${v2}?lang=ar`);
    const history = await page.locator("#history-h ~ ol li").allTextContents();
    expect(history.map((s) => s.replace(/\s+/g, " ").trim().split(" — ")[0])).toEqual([
      "الإصدار الأول (هذه النسخة)",
      "الإصدار الثاني",
    ]);
    await expect(page.locator(`a[href="/s/${en}?lang=ar"]`).getAttribute("lang")).resolves.toBe("en");
    expect(await lowContrast(page)).toEqual([]);
    await screenshot(page, "provenance-superseded-ar");
    await page.close();
  });

  it("shows hostile titles and file names as text, on the provenance page and in verify results", async () => {
    const hostile = `<img src=x onerror="document.title='pwned'"> هجوم ${Date.now()}`;
    const body = `نص البيان المؤرشف الذي يحمل عنواناً عدائياً للاختبار ${Date.now()}`;
    const id = await upload(body, { title: hostile }, `"><img src=x onerror=alert(1)>.txt`);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${stack.url}/s/${id}`);
    await expect(page.locator("h1").textContent()).resolves.toBe(hostile);
    expect(await page.locator("main img").count()).toBe(0);
    await page.goto(`${stack.url}/`);
    await page.fill("#quote", body.slice(0, 40));
    await page.click("#quote-form button[type=submit]");
    await page.locator("#result [data-verdict]").waitFor();
    await expect(page.locator(`[data-statement="${id}"] h3`).textContent()).resolves.toBe(hostile);
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.title()).not.toBe("pwned");
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
