/**
 * Issue #17 on the verify page, in real headless Chromium against the local stack: a statement
 * its publisher signed shows "Signed by press.example with key …" beside isnad's own signature;
 * one it did not sign (the seed) says only isnad vouches. The key directory is an
 * InMemoryPublisherKeyDirectory in the running archive.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ed25519KeyPair, formatBase64, formatHex, sha256, signEd25519 } from "@isnad/core";
import { statementSignatureMessage } from "@isnad/cose";
import { InMemoryPublisherKeyDirectory, publisherKeyId } from "@isnad/archive";
import { startTestStack, type TestStack } from "../support/local-stack";
import { launchBrowser, type TestBrowser } from "./browser";

const SEED_SENTENCE = "ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار، خلال الأيام الثلاثة الماضية فقط";
const seed = new Uint8Array(32).fill(21);
const publicKey = ed25519KeyPair(seed).publicKey;
const keyId = publisherKeyId(publicKey);
const line = `press office statement ${Date.now()} on the signed verify page test`;

let stack: TestStack;
let browser: TestBrowser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  const directory = new InMemoryPublisherKeyDirectory();
  directory.add(stack.publisher, {
    keyId,
    publicKey,
    domain: "press.example",
    introducedAt: "2020-01-01T00:00:00Z",
  });
  stack.services.archive.publisherKeys = directory;
  const doc = new TextEncoder().encode(`${line}\n`);
  const message = statementSignatureMessage({
    sha256: formatHex(sha256(doc)),
    publisher: stack.publisher,
    domain: "press.example",
    fields: {},
  });
  const res = await fetch(`${stack.url}/v1/statements`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${stack.apiKey}`,
      "content-type": "text/plain",
      "isnad-signature": formatBase64(signEd25519(seed, message)),
    },
    body: doc,
  });
  expect(res.status).toBe(201);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function verifyQuote(quote: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${stack.url}/?lang=en`);
  await page.fill("#quote", quote);
  await page.click("#quote-form button[type=submit]");
  await page.locator("#result [data-verdict]").waitFor({ timeout: 15_000 });
  return page;
}

describe("the verify page names who signed", () => {
  it("shows 'Signed by press.example' with the key id for a publisher-signed statement", async () => {
    const page = await verifyQuote(line);
    const signer = page.locator('#result [data-signed-by="press.example"]');
    await signer.waitFor({ timeout: 15_000 });
    expect((await signer.innerText()).replace(/\s+/g, " ")).toBe(
      `Signed by press.example with key ${keyId}.`,
    );
    await page.close();
  }, 60_000);

  it("says only isnad vouches for a statement its publisher did not sign", async () => {
    const page = await verifyQuote(SEED_SENTENCE);
    const signer = page.locator('#result [data-signed-by=""]').first();
    await signer.waitFor({ timeout: 15_000 });
    expect(await signer.innerText()).toContain("Not signed by the publisher");
    await page.close();
  }, 60_000);
});
