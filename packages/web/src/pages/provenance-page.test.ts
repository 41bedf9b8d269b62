import { describe, expect, it } from "vitest";
import type { ProvenanceData } from "./provenance-data";
import { provenancePage } from "./provenance-page";
import { offlineCommands } from "./provenance-sections";

const ID = "0123456789abcdef0123456789abcdef";
const NEWER = "fedcba9876543210fedcba9876543210";

function data(
  overrides: Partial<ProvenanceData["record"]> = {},
  extra: Partial<ProvenanceData> = {},
): ProvenanceData {
  const record = {
    id: ID,
    publisher: "etilaf",
    title: "بيان",
    language: "ar",
    publishedAt: "2017-05-10",
    receivedAt: "2026-01-02T03:04:05.000Z",
    sourceUrl: "https://example.org/statement",
    original: { sha256: "ab".repeat(32), size: 3666, mediaType: "text/plain", filename: "statement.txt" },
    text: { status: "ok", sha256: "cd".repeat(32) },
    supersedes: null,
    translationOf: null,
    signature: { keyId: "0011223344556677" },
    ...overrides,
  };
  return {
    record,
    supersededBy: [],
    versions: [{ id: ID, title: record.title, receivedAt: record.receivedAt }],
    translations: [],
    translationOf: null,
    signature: { valid: true, keyId: "0011223344556677" },
    inclusion: { checked: true, leafIndex: 7, treeSize: 9 },
    log: { origin: "isnad.example/log", verifierKey: "isnad.example/log+01020304+AQ==" },
    baseUrl: "https://isnad.example",
    ...extra,
  };
}

describe("provenancePage", () => {
  it("says who published what and when, in Arabic, right-to-left", () => {
    const page = provenancePage(data(), "ar");
    expect(page).toMatch(/<html lang="ar" dir="rtl">/);
    expect(page).toContain('<h1 lang="ar" dir="auto">بيان</h1>');
    expect(page).toContain("<bdi>etilaf</bdi>");
    expect(page).toContain('<time datetime="2017-05-10">10 مايو 2017</time>');
    expect(page).toContain('<code dir="ltr">https://example.org/statement</code>');
    expect(page).toContain("لم يزره إسناد");
    expect(page).toContain(`<code class="hash" dir="ltr">${"ab".repeat(32)}</code>`);
    expect(page).toContain('data-proof="signature" data-ok="true"');
    expect(page).toContain('data-proof="inclusion" data-ok="true"');
    expect(page).toContain(`href="/v1/statements/${ID}/receipt" download="isnad-receipt-${ID}.json"`);
    expect(page).not.toContain("data-superseded");
  });

  it("is English, left-to-right, on request", () => {
    const page = provenancePage(data(), "en");
    expect(page).toMatch(/<html lang="en" dir="ltr">/);
    expect(page).toContain("“<bdi>etilaf</bdi>” published this statement on");
    expect(page).toContain(`<a href="/s/${ID}" lang="ar" hreflang="ar">العربية</a>`);
  });

  it("escapes attacker-chosen titles, file names, publishers and source URLs", () => {
    const evil = `"><img src=x onerror=alert(1)>`;
    const page = provenancePage(
      data({
        title: evil,
        publisher: evil,
        sourceUrl: `javascript:alert(1)//${evil}`,
        language: evil,
        original: { sha256: "ab".repeat(32), size: 1, mediaType: evil, filename: evil },
      }),
      "en",
    );
    expect(page).not.toContain("<img");
    expect(page).not.toMatch(/href="javascript:/);
    expect(page).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  });

  it("warns about a newer statement and reports failed checks plainly", () => {
    const page = provenancePage(
      data(
        {},
        {
          supersededBy: [NEWER],
          signature: { valid: false, keyId: "0011223344556677", reason: "the signature does not verify" },
          inclusion: { checked: false, reason: "the statement has no log index" },
        },
      ),
      "en",
    );
    expect(page).toContain(`data-superseded="${NEWER}"`);
    expect(page).toContain(`href="/s/${NEWER}?lang=en"`);
    expect(page).toContain('data-proof="signature" data-ok="false"');
    expect(page).toContain("the signature does not verify");
    expect(page).toContain("the statement has no log index");
  });

  it("lists versions oldest first with this one marked, and translations with their language", () => {
    const versions = [
      { id: NEWER, title: "old", receivedAt: "2025-01-01T00:00:00Z" },
      { id: ID, title: "بيان", receivedAt: "2026-01-02T03:04:05.000Z" },
    ];
    const page = provenancePage(
      data({}, { versions, translations: [{ id: NEWER, title: "Statement", language: "en" }] }),
      "en",
    );
    expect(page.indexOf(`href="/s/${NEWER}?lang=en"`)).toBeLessThan(page.indexOf('aria-current="true"'));
    expect(page).toContain("English (en)");
  });
});

describe("offlineCommands", () => {
  it("gives copyable commands, quoting what a shell would misread", () => {
    expect(offlineCommands(data())).toEqual([
      `curl -fsSL -o statement.txt https://isnad.example/v1/statements/${ID}/original`,
      `curl -fsSL -o receipt.json https://isnad.example/v1/statements/${ID}/receipt`,
      "curl -fsSL -o keys.json https://isnad.example/v1/keys",
      "isnad receipt verify --receipt receipt.json --original statement.txt --keys keys.json",
    ]);
    const odd = offlineCommands(
      data(
        {
          original: {
            sha256: "ab".repeat(32),
            size: 1,
            mediaType: "text/plain",
            filename: "$(rm -rf ~).txt",
          },
        },
        { baseUrl: "https://x.example/it's/" },
      ),
    );
    expect(odd[0]).toBe(`curl -fsSL -o ${ID} 'https://x.example/it'\\''s/v1/statements/${ID}/original'`);
    expect(odd[3]).toContain(`--original ${ID} `);
  });
});
