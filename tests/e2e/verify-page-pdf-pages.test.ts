/**
 * Issue #12 §3 on the verify page, in real headless Chromium against the local stack: a quote of a
 * PDF statement shows, beside each difference, the page of the original to compare with, in
 * Arabic and in English; a damaged one says which page of the original file to check.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLatinPdf } from "../../packages/extract/src/testing/make-pdf";
import { pdfWithActualTextHidden } from "../corpus/pdf/damaged-pdf";
import { startTestStack, type TestStack } from "../support/local-stack";
import { launchBrowser, type TestBrowser } from "./browser";

const SENTENCE = "The ministry confirmed on Tuesday that the harbour will reopen to cargo ships next spring";

let stack: TestStack;
let browser: TestBrowser;
let damagedQuote: string;

async function upload(bytes: Uint8Array): Promise<string> {
  const form = new FormData();
  form.set(
    "file",
    new File([bytes as Uint8Array<ArrayBuffer>], "statement.pdf", { type: "application/pdf" }),
  );
  const res = await fetch(`${stack.url}/v1/statements`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.apiKey}` },
    body: form,
  });
  expect(res.status).toBeLessThan(300);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  const filler = Array.from({ length: 14 }, (_, i) => `Filler line number ${i} of the first page.`);
  await upload(await makeLatinPdf([...filler, SENTENCE], { fontSize: 40 }));
  const id = await upload(await pdfWithActualTextHidden());
  const view = (await (await fetch(`${stack.url}/v1/statements/${id}`)).json()) as {
    record: { text: { quality: { damaged: [number, number][] } } };
  };
  const text = await (await fetch(`${stack.url}/v1/statements/${id}/text`)).text();
  // Nine archived words whose middle one, on damaged letters, is changed: "uncertain".
  const words = [...text.matchAll(/\S+/g)].map((m) => ({
    word: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
  const damaged = view.record.text.quality.damaged;
  const middle = words.findIndex(
    (w, k) => k >= 4 && k + 4 < words.length && damaged.some(([s, e]) => s < w.end && e > w.start),
  );
  damagedQuote = words
    .slice(middle - 4, middle + 5)
    .map((w, k) => (k === 4 ? "كلمة" : w.word))
    .join(" ");
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function verify(path: string, quote: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(stack.url + path);
  await page.fill("#quote", quote);
  await page.click("#quote-form button[type=submit]");
  await page.locator("#result [data-verdict]").waitFor({ timeout: 15_000 });
  return page;
}

describe("the verify page names the page of the original", () => {
  it("beside an altered word of a PDF statement, in Arabic and in English", async () => {
    const quote = SENTENCE.replace("next spring", "next autumn");
    const ar = await verify("/", quote);
    expect(await ar.locator("#result [data-verdict]").getAttribute("data-verdict")).toBe("altered");
    const note = await ar.locator("#result table.diffs td.orig p.note.page").first().textContent();
    expect(note).toMatch(/^الصفحة \d+ من الأصل$/);
    expect(Number(/\d+/.exec(note!)![0])).toBeGreaterThan(1);
    await ar.close();
    const en = await verify("/?lang=en", quote);
    const english = await en.locator("#result table.diffs td.orig p.note.page").first().textContent();
    expect(english).toMatch(/^page \d+ of the original$/);
    await en.close();
  });

  it("beside a difference on damaged archive text (uncertain)", async () => {
    const page = await verify("/?lang=en", damagedQuote);
    expect(await page.locator("#result [data-verdict]").getAttribute("data-verdict")).toBe("uncertain");
    await expect(page.locator("#result p.note.damaged").first().textContent()).resolves.toMatch(
      /check page 1 of the original file$/,
    );
    await page.close();
  });
});
