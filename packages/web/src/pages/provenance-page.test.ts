import { describe, expect, it } from "vitest";
import { VERIFY_STRINGS } from "../strings/verify-strings";
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
    current: {
      title: record.title,
      language: record.language,
      publishedAt: record.publishedAt,
      sourceUrl: record.sourceUrl,
      supersedes: record.supersedes,
      translationOf: record.translationOf,
    },
    publisher: { id: record.publisher, name: "National Coalition", names: { ar: "الائتلاف الوطني" } },
    corrections: [],
    sameContent: null,
    text: { content: "ارتكبت قوات النظام نحو 80 خرقا لاتفاق وقف إطلاق النار.", length: 55 },
    highlight: [],
    diff: null,
    cli: { href: "/cli/isnad.mjs", sha256: "ef".repeat(32) },
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
  it("says, in Arabic and English, while a long text's quote index is still being written", () => {
    for (const lang of ["ar", "en"] as const) {
      expect(provenancePage(data(), lang)).not.toContain("data-quote-index");
      const page = provenancePage(data({}, { quoteIndexPending: true }), lang);
      expect(page).toContain('data-quote-index="pending"');
      expect(page).toContain(lang === "ar" ? "خلال دقيقة" : "quote search will find it within a minute");
    }
  });

  it("says who published what and when, in Arabic, right-to-left", () => {
    const page = provenancePage(data(), "ar");
    expect(page).toMatch(/<html lang="ar" dir="rtl">/);
    expect(page).toContain('<h1 lang="ar" dir="auto">بيان</h1>');
    expect(page).toMatch(/<a href="\/p\/etilaf\?lang=ar"\s*><bdi>الائتلاف الوطني<\/bdi><\/a\s*>/);
    expect(page).toContain('<time datetime="2017-05-10">10 مايو 2017</time>');
    expect(page).toMatch(
      /<a href="https:\/\/example.org\/statement" rel="noopener noreferrer nofollow" dir="ltr" class="source"\s*>https:\/\/example.org\/statement<\/a>/,
    );
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
    expect(page).toMatch(
      /“<a href="\/p\/etilaf\?lang=en"\s*><bdi>National Coalition<\/bdi><\/a\s*>” published this statement on/,
    );
    expect(page).toContain(`<a href="/s/${ID}?lang=ar" lang="ar" hreflang="ar">العربية</a>`);
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
    expect(page).toContain(`<code dir="ltr">javascript:alert(1)//&quot;&gt;&lt;img`);
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
      "curl -fsSL -o isnad.mjs https://isnad.example/cli/isnad.mjs",
      `curl -fsSL -o statement.txt https://isnad.example/v1/statements/${ID}/original`,
      `curl -fsSL -o receipt.json https://isnad.example/v1/statements/${ID}/receipt`,
      "node isnad.mjs keys fetch --server https://isnad.example --out keys.json",
      "node isnad.mjs receipt verify --receipt receipt.json --original statement.txt --keys keys.json",
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
    expect(odd[1]).toBe(`curl -fsSL -o ${ID} 'https://x.example/it'\\''s/v1/statements/${ID}/original'`);
    expect(odd[4]).toContain(`--original ${ID} `);
  });
});

describe("the statement page for readers who cite and compare (issue #14)", () => {
  it("shows the text, marks ?hl= passages, and describes itself for link previews", () => {
    const page = provenancePage(data({}, { highlight: [[23, 25]] }), "ar");
    expect(page).toContain(
      '<div class="stext" id="stext" dir="auto" lang="ar" tabindex="0">ارتكبت قوات النظام نحو <mark id="hl" data-hl>80</mark> خرقا لاتفاق وقف إطلاق النار.</div>',
    );
    expect(page).toContain('<meta property="og:title" content="بيان" />');
    expect(page).toContain(`<meta property="og:url" content="https://isnad.example/s/${ID}" />`);
    expect(page).toContain(`<link rel="canonical" href="https://isnad.example/s/${ID}" />`);
    expect(page).toMatch(/<meta name="description" content="الائتلاف الوطني: ارتكبت قوات النظام/);
    expect(page).toContain('<meta property="article:published_time" content="2017-05-10" />');
    expect(page).toContain(`<script src="/assets/statement.js" defer></script>`);
    expect(page).toContain(`data-cli-sha256>${"ef".repeat(32)}</code>`);
  });

  it("gives a citation in words, BibTeX and CSL-JSON, with escaping", () => {
    const page = provenancePage(data({ title: "50% {cut} & more" }), "en");
    expect(page).toContain(
      "National Coalition. “50% {cut} &amp; more.” 10 May 2017. Archived by isnad on 2 January 2026.",
    );
    expect(page).toContain("title = {50\\% \\{cut\\} \\&amp; more}");
    expect(page).toContain("author = {{National Coalition}}");
    expect(page).toContain("&quot;date-parts&quot;: [");
    expect(page).toContain('data-copy="page-url"');
  });

  it("shows corrections, the diff against the previous version, and who archived the bytes first", () => {
    const page = provenancePage(
      data(
        {},
        {
          corrections: [
            {
              seq: 1,
              receivedAt: "2026-02-01T00:00:00Z",
              changes: { publishedAt: "2017-05-11" },
              previous: { publishedAt: "2017-05-10" },
              reason: "typo",
            },
          ],
          diff: {
            against: { id: NEWER, title: "old" },
            parts: [
              { op: "same", text: "نحو " },
              { op: "removed", text: "70 " },
              { op: "added", text: "80 " },
            ],
          },
          sameContent: {
            first: false,
            firstArchived: {
              statement: NEWER,
              publisher: { id: "other", name: "Other Office", names: {} },
              receivedAt: "2025-01-01T00:00:00Z",
            },
            alsoArchivedBy: [
              {
                statement: ID,
                publisher: { id: "etilaf", name: "x", names: {} },
                receivedAt: "2026-01-02T03:04:05.000Z",
              },
            ],
          },
        },
      ),
      "en",
    );
    expect(page).toContain('data-correction="1"');
    expect(page).toMatch(/Publication date: was <bdi><time datetime="2017-05-10">/);
    expect(page).toContain("typo");
    expect(page).toContain(`data-diff-against="${NEWER}"`);
    expect(page).toMatch(/<del><span class="visually-hidden">\[removed: <\/span>70 /);
    expect(page).toMatch(/<ins><span class="visually-hidden">\[added: <\/span>80 /);
    expect(page).toContain(`data-first-archived="${NEWER}"`);
    expect(page).toMatch(/<a href="\/p\/other\?lang=en"\s*><bdi>Other Office<\/bdi><\/a\s*>/);
  });

  it("uses no verdict word of the verify page in its own sentences", () => {
    for (const lang of ["ar", "en"] as const) {
      const page = provenancePage(data({ title: "T" }, { text: { content: "x", length: 1 } }), lang);
      const words = page
        .split("<")
        .map((part) => part.slice(part.indexOf(">") + 1))
        .join(" ");
      for (const verdict of Object.values(VERIFY_STRINGS[lang].verdicts)) {
        expect(words, `${lang}: ${verdict.title}`).not.toContain(verdict.title);
      }
    }
  });

  it("writes every number and date with one digit style per language (Latin 0–9)", () => {
    const page = provenancePage(data({}, { text: { content: "نص", length: 2 } }), "ar");
    expect(page).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
  });
});
