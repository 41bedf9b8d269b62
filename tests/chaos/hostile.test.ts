/**
 * Issue #13, hostile documents: a publisher uploads, all at once, documents built to be cheap to
 * send and expensive to extract — Word files of 10⁵–10⁶ paragraphs, HTML whose <pre> holds
 * 120,000 newlines, PDF Flate bombs of 100–1,000 MiB, deep nesting — while anonymous readers
 * quote a long archived text and a reader polls GET /v1/log. Against the local stack in its own
 * process (server.ts), it checks that:
 * - every upload is answered within 30 s (a 503 + Retry-After, "extraction busy", is retried);
 * - every original is archived byte-identical, and what the budgets refuse has text "failed";
 * - the reader's p99 stays ≤ 250 ms: extraction runs in worker threads, off the event loop;
 * - the server's RSS grows by ≤ 512 MiB (heap caps and budgets; Lambda has 1,024 MB in all) —
 *   its storage emulators run in a thread of its process (emulator-thread.ts) and count in it;
 * - statements archived before are untouched, and the archive's answers about them unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHex, sha256, utf8 } from "@isnad/core";
import {
  makeDeepHtml,
  makeFlateBombPdf,
  makeManyParagraphDocx,
  makeWhitespaceHtml,
} from "../../packages/extract/src/testing/make-hostile";
import { seedParagraphs } from "../../packages/extract/src/testing/seed";
import { makeDocument, uploadRequest, type Document } from "./documents";
import { SHORT, scale, writeFigures } from "./figures";
import { startChaosServer, type ChaosServer } from "./server";
import { Traffic, percentile, sleep } from "./traffic";

const UPLOAD_LIMIT_MS = 30_000;
const READER_P99_MS = 250;
const RSS_GROWTH_LIMIT = 512 * 2 ** 20;
const QUOTERS = 4;
/** How long the reader polls alone before the storm (its baseline). */
const CALM_MS = 3_000;
/** The long text anonymous quotes are verified against (issue #13: ~6 s of CPU each, unbounded). */
const LONG_TEXT_CHARS = scale(2_000_000, 10_000_000);

interface Hostile {
  name: string;
  make(): Uint8Array | Promise<Uint8Array>;
  filename: string;
  mediaType: string;
  /** The text status the record must carry; undefined: either, as long as it is bounded. */
  text?: "ok" | "failed";
}

const HOSTILE: Hostile[] = [
  {
    name: "DOCX, 100,000 paragraphs",
    make: () => makeManyParagraphDocx(100_000),
    filename: "paragraphs-1e5.docx",
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    text: "failed",
  },
  ...(SHORT
    ? []
    : [
        {
          name: "DOCX, 1,000,000 paragraphs",
          make: () => makeManyParagraphDocx(1_000_000),
          filename: "paragraphs-1e6.docx",
          mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          text: "failed" as const,
        },
        {
          name: "PDF, Flate bomb of 100 MiB",
          make: () => makeFlateBombPdf(100),
          filename: "bomb-100.pdf",
          mediaType: "application/pdf",
        },
      ]),
  {
    name: "PDF, Flate bomb of 1,000 MiB",
    make: () => makeFlateBombPdf(1000),
    filename: "bomb-1000.pdf",
    mediaType: "application/pdf",
    text: "failed",
  },
  {
    // A legitimate page, only badly formatted: its text must come out (html-text.ts is linear).
    name: "HTML, <pre> of 120,000 newlines",
    make: () => makeWhitespaceHtml(120_000),
    filename: "pre.html",
    mediaType: "text/html",
    text: "ok",
  },
  {
    name: "HTML, nested 100,000 deep",
    make: () => makeDeepHtml(100_000),
    filename: "deep.html",
    mediaType: "text/html",
  },
];

let stack: ChaosServer;
let apiKey: string;

beforeAll(async () => {
  stack = await startChaosServer();
  ({ apiKey } = await stack.newPublisher("hostile"));
});
afterAll(() => stack?.close());

interface UploadAnswer {
  id: string;
  record: { original: { sha256: string }; text: { status: string; reason?: string } | null };
}

/** What the archive says about a statement, minus what changes as the log grows. */
async function answers(traffic: Traffic, id: string, doc: Document) {
  const record = await traffic.json(`/v1/statements/${id}`);
  const original = await traffic.fetch(`/v1/statements/${id}/original`);
  const originalSha = formatHex(sha256(new Uint8Array(await original.arrayBuffer())));
  const text = await traffic.fetch(`/v1/statements/${id}/text`);
  const textSha =
    text.status === 200 ? formatHex(sha256(new Uint8Array(await text.arrayBuffer()))) : text.status;
  const byHash = await traffic.json<{ verdict: string }>(`/v1/verify?sha256=${formatHex(sha256(doc.bytes))}`);
  return { record: record.body, originalSha, textSha, byHash: byHash.body.verdict };
}

