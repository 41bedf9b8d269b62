/**
 * Issue #17 in the verify page's receipt check, in real headless Chromium: a Signed Statement
 * registered through POST /entries (its original is the COSE_Sign1 built by @transmute/cose) is
 * checked in the browser from the chosen file's bytes — "Signed by press.example (key …)", the
 * domain's keys fetched from this site — and a keys file whose publisher keys do not list the key,
 * or a record whose publisher signature was swapped, fails the publisher step, saying so.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalize, formatBase64, parseBase64 } from "@isnad/core";
import { startScittStack, type ScittStack } from "../scitt/scitt-stack";
import { launchBrowser, screenshot, type TestBrowser } from "./browser";
import { lowContrast } from "./contrast";

let stack: ScittStack;
let browser: TestBrowser;
let dir: string;
let kid: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  [stack, browser] = await Promise.all([startScittStack(), launchBrowser()]);
  dir = await mkdtemp(join(tmpdir(), "isnad-receipt-signed-"));
  const registered = await stack.registerSigned();
  kid = registered.kid;
  const { id, statement } = registered;
  await writeFile(file("statement.cose"), statement);
  const receiptText = await (await fetch(`${stack.url}/v1/statements/${id}/receipt`)).text();
  await writeFile(file("receipt.json"), receiptText);
  // The domain's keys as `isnad keys fetch --publisher` saves them, minus the signing key.
  const keysDoc = (await (await fetch(`${stack.url}/v1/keys`)).json()) as Record<string, unknown>;
  const policy = await (await fetch(`${stack.url}/v1/policy`)).text();
  await writeFile(file("keys.json"), JSON.stringify({ ...keysDoc, policy, publisherKeys: { keys: [] } }));
  // The same receipt with the record's publisher key swapped: its entry no longer matches the log,
  // and the publisher step must fail on its own account too.
  const receipt = JSON.parse(receiptText) as { entry: string };
  const record = JSON.parse(new TextDecoder().decode(parseBase64(receipt.entry))) as {
    publisherSignature: { publicKey: string };
  };
  record.publisherSignature.publicKey = formatBase64(new Uint8Array(32).fill(3));
  const entry = formatBase64(new TextEncoder().encode(canonicalize(record)));
  await writeFile(file("swapped.json"), JSON.stringify({ ...receipt, entry }));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function check(lang: "en" | "ar", receipt: string, keys?: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${stack.url}/?lang=${lang}`);
  await page.setInputFiles("#receipt-file", file(receipt));
  await page.setInputFiles("#receipt-original", file("statement.cose"));
  if (keys) await page.setInputFiles("#receipt-keys", file(keys));
  await page.click("#receipt-form button[type=submit]");
  await page.locator("#receipt-result [data-receipt-verified]").waitFor({ timeout: 15_000 });
  return page;
}

const status = (page: Page, step: string) =>
  page.locator(`#receipt-result li[data-step="${step}"]`).getAttribute("data-status");
const verified = (page: Page) =>
  page.locator("#receipt-result [data-receipt-verified]").getAttribute("data-receipt-verified");

describe("the receipt check names the publisher who signed", () => {
  it("checks a Signed Statement's COSE_Sign1 in the browser: 'Signed by press.example (key …)'", async () => {
    const page = await check("en", "receipt.json");
    await expect(verified(page)).resolves.toBe("true");
    await expect(status(page, "publisher")).resolves.toBe("pass");
    await expect(
      page.locator('#receipt-result [data-signed-by="press.example"]').textContent(),
    ).resolves.toBe(`Signed by press.example (key ${kid}), a key its domain declared.`);
    await expect(page.locator("#receipt-result").textContent()).resolves.toContain(
      `Publisher keys: from this site (${stack.url}/v1/publishers/${stack.publisher}/keys).`,
    );
    expect(await lowContrast(page)).toEqual([]);
    await screenshot(page, "receipt-check-signed-en");
    await page.close();
  }, 60_000);

  it("fails when the keys file's publisher keys do not list the key, and a swapped key", async () => {
    const page = await check("ar", "receipt.json", "keys.json");
    await expect(verified(page)).resolves.toBe("false");
    await expect(status(page, "publisher")).resolves.toBe("fail");
    await expect(page.locator('#receipt-result li[data-step="publisher"]').textContent()).resolves.toContain(
      `do not list ${kid}`,
    );
    await expect(page.locator('#receipt-result [data-signed-by="fail"]').textContent()).resolves.toContain(
      "توقيع الناشر على هذا السجل لا يصحّ",
    );
    await screenshot(page, "receipt-check-signed-unknown-ar");
    await page.close();

    const swapped = await check("en", "swapped.json");
    await expect(verified(swapped)).resolves.toBe("false");
    await expect(status(swapped, "publisher")).resolves.toBe("fail");
    await expect(swapped.locator('#receipt-result li[data-step="publisher"]').textContent()).resolves.toMatch(
      /publisher signature does not verify: COSE_Sign1: .*does not verify/,
    );
    await swapped.close();
  }, 60_000);
});
