/**
 * Issue #7, the verify page in real headless Chromium against the local stack: a dropped file is
 * hashed in the browser (never uploaded) and found authentic; a quote with added tashkeel is found
 * and highlighted; a changed number is ALTERED with the original beside the quote; the page stays
 * right-to-left, switches to English, and works from the keyboard alone.
 */
import { readFile } from "node:fs/promises";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "@isnad/core";
import { seedFile, startTestStack, type TestStack } from "../support/local-stack";
import { launchBrowser, screenshot, type TestBrowser } from "./browser";
import { lowContrast } from "./contrast";

const SENTENCE = "ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار، خلال الأيام الثلاثة الماضية فقط";
const WITH_TASHKEEL = "ارتَكَبَت نَحوَ 80 خَرقاً لاتِّفاق وَقف إطلاقِ النّار، خِلالَ الأيّامِ الثَّلاثةِ الماضِيَةِ فقط";
const TITLE = "الائتلاف الوطني يدين خروقات النظام في درعا ويدعو المجتمع الدولي لإيقافها";

let stack: TestStack;
let browser: TestBrowser;
let seedId: string;
let seedBytes: Uint8Array;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  seedId = stack.seeded[0]!.id;
  seedBytes = new Uint8Array(await readFile(seedFile));
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Opens the page and records every request it makes (to prove what leaves the machine). */
async function open(path = "/", size?: { width: number; height: number }) {
  const page = await browser.newPage(size);
  const requests: Request[] = [];
  page.on("request", (r) => requests.push(r));
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(stack.url + path);
  return { page, requests, errors };
}

async function verdictOf(page: Page): Promise<string> {
  const el = page.locator("#result [data-verdict]");
  await el.waitFor({ timeout: 15_000 });
  return (await el.getAttribute("data-verdict"))!;
}

async function verifyQuote(page: Page, quote: string): Promise<string> {
  await page.fill("#quote", quote);
  await page.click("#quote-form button[type=submit]");
  return verdictOf(page);
}

