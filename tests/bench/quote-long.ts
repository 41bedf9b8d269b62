/**
 * Bounded quote cost (issue #13: "with ten 10-million-character texts archived, a quote answers in
 * ≤ 500 ms p95 and adds ≤ 64 MiB"). Ten texts of 10 M UTF-16 units (Arabic, ~19 MB of UTF-8
 * each) are archived through the ingest use case on the emulators; then 200 quotes of 8–14 words,
 * taken from them (a quarter with a word changed), are verified four at a time by verifyQuote.
 * A quote reads the window around its hits, from 16 KiB chunks checked against the text's chunk
 * digests signed at ingest (text-chunks.ts: one GetItem the first time a process meets the text,
 * read beside the chunks; before, that first quote streamed the whole text to learn them), and
 * keeps the checked chunks. Reported: the first 200 quotes of a fresh process (cold; the first
 * quote of each text on its own row), then the next 200 (warm). Baselines from the same run: the
 * same quotes against ten short texts, and what one quote cost before windows (the whole 10
 * M-character text prepared for matching). The quotes are made before the clock starts, and memory
 * is measured from a full garbage collection after archiving.
 *
 * Bench shortcuts, said here so nobody mistakes them: the extractor is a pass-through (text/plain
 * decoding is not what is measured), and each text's index is written for its first 3,000 words
 * only (writing 10 × 150,000 items to dynalite would take longer than the rest of the bench); the
 * quotes come from those words, and their lookups read exactly the postings they would otherwise.
 */
import {
  chunkManifestItem,
  chunkManifestKey,
  createKeyring,
  createSigner,
  ingest,
  QuoteTexts,
  quoteIndexItems,
  verifyQuote,
  type ArchiveDeps,
} from "@isnad/archive";
import {
  formatHex,
  generateEd25519Seed,
  matchQuote,
  prepareDocument,
  sha256,
  tokenize,
  utf8,
} from "@isnad/core";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { plainTextDeps } from "../support/plain-text-deps";
import { startTestStorage } from "../support/storage";
import { formatRatio, type BenchRow } from "./table";
import { ms, runLoad } from "./load";
import { benchIngestWords } from "./ingest-words";

const TEXTS = 10;
const CHARS = Number(process.env.ISNAD_BENCH_LONG_CHARS ?? 10_000_000);
const INDEXED_WORDS = 3_000;
const QUOTES = 200;

const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)]!;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";

/** A text of `chars` UTF-16 units of Arabic-looking words, deterministic for a seed. */
function longText(chars: number, seed: number): string {
  const random = rng(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    let w = "";
    const n = 2 + Math.floor(random() * 6);
    for (let i = 0; i < n; i++) w += LETTERS[Math.floor(random() * LETTERS.length)];
    parts.push(w);
    length += w.length + 1;
  }
  return parts.join(" ").slice(0, chars);
}

/** `QUOTES` quotes of 8–14 words from the indexed part of the texts, every fourth with a word changed. */
function makeQuotes(texts: string[], random: () => number): { quote: string; expected: string }[] {
  const tokens = texts.map((text) => tokenize(text.slice(0, 40_000)).slice(0, INDEXED_WORDS - 20));
  return Array.from({ length: QUOTES }, (_, i) => {
    const text = texts[i % texts.length]!;
    const words_ = tokens[i % texts.length]!;
    const at = Math.floor(random() * (words_.length - 15));
    const words = text.slice(words_[at]!.start, words_[at + 8 + Math.floor(random() * 6)]!.end).split(" ");
    if (i % 4 === 3) words[Math.floor(words.length / 2)] = "كلمةمختلفة";
    return { quote: words.join(" "), expected: i % 4 === 3 ? "altered" : "verbatim" };
  });
}

interface QuoteTimes {
  p50: number;
  p95: number;
  max: number;
  bytes: number;
  /** The first quote of each text (in a fresh cache: its cold read), by text. */
  firsts: number[];
}

