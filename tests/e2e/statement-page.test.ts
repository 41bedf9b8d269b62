/**
 * Issue #14, the statement page people read and cite, in real headless Chromium: the text
 * (right-to-left, the verified passage marked), the source as a safe link, link-preview meta, a
 * citation with copy buttons, the diff against the superseded version, the publisher by name,
 * corrections, who archived the bytes first, Accept-Language and one digit style per language.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFile, startTestStack, type TestStack } from "../support/local-stack";
import { launchBrowser, screenshot, type TestBrowser } from "./browser";
import { lowContrast } from "./contrast";

let stack: TestStack;
let browser: TestBrowser;
let seedId: string;
let pressKey: string;
const tag = `${Date.now()}`;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  seedId = stack.seeded[0]!.id;
  await stack.services.publishers.create(`press-${tag}`, {
    names: { ar: "المكتب الإعلامي للمدينة", en: "City Press Office" },
    domain: "city.example",
    url: "https://city.example/press",
  });
  pressKey = (await stack.services.publishers.issueKey(`press-${tag}`)).apiKey;
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function upload(
  body: string | Uint8Array<ArrayBuffer>,
  fields: Record<string, string>,
  key = pressKey,
) {
  const form = new FormData();
  form.set("file", new File([body], "statement.txt", { type: "text/plain" }));
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const res = await fetch(`${stack.url}/v1/statements`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe("the statement page", () => {
  it("shows the text right-to-left and marks the passage a verify result found", async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.url}/?lang=ar`);
    const quote = "ارتكبت نحو ٨٠ خرقا لاتفاق وقف اطلاق النار";
    await page.fill("#quote", quote);
    await page.click("#quote-form button[type=submit]");
    const link = page.locator(`[data-statement="${seedId}"] a[href^="/s/${seedId}"]`).first();
    await link.waitFor();
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(new RegExp(`^/s/${seedId}\\?lang=ar#q=\\d+-\\d+`));
    await link.click();
    await page.locator("#stext mark[data-hl]").first().waitFor();

    const text = await (await fetch(`${stack.url}/v1/statements/${seedId}/text`)).text();
    expect(await page.locator("#stext").textContent()).toBe(text);
    expect(await page.locator("#stext").evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    const [start, end] = /#q=(\d+)-(\d+)/.exec(href)!.slice(1).map(Number) as [number, number];
    const marked = await page.locator("#stext mark[data-hl]").allTextContents();
    expect(marked.join("")).toBe(text.slice(start, end));
    expect(marked.join("")).toContain("خرقا");
    await expect(page.locator("#hl-note").isVisible()).resolves.toBe(true);
    await screenshot(page, "statement-highlight-ar");

    // The same passage marked by the server, from ?hl= (a link that works without the script).
    const server = await (await fetch(`${stack.url}/s/${seedId}?hl=${start}-${end}`)).text();
    expect(server).toContain(`<mark id="hl" data-hl>${text.slice(start, end)}</mark>`);
    await page.close();
  });

  it("names the publisher, links the source safely, describes itself for previews, and cites", async () => {
    const id = await upload(`بيان المكتب الإعلامي رقم ${tag}: أُغلق الطريق 12 ساعة.`, {
      title: `إغلاق الطريق ${tag}`,
      language: "ar",
      publishedAt: "2026-03-01",
      sourceUrl: "https://city.example/press/road?id=1",
    });
    const context = browser.context;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: stack.url });
    const page = await browser.newPage();
    await page.goto(`${stack.url}/s/${id}?lang=ar`);
    await expect(page.locator("[data-publisher] a").first().textContent()).resolves.toBe(
      "المكتب الإعلامي للمدينة",
    );
    await expect(page.locator("[data-publisher] a").first().getAttribute("href")).resolves.toBe(
      `/p/press-${tag}?lang=ar`,
    );
    const source = page.locator("a.source");
    await expect(source.getAttribute("href")).resolves.toBe("https://city.example/press/road?id=1");
    await expect(source.getAttribute("rel")).resolves.toBe("noopener noreferrer nofollow");
    await expect(page.locator('meta[property="og:title"]').getAttribute("content")).resolves.toBe(
      `إغلاق الطريق ${tag}`,
    );
    await expect(page.locator('meta[property="og:url"]').getAttribute("content")).resolves.toBe(
      `${stack.url}/s/${id}`,
    );
    await expect(page.locator('meta[name="description"]').getAttribute("content")).resolves.toContain(
      "المكتب الإعلامي للمدينة: بيان المكتب الإعلامي",
    );

    const plain = (await page.locator("#cite-plain").textContent())!;
    expect(plain).toContain("المكتب الإعلامي للمدينة");
    expect(plain).toContain(`${stack.url}/s/${id}`);
    const csl = JSON.parse((await page.locator("#cite-csl").textContent())!) as Record<string, unknown>[];
    expect(csl[0]).toMatchObject({
      URL: `${stack.url}/s/${id}`,
      author: [{ literal: "المكتب الإعلامي للمدينة" }],
      issued: { "date-parts": [[2026, 3, 1]] },
    });
    expect(await page.locator("#cite-bibtex").textContent()).toMatch(/^@misc\{isnad-[0-9a-f]{12},\n/);

    // The copy buttons appear with the script, and copy.
    const copyLink = page.locator('button[data-copy="page-url"]');
    await expect(copyLink.isVisible()).resolves.toBe(true);
    await copyLink.click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(`${stack.url}/s/${id}`);
    expect(await lowContrast(page)).toEqual([]);
    await screenshot(page, "statement-page-ar");

    // One digit style: no Arabic-Indic digits outside the statement's own words.
    const chrome = await page.evaluate(() => {
      const main = document.querySelector("main")!.cloneNode(true) as HTMLElement;
      main.querySelectorAll("#stext, .diff, h1, [lang]:not(html)").forEach((el) => el.remove());
      return main.textContent ?? "";
    });
    expect(chrome).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
    expect(chrome).toMatch(/2026/);
    await page.close();
  });

  it("shows what changed from the superseded version, and the publisher's corrections", async () => {
    const v1 = await upload(`أعلنت البلدية إغلاق 3 طرق يوم الأحد ${tag}.`, {
      title: `الإغلاق ${tag}`,
      language: "ar",
    });
    const v2 = await upload(`أعلنت البلدية إغلاق 4 طرق يوم الاثنين ${tag}.`, {
      title: `الإغلاق المعدّل ${tag}`,
      language: "ar",
      supersedes: v1,
    });
    const corrected = await fetch(`${stack.url}/v1/statements/${v2}/corrections`, {
      method: "POST",
      headers: { authorization: `Bearer ${pressKey}`, "content-type": "application/json" },
      body: JSON.stringify({ publishedAt: "2026-03-02", reason: "نسينا التاريخ" }),
    });
    expect(corrected.status, await corrected.clone().text()).toBe(201);

    const page = await browser.newPage();
    await page.goto(`${stack.url}/s/${v2}?lang=en`);
    const diff = page.locator(`section[data-diff-against="${v1}"]`);
    await expect(diff.locator(".diff del").allTextContents()).resolves.toEqual([
      expect.stringContaining("3"),
      expect.stringContaining("الأحد"),
    ]);
    await expect(diff.locator(".diff ins").allTextContents()).resolves.toEqual([
      expect.stringContaining("4"),
      expect.stringContaining("الاثنين"),
    ]);
    const correction = page.locator('[data-correction="1"]');
    await expect(correction.textContent()).resolves.toContain("نسينا التاريخ");
    await expect(correction.locator("time").last().getAttribute("datetime")).resolves.toBe("2026-03-02");
    expect(await lowContrast(page)).toEqual([]);
    await screenshot(page, "statement-diff-corrections-en");
    await page.close();
  });

  it("says who archived the same bytes first", async () => {
    const seed = new Uint8Array(await readFile(seedFile));
    const copy = await upload(seed, { title: "نسخة" });
    const page = await browser.newPage();
    await page.goto(`${stack.url}/s/${copy}?lang=en`);
    const same = page.locator(`section[data-first-archived="${seedId}"]`);
    await expect(same.textContent()).resolves.toContain("archived the same file");
    await expect(same.locator(`a[href="/s/${seedId}?lang=en"]`).count()).resolves.toBe(1);
    await page.close();
  });

  it("honours Accept-Language when no ?lang= is given, and says it varies", async () => {
    const res = await fetch(`${stack.url}/s/${seedId}`, { headers: { "accept-language": "en-GB,en;q=0.9" } });
    expect(res.headers.get("vary")).toMatch(/accept-language/i);
    expect(await res.text()).toMatch(/<html lang="en" dir="ltr">/);
    const ar = await fetch(`${stack.url}/s/${seedId}`, { headers: { "accept-language": "fr, ar;q=0.5" } });
    expect(await ar.text()).toMatch(/<html lang="ar" dir="rtl">/);
    const page = await browser.newPage();
    // As an English browser sends it (this browser's own locale is Arabic).
    await page.route("**/*", (route) =>
      route.continue({ headers: { ...route.request().headers(), "accept-language": "en-US,en;q=0.9" } }),
    );
    await page.goto(`${stack.url}/s/${seedId}`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    // The switch link is explicit, so it switches even an English browser to Arabic.
    await page.click('header a[hreflang="ar"]');
    await page.waitForURL(/lang=ar/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("ar");
    await page.close();
  });
});