describe("the verify page", () => {
  it("is served with a strict CSP and loads its one script, cached by ETag", async () => {
    const res = await fetch(`${stack.url}/`);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const script = await fetch(`${stack.url}/assets/verify.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const etag = script.headers.get("etag")!;
    const again = await fetch(`${stack.url}/assets/verify.js`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    const missing = await fetch(`${stack.url}/assets/other.js`);
    expect([missing.status, missing.headers.get("content-type")]).toEqual([404, "application/problem+json"]);
  });

  it("is Arabic and right-to-left, with a label for every control", async () => {
    const { page, errors } = await open();
    const doc = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      unlabeled: [...document.querySelectorAll("input, textarea")]
        .filter((el) => !document.querySelector(`label[for="${el.id}"]`))
        .map((el) => el.id),
      live: document.getElementById("result")?.getAttribute("aria-live"),
    }));
    expect(doc).toEqual({ lang: "ar", dir: "rtl", unlabeled: [], live: "polite" });
    await screenshot(page, "verify-empty-ar");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("hashes a chosen file locally and finds it authentic, without uploading it", async () => {
    const { page, requests, errors } = await open();
    await page.setInputFiles("#file", seedFile);
    expect(await verdictOf(page)).toBe("authentic");
    const hex = sha256Hex(seedBytes);
    await expect(page.locator("[data-sha256]").getAttribute("data-sha256")).resolves.toBe(hex);
    await expect(page.locator(`#result [data-statement="${seedId}"] h3`).textContent()).resolves.toBe(TITLE);
    const verifyCalls = requests.filter((r) => r.url().includes("/v1/verify"));
    expect(verifyCalls.map((r) => [r.method(), new URL(r.url()).search])).toEqual([
      ["GET", `?sha256=${hex}`],
    ]);
    expect(requests.every((r) => r.method() === "GET" && !r.postData())).toBe(true);
    const links = await page
      .locator(`#result [data-statement="${seedId}"] .links a`)
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual([`/v1/statements/${seedId}/receipt`, `/s/${seedId}?lang=ar`]);
    expect(new URL(page.url()).searchParams.get("sha256")).toBe(hex);
    await screenshot(page, "verify-file-authentic-ar");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("accepts a file dropped on the drop zone", async () => {
    const { page } = await open();
    const text = new TextDecoder().decode(seedBytes);
    const transfer = await page.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], "dropped.txt", { type: "text/plain" }));
      return dt;
    }, text);
    await page.dispatchEvent("#drop", "dragover", { dataTransfer: transfer });
    await page.dispatchEvent("#drop", "drop", { dataTransfer: transfer });
    expect(await verdictOf(page)).toBe("authentic");
    await expect(page.locator("#result dd bdi").first().textContent()).resolves.toBe("dropped.txt");
    await page.close();
  });

  it("finds a quote with added tashkeel and highlights the passage in context", async () => {
    const { page } = await open();
    expect(await verifyQuote(page, WITH_TASHKEEL)).toBe("same-words");
    await expect(page.locator("[data-folded]").getAttribute("data-folded")).resolves.toContain("diacritics");
    const marked = await page.locator("#result blockquote.context mark").allTextContents();
    expect(marked.join("")).toBe(SENTENCE);
    const context = (await page.locator("#result blockquote.context").first().textContent())!;
    expect(context.length).toBeGreaterThan(SENTENCE.length + 200);
    const direction = await page.evaluate(() => ({
      result: getComputedStyle(document.getElementById("result")!).direction,
      verdict: getComputedStyle(document.querySelector("#result [data-verdict]")!).direction,
    }));
    expect(direction).toEqual({ result: "rtl", verdict: "rtl" });
    expect(await lowContrast(page)).toEqual([]);
    await screenshot(page, "verify-quote-same-words-ar");
    await page.close();
  });

  it("shows an altered quote as ALTERED, with the original's words beside the quote's", async () => {
    const { page } = await open();
    expect(await verifyQuote(page, SENTENCE.replace("80", "90"))).toBe("altered");
    const row = page.locator("#result table.diffs tr[data-kind=number]");
    await expect(row.locator("td.orig").textContent()).resolves.toBe("80");
    await expect(row.locator("td.quote").textContent()).resolves.toBe("90");
    await expect(page.locator("#result mark.diff").first().textContent()).resolves.toBe("80");
    expect(await lowContrast(page)).toEqual([]);
    await screenshot(page, "verify-quote-altered-ar");
    await page.close();
  });

  it("marks each part of an abridged quote", async () => {
    const { page } = await open();
    const quote = "ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار … أسفرت عن وقوع مجازر راح ضحيتها";
    expect(await verifyQuote(page, quote)).toBe("abridged");
    const marked = await page.locator("#result blockquote.context mark").allTextContents();
    expect(marked).toEqual(["ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار", "أسفرت عن وقوع مجازر راح ضحيتها"]);
    await page.close();
  });

  it("shows the transparency-log check when the API reports one", async () => {
    const { page } = await open();
    // The inclusion member is the log's addition to verify results; inject it to test the page alone.
    await page.route("**/v1/verify?sha256=*", async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { matches: Record<string, unknown>[] };
      for (const m of body.matches) m.inclusion = { checked: true, leafIndex: 1234, treeSize: 5678 };
      await route.fulfill({ response, json: body });
    });
    await page.fill("#sha256", sha256Hex(seedBytes));
    await page.press("#sha256", "Enter");
    expect(await verdictOf(page)).toBe("authentic");
    const proofs = (await page.locator("#result .proofs").textContent())!;
    expect(proofs).toContain("1,234");
    expect(proofs).toContain("5,678");
    await page.close();
  });

  it("says not found for words the archive never held, and why a quote is too short", async () => {
    const { page } = await open();
    expect(await verifyQuote(page, "the quick brown fox jumps over the lazy dog")).toBe("not-found");
    // Too short to look up: the API's 400, said in the page's language.
    expect(await verifyQuote(page, "كلمتان فقط")).toBe("error");
    await expect(page.locator("#result h2").textContent()).resolves.toContain("ثلاث كلمات على الأقل");
    await page.close();
  });

  it("verifies a pasted SHA-256 and runs a shared link", async () => {
    const { page } = await open();
    await page.fill("#sha256", ` ${sha256Hex(seedBytes).toUpperCase()} `);
    await page.press("#sha256", "Enter");
    expect(await verdictOf(page)).toBe("authentic");
    await page.close();
    const shared = await open(`/?${new URLSearchParams({ text: SENTENCE })}`);
    expect(await verdictOf(shared.page)).toBe("verbatim");
    await shared.page.close();
  });

  it("works from the keyboard alone: Tab to the quote, type, Enter", async () => {
    const { page } = await open();
    let focused = "";
    for (let i = 0; i < 20 && focused !== "quote"; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => document.activeElement?.id ?? "");
    }
    expect(focused).toBe("quote");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await page.keyboard.type(SENTENCE);
    await page.keyboard.press("Enter");
    expect(await verdictOf(page)).toBe("verbatim");
    await page.close();
  });

  it("switches to English, left-to-right, and keeps Arabic quotes in their own direction", async () => {
    const { page } = await open();
    await page.click('header a[hreflang="en"]');
    await page.waitForURL(/lang=en/);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      "en",
      "ltr",
    ]);
    expect(await verifyQuote(page, SENTENCE)).toBe("verbatim");
    await expect(page.locator("#result h2").first().textContent()).resolves.toBe("Found word for word");
    const quoteDir = await page.evaluate(
      () => getComputedStyle(document.querySelector("#result blockquote.context")!).direction,
    );
    expect(quoteDir).toBe("rtl");
    await screenshot(page, "verify-quote-verbatim-en");
    await page.close();
  });

  it("fits a narrow phone screen", async () => {
    const { page } = await open("/", { width: 360, height: 740 });
    expect(await verifyQuote(page, SENTENCE.replace("80", "90"))).toBe("altered");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "verify-phone-altered-ar");
    await page.close();
  });

  it("warns when the statement was superseded, linking to the newer one", async () => {
    const res = await fetch(
      `${stack.url}/v1/statements?${new URLSearchParams({ supersedes: seedId, title: "تصحيح" })}`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "text/plain; charset=utf-8" },
        body: `تصحيح للبيان السابق ${Date.now()}`,
      },
    );
    expect(res.status).toBe(201);
    const newer = ((await res.json()) as { id: string }).id;
    const { page } = await open();
    await page.fill("#sha256", sha256Hex(seedBytes));
    await page.click("#hash-form button[type=submit]");
    expect(await verdictOf(page)).toBe("authentic");
    const warning = page.locator(`#result [data-statement="${seedId}"] [data-superseded]`);
    await expect(warning.locator("a").getAttribute("href")).resolves.toBe(`/s/${newer}?lang=ar`);
    await screenshot(page, "verify-superseded-ar");
    await page.close();
  });
});
