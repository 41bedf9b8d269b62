/**
 * Issue #18 on the verify page, in real headless Chromium against the local stack with tesseract:
 * choosing a corpus screenshot of the seed shows what was read and a verdict that is not
 * "altered"; its one-word fabrication shows "altered" with the fabricated word, the original's,
 * and the image region it was read from drawn beside them.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, startTestStack, type TestStack } from "../support/local-stack";
import { requireTesseract } from "../support/tesseract";
import { launchBrowser, type TestBrowser } from "./browser";

const available = requireTesseract();

const images = join(repoRoot, "tests/corpus/ocr/images");

describe.skipIf(!available)("the verify page reads a screenshot", () => {
  let stack: TestStack;
  let browser: TestBrowser;
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function choose(file: string, path = "/?lang=en"): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(stack.url + path);
    await page.setInputFiles("#file", join(images, file));
    await page.locator("#result [data-verdict]").waitFor({ timeout: 30_000 });
    return page;
  }

  it("shows what was read and never 'altered' for a genuine screenshot", async () => {
    const page = await choose("daraa.dejavu-sans.20px.png");
    const verdict = await page.locator("#result [data-verdict]").getAttribute("data-verdict");
    expect(["verbatim", "same-words", "uncertain"]).toContain(verdict);
    expect(await page.locator("#result [data-read]").textContent()).toContain("درعا");
    expect(await page.locator('#result table[data-group="altered"]').count()).toBe(0);
    await page.close();
  });

  it("shows a fabrication altered, the word read beside the original's and its image region", async () => {
    const page = await choose("daraa.dejavu-sans.20px.fabricated.png", "/");
    expect(await page.locator("#result [data-verdict]").getAttribute("data-verdict")).toBe("altered");
    const row = page.locator('#result table[data-group="altered"] tbody tr').first();
    expect(await row.locator("td.quote").textContent()).toBe("يحترمون");
    expect(await row.locator("td.orig").textContent()).toBe("يخرقون");
    const canvas = row.locator("td.image canvas");
    const size = await canvas.evaluate((c: HTMLCanvasElement) => {
      // The crop is drawn: some of its pixels are dark (the word's ink), not all blank.
      const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
      return { width: c.width, height: c.height, dark };
    });
    expect(size.width).toBeGreaterThan(20);
    expect(size.height).toBeGreaterThan(10);
    expect(size.dark).toBeGreaterThan(20);
    await page.close();
  });
});