describe("hostile documents", () => {
  it("are archived with bounded time and memory, and hurt neither readers nor the archive", async () => {
    const started = performance.now();
    // Built first, before any connection is open: making them holds this process's event loop for
    // seconds, and a keep-alive socket the server closed meanwhile would be reused ("other side
    // closed") by whichever request came next.
    const hostile = await Promise.all(
      HOSTILE.map(async (h) => {
        const bytes = await h.make();
        return { ...h, doc: { bytes, mediaType: h.mediaType, filename: h.filename, sentence: "" } };
      }),
    );
    const setup = new Traffic(stack.url);

    // A long text for the quoters: the seed's paragraphs, numbered, to LONG_TEXT_CHARS.
    const paragraphs = seedParagraphs();
    const parts: string[] = [];
    for (let n = 0, length = 0; length < LONG_TEXT_CHARS; n++) {
      const p = `${n}. ${paragraphs[n % paragraphs.length]!}`;
      parts.push(p);
      length += p.length + 2;
    }
    const longText = parts.join("\n\n");
    const quote = parts[Math.floor(parts.length / 2)]!.split(/\s+/).slice(1, 13).join(" ");
    const long: Document = {
      bytes: utf8(longText),
      mediaType: "text/plain; charset=utf-8",
      filename: "long.txt",
      sentence: quote,
    };
    const longUpload = uploadRequest(long, apiKey, 0);
    const longStarted = performance.now();
    const longAnswer = await setup.json<UploadAnswer>(longUpload.path, longUpload.init, { retries503: 5 });
    const longMs = performance.now() - longStarted;
    expect(longAnswer.status).toBe(201);
    // Its quote index is built and written after the answer, in the server (pending-index.ts):
    // the ordinary uploads below run while it is built, as the making of documents did before.

    // Before: ordinary statements, and what the archive answers about them.
    const before: { id: string; doc: Document }[] = [];
    for (const [i, kind] of (["text", "markdown", "html", "pdf"] as const).entries()) {
      const doc = await makeDocument(kind);
      const { path, init } = uploadRequest(doc, apiKey, i);
      const res = await setup.json<UploadAnswer>(path, init, { retries503: 5 });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      before.push({ id: res.body.id, doc });
    }
    const snapshot = await Promise.all(before.map((b) => answers(setup, b.id, b.doc)));

    // The reader alone first: its latencies on this machine without the storm, for comparison.
    const calm = new Traffic(stack.url);
    for (const calmUntil = performance.now() + CALM_MS; performance.now() < calmUntil;) await readLog(calm);

    // The storm: every hostile upload at once, quoters on the long text, a reader on /v1/log.
    const memoryBefore = await stack.memory();
    const peakReset = await stack.resetPeak();
    const uploads = new Traffic(stack.url);
    const quotes = new Traffic(stack.url);
    const reader = new Traffic(stack.url);
    let storming = true;
    const readerLoop = (async () => {
      while (storming) await readLog(reader);
    })();
    const stormStarted = performance.now();
    const uploaded = hostile.map(async (h, i) => {
      const { path, init } = uploadRequest(h.doc, apiKey, i);
      const at = performance.now();
      const res = await uploads.json<UploadAnswer>(path, init, { retries503: 10 });
      return { h, status: res.status, body: res.body, ms: performance.now() - at };
    });
    const quoted = Array.from({ length: QUOTERS }, async () => {
      const at = performance.now();
      const res = await quotes.json<{ verdict: string; matches?: { statement: string }[] }>("/v1/verify", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: quote }),
      });
      return {
        status: res.status,
        verdict: res.body.verdict,
        matches: res.body.matches ?? [],
        ms: performance.now() - at,
      };
    });
    const results = await Promise.all(uploaded);
    const quoteResults = await Promise.all(quoted);
    const stormMs = performance.now() - stormStarted;
    storming = false;
    await readerLoop;
    const memoryAfter = await stack.memory();
    const rssGrowth = (peakReset ? memoryAfter.peak : memoryAfter.rss) - memoryBefore.rss;

    // After: every hostile original byte-identical, text as budgeted; the earlier statements as they were.
    const audit = new Traffic(stack.url);
    const wrong: string[] = [];
    const outcomes: string[] = [];
    for (const r of results) {
      if (r.status !== 201) {
        wrong.push(`${r.h.name}: upload → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        continue;
      }
      const res = await audit.fetch(`/v1/statements/${r.body.id}/original`);
      const sha = formatHex(sha256(new Uint8Array(await res.arrayBuffer())));
      if (sha !== formatHex(sha256(r.h.doc.bytes))) wrong.push(`${r.h.name}: original changed`);
      const status = r.body.record.text?.status ?? "none";
      if (r.h.text && status !== r.h.text) wrong.push(`${r.h.name}: text ${status}, expected ${r.h.text}`);
      const reason = r.body.record.text?.reason;
      outcomes.push(
        `${r.h.name} (${formatMiB(r.h.doc.bytes.length)}): text ${status}${reason ? ` ("${reason}")` : ""}, ` +
          `answered in ${Math.round(r.ms)} ms`,
      );
    }
    const slow = results
      .filter((r) => r.ms > UPLOAD_LIMIT_MS)
      .map((r) => `${r.h.name}: ${Math.round(r.ms)} ms`);
    const slowQuotes = quoteResults
      .filter((q) => q.ms > UPLOAD_LIMIT_MS)
      .map((q) => `quote: ${Math.round(q.ms)} ms`);
    for (const q of quoteResults) {
      if (q.status !== 200 || !q.matches.some((m) => m.statement === longAnswer.body.id)) {
        wrong.push(`quote on the long text → ${q.status} ${q.verdict}`);
      }
    }
    const after = await Promise.all(before.map((b) => answers(audit, b.id, b.doc)));
    const changed = before.filter((_, i) => JSON.stringify(after[i]) !== JSON.stringify(snapshot[i]));
    const alive = stack.alive();

    const readerP99 = percentile(reader.latencies, 99);
    const ms = (n: number) => `${Math.round(n)} ms`;
    const requests =
      calm.requests + setup.requests + uploads.requests + quotes.requests + reader.requests + audit.requests;
    const unexpected5xx =
      setup.unexpected5xx +
      uploads.unexpected5xx +
      quotes.unexpected5xx +
      reader.unexpected5xx +
      audit.unexpected5xx;
    await writeFigures({
      suite: "hostile",
      requests,
      unexpected5xx,
      retried503: uploads.retried503 + quotes.retried503,
      lostAcknowledged: wrong.filter((w) => w.includes("original")).length,
      durationMs: performance.now() - started,
      notes: [
        `${hostile.length} hostile uploads at once, ${QUOTERS} quotes on a ${(longText.length / 1e6).toFixed(0)}M-character ` +
          `text (archived in ${ms(longMs)}), 1 reader on /v1/log; storm ${ms(stormMs)}`,
        ...outcomes,
        `quotes: ${quoteResults.map((q) => `${q.verdict} ${ms(q.ms)}`).join(", ")}`,
        `reader alone before: ${calm.latencies.length} GET /v1/log, p50 ${ms(percentile(calm.latencies, 50))}, ` +
          `p99 ${ms(percentile(calm.latencies, 99))}`,
        `reader during: ${reader.latencies.length} GET /v1/log, p50 ${ms(percentile(reader.latencies, 50))}, ` +
          `p99 ${ms(readerP99)}, max ${ms(Math.max(...reader.latencies))} (limit p99 ${READER_P99_MS} ms)`,
        `server RSS ${formatMiB(memoryBefore.rss)} before, ${peakReset ? "peak" : "after"} ` +
          `${formatMiB(peakReset ? memoryAfter.peak : memoryAfter.rss)}: growth ${formatMiB(rssGrowth)} (limit 512 MiB)`,
        `earlier statements unchanged: ${before.length - changed.length} of ${before.length}`,
      ],
    });

    expect(alive, "the server survived").toBe(true);
    expect(uploads.failures.concat(quotes.failures, reader.failures, audit.failures, setup.failures)).toEqual(
      [],
    );
    expect(wrong).toEqual([]);
    expect(slow.concat(slowQuotes), "answered within 30 s").toEqual([]);
    expect(
      changed.map((b) => b.id),
      "statements archived before are untouched",
    ).toEqual([]);
    // The reader's latency is a goal of the full run (npm run test:chaos, issue #13), printed above
    // in the short one: `npm test` checks behaviour, and a 10 s storm on a shared 2-core machine
    // measures its neighbours as much as isnad.
    if (!SHORT) expect(readerP99, "reader p99 (ms)").toBeLessThanOrEqual(READER_P99_MS);
    expect(rssGrowth / 2 ** 20, "server RSS growth (MiB)").toBeLessThanOrEqual(RSS_GROWTH_LIMIT / 2 ** 20);
  });
});

async function readLog(traffic: Traffic): Promise<void> {
  const res = await traffic.fetch("/v1/log");
  if (res.status !== 200) throw new Error(`GET /v1/log → ${res.status}`);
  await res.arrayBuffer();
  await sleep(5);
}

function formatMiB(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MiB`;
}