/** The quotes verified four at a time (made beforehand, so only verifyQuote is timed). */
async function timeQuotes(
  stores: ArchiveDeps,
  quotes: { quote: string; expected: string }[],
  keyring: ReturnType<typeof createKeyring>,
  cache?: QuoteTexts,
): Promise<QuoteTimes> {
  const times: number[] = [];
  const firsts: number[] = [];
  let bytes = 0;
  await runLoad(quotes.length, 4, async (i) => {
    const { quote, expected } = quotes[i]!;
    const t0 = performance.now();
    const answer = await verifyQuote(stores, quote, keyring.byId, cache ? { texts: cache } : {});
    const elapsed = performance.now() - t0;
    times.push(elapsed);
    if (i < TEXTS) firsts.push(elapsed);
    bytes += answer.textBytes;
    if (answer.verdict !== expected) throw new Error(`a quote came back ${answer.verdict}, not ${expected}`);
  });
  times.sort((a, b) => a - b);
  firsts.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(times.length / 2)]!,
    p95: times[Math.floor(times.length * 0.95)]!,
    max: times[times.length - 1]!,
    bytes,
    firsts,
  };
}

/** A full garbage collection (V8's gc(), exposed at run time), so RSS is measured without ingest's garbage. */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

export async function benchQuoteLong(): Promise<BenchRow[]> {
  const log = (line: string) => process.stderr.write(`bench: quote-long: ${line}\n`);
  const signer = createSigner(generateEd25519Seed());
  const keyring = createKeyring(signer);
  const archiveTexts = async (texts: string[]) => {
    const storage = await startTestStorage();
    const deps = plainTextDeps(storage, signer, {
      maxUploadBytes: 64 * 1024 * 1024,
      indexText: async (record, text) => {
        const prefix = text.slice(0, tokenize(text.slice(0, 60_000))[INDEXED_WORDS]?.start ?? 60_000);
        await storage.items.putMany(quoteIndexItems(record, prefix));
        // The whole text's signed chunk digests, as the real indexer writes them (text-chunks.ts).
        const manifest = record.text?.sha256 && chunkManifestItem(signer, record.text.sha256, text);
        if (manifest) await storage.items.put(manifest);
      },
    });
    for (const text of texts) {
      await ingest(deps, {
        publisher: "bench",
        body: utf8(text),
        declaredMediaType: "text/plain",
        filename: null,
        fields: {},
      });
    }
    return { storage, deps };
  };

  // Issue #15's long-text ingest, first, while the process is small (tests/bench/ingest-words.ts).
  log("archiving 3,000- and 30,000-word texts…");
  const ingestRows = await benchIngestWords();
  log(`archiving ${TEXTS} texts of ${CHARS.toLocaleString("en-US")} characters…`);
  const long = Array.from({ length: TEXTS }, (_, i) => longText(CHARS, 1000 + i));
  const short = Array.from({ length: TEXTS }, (_, i) => longText(10_000, 1000 + i));
  const big = await archiveTexts(long);
  const small = await archiveTexts(short);
  try {
    // What one quote cost before windows: the whole text prepared (and tokenized) for matching.
    const before = performance.now();
    matchQuote(long[0]!.slice(5_000, 5_100), prepareDocument(long[0]!));
    const wholeMs = performance.now() - before;

    const quotes = {
      cold: makeQuotes(long, rng(7)),
      warm: makeQuotes(long, rng(8)),
      short: makeQuotes(short, rng(7)),
    };
    const longDigests = long.map((t) => formatHex(sha256(utf8(t))));
    long.length = 0; // 200 MB of strings the quotes no longer need: out of the heap the GC walks
    // The code's first run (JIT, the SDK's first requests) on the short texts, with a cache of its
    // own: "cold" below is a text's first quote in a process, not the process's first quote.
    await timeQuotes(
      small.deps,
      makeQuotes(short, rng(9)).slice(0, 20),
      keyring,
      new QuoteTexts(small.storage.objects),
    );
    collectGarbage();
    // RSS rarely falls after a collection, so the live heap and buffers are sampled beside it.
    const live = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.external;
    };
    const rss0 = process.memoryUsage().rss;
    const live0 = live();
    let rssMax = rss0;
    let liveMax = live0;
    const sampler = setInterval(() => {
      rssMax = Math.max(rssMax, process.memoryUsage().rss);
      liveMax = Math.max(liveMax, live());
    }, 20);
    log("quoting the long texts…");
    // Each text's first quote reads its signed chunk digests and first chunks (cold); then again.
    const onLong = await timeQuotes(big.deps, quotes.cold, keyring);
    const warm = await timeQuotes(big.deps, quotes.warm, keyring);
    clearInterval(sampler);
    const added = (rssMax - rss0) / 2 ** 20;
    collectGarbage();
    const kept = (live() - live0) / 2 ** 20; // what the quotes' caches hold afterwards
    // Before signed chunk digests: the same cold quotes when a process must stream each text once.
    log("quoting the long texts again, cold, without their signed chunk digests…");
    await big.storage.items.deleteMany(longDigests.map(chunkManifestKey));
    const streamed = await timeQuotes(big.deps, quotes.cold, keyring, new QuoteTexts(big.storage.objects));
    log("quoting the short texts…");
    const onShort = await timeQuotes(small.deps, quotes.short, keyring);
    return [
      ...ingestRows,
      {
        group: "quote",
        figure: `p95 with ten ${CHARS / 1e6} M-char texts, cold (first ${QUOTES})`,
        ours: ms(onLong.p95),
        baseline: `${ms(onShort.p95)} with ten 10 k-char texts`,
        ratio: formatRatio(onLong.p95, onShort.p95),
        goal: "≤ 500 ms",
      },
      {
        group: "quote",
        figure: `first quote of each ${CHARS / 1e6} M-char text (cold read) p50 / max`,
        ours: `${ms(median(onLong.firsts))} / ${ms(onLong.firsts.at(-1)!)}`,
        baseline: `${ms(median(onShort.firsts))} / ${ms(onShort.firsts.at(-1)!)} first quote of each 10 k-char text`,
        ratio: formatRatio(median(onLong.firsts), median(onShort.firsts)),
      },
      {
        group: "quote",
        figure: `p95 cold, texts streamed once to check them (before signed chunk digests)`,
        ours: ms(streamed.p95),
        baseline: `${ms(onLong.p95)} cold with signed chunk digests`,
        ratio: formatRatio(streamed.p95, onLong.p95),
      },
      {
        group: "quote",
        figure: `p95 with ten ${CHARS / 1e6} M-char texts, warm (next ${QUOTES})`,
        ours: ms(warm.p95),
        baseline: `${ms(onShort.p95)} with ten 10 k-char texts`,
        ratio: formatRatio(warm.p95, onShort.p95),
        goal: "≤ 500 ms",
      },
      {
        group: "quote",
        figure: `p50 / max with ten ${CHARS / 1e6} M-char texts`,
        ours: `${ms(onLong.p50)} / ${ms(onLong.max)}`,
        baseline: `${ms(wholeMs)} one quote, whole text prepared`,
        ratio: formatRatio(onLong.p50, wholeMs),
      },
      {
        group: "quote",
        figure: `memory added by ${2 * QUOTES} quotes (peak RSS)`,
        ours: `${added.toFixed(1)} MiB (heap + buffers: peak ${((liveMax - live0) / 2 ** 20).toFixed(1)}, kept ${kept.toFixed(1)} MiB)`,
        baseline: `${(rss0 / 2 ** 20).toFixed(0)} MiB before (heap + buffers ${(live0 / 2 ** 20).toFixed(0)} MiB)`,
        ratio: formatRatio(rssMax, rss0),
        goal: "≤ 64 MiB",
      },
      {
        group: "quote",
        figure: "stored text read per quote (cold / warm)",
        ours: `${Math.round(onLong.bytes / QUOTES / 1024).toLocaleString("en-US")} / ${Math.round(warm.bytes / QUOTES / 1024).toLocaleString("en-US")} KiB`,
        baseline: `${((CHARS * 1.9) / 2 ** 20).toFixed(0)} MiB a whole text`,
        ratio: formatRatio(onLong.bytes / QUOTES, CHARS * 1.9),
      },
    ];
  } finally {
    await big.storage.close();
    await small.storage.close();
  }
}
