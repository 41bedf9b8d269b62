/**
 * Issue #14: the verify page checks a receipt and a file entirely in the browser (@isnad/core
 * bundled into /assets/receipt.js): the right file passes every step, a wrong one fails at its
 * fingerprint, and with a keys file chosen the page makes no request at all.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFile, startTestStack, type TestStack } from "../support/local-stack";
import { launchBrowser, screenshot, type TestBrowser } from "./browser";
import { lowContrast } from "./contrast";

let stack: TestStack;
let browser: TestBrowser;
let dir: string;
let receipt: string;
let keys: string;
let wrong: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  dir = await mkdtemp(join(tmpdir(), "isnad-receipt-page-"));
  receipt = join(dir, "receipt.json");
  keys = join(dir, "keys.json");
  wrong = join(dir, "wrong.txt");
  const id = stack.seeded[0]!.id;
  await writeFile(receipt, await (await fetch(`${stack.url}/v1/statements/${id}/receipt`)).text());
  await writeFile(keys, await (await fetch(`${stack.url}/v1/keys`)).text());
  await writeFile(wrong, "not the archived statement\n");
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the verify page's receipt check", () => {
  it("passes the archived file at every step, fetching only the public keys", async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.url}/?lang=en`);
    const requests: string[] = [];
    page.on("request", (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await page.setInputFiles("#receipt-file", receipt);
    await page.setInputFiles("#receipt-original", seedFile);
    await page.click("#receipt-form button[type=submit]");
    const verdict = page.locator("#receipt-result [data-receipt-verified]");
    await verdict.waitFor();
    await expect(verdict.getAttribute("data-receipt-verified")).resolves.toBe("true");
    const steps = await page
      .locator("#receipt-result li[data-step]")
      .evaluateAll((lis) =>
        lis.map((li) => `${li.getAttribute("data-step")}:${li.getAttribute("data-status")}`),
      );
    expect(steps).toEqual([
      "receipt:pass",
      "record:pass",
      "sha256:pass",
      "signature:pass",
      "inclusion:pass",
      "checkpoint:pass",
    ]);
    expect(requests).toEqual(["GET /v1/keys"]);
    expect(await lowContrast(page)).toEqual([]);
    await screenshot(page, "receipt-check-en");
    await page.close();
  });

  it("fails a wrong file at its fingerprint, and makes no request with a keys file", async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.url}/?lang=ar`);
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.setInputFiles("#receipt-file", receipt);
    await page.setInputFiles("#receipt-original", wrong);
    await page.setInputFiles("#receipt-keys", keys);
    await page.click("#receipt-form button[type=submit]");
    const verdict = page.locator("#receipt-result [data-receipt-verified]");
    await verdict.waitFor();
    await expect(verdict.getAttribute("data-receipt-verified")).resolves.toBe("false");
    await expect(
      page.locator('#receipt-result li[data-step="sha256"]').getAttribute("data-status"),
    ).resolves.toBe("fail");
    await expect(page.locator("#receipt-result").textContent()).resolves.toContain("من الملف الذي اخترته");
    expect(requests).toEqual([]);
    await screenshot(page, "receipt-check-wrong-ar");
    await page.close();
  });
});
