/**
 * Issue #14: a publisher's page (/p/{id}, by publication date, paged) and its Atom feed, parsed
 * as XML by the browser; HTML error pages for /s/* and /p/*; footer links that lead to pages,
 * never raw JSON; /about with the served CLI's SHA-256.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "@isnad/core";
import { startTestStack, type TestStack } from "../support/local-stack";
import { launchBrowser, screenshot, type TestBrowser } from "./browser";
import { lowContrast } from "./contrast";

let stack: TestStack;
let browser: TestBrowser;
const id = `ministry-${Date.now()}`;
const ids: Record<string, string> = {};

async function upload(body: string, fields: Record<string, string>, key: string) {
  const form = new FormData();
  form.set("file", new File([body], "statement.txt", { type: "text/plain" }));
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const res = await fetch(`${stack.url}/v1/statements`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  await stack.services.publishers.create(id, {
    names: { ar: "وزارة الإعلام", en: "Ministry of Information" },
    domain: "moi.example",
    url: "https://moi.example/",
  });
  const { apiKey } = await stack.services.publishers.issueKey(id);
  // Uploaded out of publication order; one states no date (it sorts by its archiving day, today).
  ids.middle = await upload(
    `بيان أول ${id}`,
    { title: "بيان آذار", language: "ar", publishedAt: "2025-03-01" },
    apiKey,
  );
  ids.undated = await upload(`بيان بلا تاريخ ${id}`, { title: "بيان بلا تاريخ", language: "ar" }, apiKey);
  ids.oldest = await upload(
    `Statement & <markup> ${id}`,
    { title: `Q&A <b>"quoted"</b> & more`, language: "en", publishedAt: "2024-12-31" },
    apiKey,
  );
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("the publisher page", () => {
  it("lists its statements newest publication first, a page at a time", async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.url}/p/${id}?limit=2&lang=ar`);
    await expect(page.locator("h1").textContent()).resolves.toBe("وزارة الإعلام");
    await expect(page.locator("main").textContent()).resolves.toContain("Ministry of Information");
    await expect(
      page.locator('a.source[rel="noopener noreferrer nofollow"]').getAttribute("href"),
    ).resolves.toBe("https://moi.example/");
    const first = await page
      .locator("ol.statements > li")
      .evaluateAll((lis) => lis.map((li) => li.getAttribute("data-statement")));
    expect(first).toEqual([ids.undated, ids.middle]);
    await expect(
      page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href"),
    ).resolves.toBe(`${stack.url}/p/${id}/feed.atom`);
    expect(await lowContrast(page)).toEqual([]);
    await screenshot(page, "publisher-page-ar");

    await page.click('nav.pager a[rel="next"]');
    await page.waitForURL(/cursor=/);
    const second = await page
      .locator("ol.statements > li")
      .evaluateAll((lis) => lis.map((li) => li.getAttribute("data-statement")));
    expect(second).toEqual([ids.oldest]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("ar");
    await expect(page.locator(`a[href="/s/${ids.oldest}?lang=ar"]`).textContent()).resolves.toBe(
      `Q&A <b>"quoted"</b> & more`,
    );
    await page.close();
  });

  it("has an Atom feed that parses as XML, with one entry per statement", async () => {
    const res = await fetch(`${stack.url}/p/${id}/feed.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await res.text();
    const page = await browser.newPage();
    await page.goto(`${stack.url}/?lang=en`);
    const feed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const error = doc.getElementsByTagName("parsererror")[0]?.textContent ?? null;
      const ATOM = "http://www.w3.org/2005/Atom";
      const root = doc.documentElement;
      const child = (el: Element, name: string) =>
        [...el.children].find((c) => c.namespaceURI === ATOM && c.localName === name);
      const entries = [...root.children].filter((c) => c.localName === "entry");
      return {
        error,
        ns: root.namespaceURI,
        name: root.localName,
        id: child(root, "id")?.textContent,
        title: child(root, "title")?.textContent,
        updated: child(root, "updated")?.textContent,
        author: child(child(root, "author")!, "name")?.textContent,
        self: [...root.children]
          .find((c) => c.localName === "link" && c.getAttribute("rel") === "self")
          ?.getAttribute("href"),
        entries: entries.map((e) => ({
          id: child(e, "id")?.textContent,
          title: child(e, "title")?.textContent,
          updated: child(e, "updated")?.textContent,
          published: child(e, "published")?.textContent,
          alternate: [...e.children]
            .find((c) => c.localName === "link" && c.getAttribute("rel") === "alternate")
            ?.getAttribute("href"),
        })),
      };
    }, xml);
    await page.close();
    expect(feed.error).toBeNull();
    expect(feed).toMatchObject({
      ns: "http://www.w3.org/2005/Atom",
      name: "feed",
      id: `${stack.url}/p/${id}`,
      title: "وزارة الإعلام",
      author: "وزارة الإعلام",
      self: `${stack.url}/p/${id}/feed.atom`,
    });
    // RFC 4287 §3.3 date constructs: RFC 3339 date-times.
    const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
    expect(feed.updated).toMatch(RFC3339);
    expect(feed.entries.map((e) => e.id)).toEqual(
      [ids.undated, ids.middle, ids.oldest].map((s) => `${stack.url}/s/${s}`),
    );
    for (const e of feed.entries) {
      expect(e.alternate).toBe(e.id);
      expect(e.updated).toMatch(RFC3339);
      expect(e.published).toMatch(RFC3339);
    }
    expect(feed.entries[1]!.published).toBe("2025-03-01T00:00:00.000Z");
    expect(feed.entries[2]!.title).toBe(`Q&A <b>"quoted"</b> & more`);
  });
});

describe("pages fail as pages", () => {
  it("answers mistyped /s/ and /p/ links with HTML 404 and 400 pages in the reader's language", async () => {
    const cases: [string, number][] = [
      [`/s/${"0".repeat(32)}`, 404],
      ["/s/not-an-id!", 400],
      ["/s/abc/def", 404],
      ["/p/no-such-publisher", 404],
      ["/p/Not_An_Id", 400],
      [`/p/${id}?cursor=garbage`, 400],
      // the API's statement URL, asked for by a browser, and a query string refused before any page
      [`/v1/statements/${"0".repeat(32)}`, 404],
      ["/s/x?lang=%ff", 400],
    ];
    for (const [path, status] of cases) {
      const res = await fetch(`${stack.url}${path}`, { headers: { accept: "text/html" } });
      expect(res.status, path).toBe(status);
      expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
      const body = await res.text();
      expect(body, path).toMatch(/^<!doctype html>/);
      expect(body, path).toContain(`data-status="${status}"`);
    }
    const en = await fetch(`${stack.url}/s/${"0".repeat(32)}`, { headers: { "accept-language": "en" } });
    expect(await en.text()).toContain("Not in the archive");
    const page = await browser.newPage();
    await page.goto(`${stack.url}/s/${"0".repeat(32)}`);
    await expect(page.locator("h1").textContent()).resolves.toBe("ليس في الأرشيف");
    await screenshot(page, "error-404-ar");
    await page.close();
  });

  it("leads every footer link to a page, never to raw JSON, and shows the CLI's SHA-256", async () => {
    const page = await browser.newPage();
    for (const path of ["/", `/s/${stack.seeded[0]!.id}`, `/p/${id}`, "/about"]) {
      await page.goto(`${stack.url}${path}`);
      const hrefs = await page
        .locator("footer a")
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs.length, path).toBeGreaterThan(0);
      for (const href of hrefs) {
        const res = await fetch(href);
        expect(res.headers.get("content-type"), href).toMatch(/^text\/html/);
      }
    }
    await page.goto(`${stack.url}/about?lang=en`);
    const cli = await (await fetch(`${stack.url}/cli/isnad.mjs`)).text();
    await expect(page.locator("[data-cli-sha256]").textContent()).resolves.toBe(
      sha256Hex(new TextEncoder().encode(cli)),
    );
    expect(await lowContrast(page)).toEqual([]);
    await screenshot(page, "about-en");
    await page.close();
  });
});
