/**
 * Issue #12, point 5, on the verify page in headless Chromium: a sentence archived in 8
 * statements says how many hold it and pages through them, five at a time, earliest first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/local-stack";
import { launchBrowser, type TestBrowser } from "./browser";

let stack: TestStack;
let browser: TestBrowser;
const tag = `q${Date.now().toString(36)}`;
const SENTENCE = `the harbour office said the night ferry will sail again from the north pier ${tag}`;
const ids: string[] = [];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  for (let i = 0; i < 8; i++) {
    const res = await fetch(`${stack.url}/v1/statements`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "text/plain; charset=utf-8" },
      body: `Notice ${i}. ${SENTENCE}. Reference ${i * 104729}.`,
    });
    ids.push(((await res.json()) as { id: string }).id);
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("the verify page, for a quote in many statements", () => {
  it("says how many statements hold it and pages through them, back and forth", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${stack.url}/?lang=en`);
    await page.fill("#quote", SENTENCE);
    await page.click("#quote-form button[type=submit]");
    const pager = page.locator("#result nav.pager");
    await pager.waitFor({ timeout: 20_000 });
    expect(await pager.getAttribute("data-total")).toBe("8");
    expect(await pager.innerText()).toContain("Statements 1–5 of 8");
    const shown = () =>
      page
        .locator("#result [data-statement]")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-statement")));
    expect(await shown()).toEqual(ids.slice(0, 5));

    await page.click("#result [data-page=next]");
    await page.locator("#result nav.pager", { hasText: "6–8 of 8" }).waitFor({ timeout: 20_000 });
    expect(await shown()).toEqual(ids.slice(5));
    expect(await page.locator("#result [data-page=next]").count()).toBe(0);

    await page.click("#result [data-page=previous]");
    await page.locator("#result nav.pager", { hasText: "1–5 of 8" }).waitFor({ timeout: 20_000 });
    expect(await shown()).toEqual(ids.slice(0, 5));
    expect(errors).toEqual([]);
  }, 90_000);
});
