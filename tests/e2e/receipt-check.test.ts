/**
 * Issue #14: the verify page checks a receipt and a file entirely in the browser (@isnad/core
 * bundled into /assets/receipt.js): the right file passes every step, a wrong one fails at its
 * fingerprint, and with a keys file chosen (carrying the witness policy) the page makes no
 * request at all. Issue #16: the page enforces the log's witness policy (isnad's own witness
 * runs beside the local log), names the witnesses that cosigned, and fails a receipt whose
 * witness cosignature was stripped.
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
let stripped: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  dir = await mkdtemp(join(tmpdir(), "isnad-receipt-page-"));
  receipt = join(dir, "receipt.json");
  keys = join(dir, "keys.json");
  wrong = join(dir, "wrong.txt");
  stripped = join(dir, "stripped.json");
  const id = stack.seeded[0]!.id;
  const receiptText = await (await fetch(`${stack.url}/v1/statements/${id}/receipt`)).text();
  await writeFile(receipt, receiptText);
  // The checkpoint without its last line, the witness's cosignature (the log's own stays).
  const parsed = JSON.parse(receiptText) as { checkpoint: string };
  const lines = parsed.checkpoint.trimEnd().split("\n");
  expect(lines.at(-1)).toMatch(/^\u2014 witness\.isnad\.local /);
  await writeFile(stripped, JSON.stringify({ ...parsed, checkpoint: `${lines.slice(0, -1).join("\n")}\n` }));
  // A keys file as `isnad keys fetch` writes it, with the witness policy beside the keys.
  const keysDoc = (await (await fetch(`${stack.url}/v1/keys`)).json()) as Record<string, unknown>;
  const policy = await (await fetch(`${stack.url}/v1/policy`)).text();
  await writeFile(keys, JSON.stringify({ ...keysDoc, policy }));
  await writeFile(wrong, "not the archived statement\n");
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the verify page's receipt check", () => {
  it("passes the archived file at every step, fetching only the public keys and the policy", async () => {
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
      "witnesses:pass",
    ]);
    expect(requests).toEqual(["GET /v1/keys", "GET /v1/policy"]);
    await expect(page.locator("#receipt-result [data-witnesses]").textContent()).resolves.toBe(
      "Witnessed by isnad (1 of 1; the policy requires 1).",
    );
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

  it("fails a receipt whose witness cosignature was stripped, saying so", async () => {
    for (const lang of ["en", "ar"] as const) {
      const page = await browser.newPage();
      await page.goto(`${stack.url}/?lang=${lang}`);
      await page.setInputFiles("#receipt-file", stripped);
      await page.setInputFiles("#receipt-original", seedFile);
      await page.setInputFiles("#receipt-keys", keys);
      await page.click("#receipt-form button[type=submit]");
      const verdict = page.locator("#receipt-result [data-receipt-verified]");
      await verdict.waitFor();
      await expect(verdict.getAttribute("data-receipt-verified")).resolves.toBe("false");
      const status = (step: string) =>
        page.locator(`#receipt-result li[data-step="${step}"]`).getAttribute("data-status");
      // Everything else still holds: only the witnesses' step fails.
      await expect(status("checkpoint")).resolves.toBe("pass");
      await expect(status("witnesses")).resolves.toBe("fail");
      await expect(page.locator('#receipt-result li[data-step="witnesses"]').textContent()).resolves.toMatch(
        /witnessed by none \(0 of 1; the policy requires 1\).*NOT met/,
      );
      await expect(page.locator('#receipt-result [data-witnesses="fail"]').textContent()).resolves.toContain(
        lang === "en" ? "a cosignature is missing, was removed, or is invalid" : "توقيع شاهد مفقود أو حُذف",
      );
      expect(await lowContrast(page)).toEqual([]);
      await screenshot(page, `receipt-check-stripped-${lang}`);
      await page.close();
    }
  });
});
