/**
 * Quote-verification benchmarks (issues #5, #12): latency with 100 and with 10,000 archived
 * statements (the cost must not grow with the archive), whether every planted quote is found,
 * DynamoDB reads per 30-word quote, and the index's size per 1,000 words archived. Statements are
 * generated from the seed's vocabulary; each archive has emulators of its own in another process
 * (quote-storage.ts), without the log, which is measured elsewhere. The planted statements, whose
 * passages are quoted, are archived through the real ingest use case: the first 100, and 100 more
 * after the bulk. The statements between them are written by the bulk loader
 * (quote-bulk-load.ts): what ingest writes, copied with many BatchWriteItem calls in flight; a
 * sample of them is quoted too, to show the loaded archive is sound. The two archives' quotes are
 * measured in alternating rounds, so a shared machine's load falls on both sides alike.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  createKeyring,
  createSigner,
  createTextIndexer,
  ingest,
  QuoteTexts,
  quoteIndexItems,
  statementId,
  verifyQuote,
  type Item,
  type ItemStore,
  type ObjectStore,
} from "@isnad/archive";
import { formatHex, generateEd25519Seed, isNegation, sha256, tokenize, utf8 } from "@isnad/core";
import { plainTextDeps } from "../support/plain-text-deps";
import { startQuoteStorage, type QuoteStorage } from "./quote-storage";
import { formatRatio, type BenchRow } from "./table";
import { ms, runInterleaved, runLoad, type LoadResult } from "./load";
import { bulkLoad } from "./quote-bulk-load";

const WORDS_PER_STATEMENT = 150;
const PUBLISHER = "bench";
/** Statements ingested through the real use case before the bulk, and again after it. */
const PLANTED = 100;
const QUOTES = 200;
/** Bulk statements quoted to check what the loader wrote. */
const BULK_SAMPLE = 50;
/** A deterministic generator, so runs compare. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function countingReads(items: ItemStore, counter: { reads: number }): ItemStore {
  return new Proxy(items, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (prop === "get" || prop === "query" || prop === "queryIndex") counter.reads++;
        if (prop === "batchGet") counter.reads += Math.ceil(((args[0] as unknown[]).length || 1) / 100);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** DynamoDB's item size: attribute names plus values (numbers ~ 1 byte per 2 digits + 1). */
function itemBytes(item: Item): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    size +=
      name.length +
      (typeof value === "number" ? Math.ceil(String(value).length / 2) + 1 : String(value).length);
  }
  return size;
}

const QUANTILES = ["p50", "p95", "p99"] as const;
const p95 = (sorted: number[]) => sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? 0;

export async function benchQuote(): Promise<BenchRow[]> {
  const began = performance.now();
  const seedText = await readFile(
    join(process.cwd(), "seeds/etilaf-daraa-ceasefire-violations.ar.txt"),
    "utf8",
  );
  // Without negation particles: a random passage that happens to follow one is rightly reported
  // "altered" (its quote drops the negation), which would muddle a latency benchmark.
  const vocabulary = [...new Set(tokenize(seedText).map((t) => seedText.slice(t.start, t.end)))].filter(
    (w) => w.length > 1 && !isNegation(tokenize(w)[0]!.norm),
  );
  const random = rng(42);
  const statement = () =>
    Array.from(
      { length: WORDS_PER_STATEMENT },
      () => vocabulary[Math.floor(random() * vocabulary.length)]!,
    ).join(" ");
  const target = Math.max(2 * PLANTED, Number(process.env.ISNAD_BENCH_STATEMENTS ?? 10_000));
  const texts = Array.from({ length: target }, statement);
  const idOf = (text: string) => statementId(PUBLISHER, formatHex(sha256(utf8(text))));
  // The planted statements: the first 100 and the last 100 received; the bulk lies between.
  const planted = [...texts.slice(0, PLANTED), ...texts.slice(target - PLANTED)];
  const bulk = texts.slice(PLANTED, target - PLANTED);

  // Two archives, each with emulators of its own: the 100 planted statements alone, and the same
  // 100 + the bulk + 100 more. Their quotes are measured in alternating rounds (load.ts
  // runInterleaved), so that the other work on a shared machine falls on both sides alike.
  const [smallStorage, storage] = await Promise.all([startQuoteStorage(), startQuoteStorage()]);
  const signer = createSigner(generateEd25519Seed());
  const keyring = createKeyring(signer);
  const depsFor = (stores: { items: ItemStore; objects: ObjectStore }) =>
    plainTextDeps(stores, signer, {
      indexText: createTextIndexer(stores.items),
      maxUploadBytes: 1024 * 1024,
    });
  const ingestAll = async (stores: QuoteStorage, batch: readonly string[]) => {
    const deps = depsFor(stores);
    const t = performance.now();
    await runLoad(batch.length, 16, async (i) => {
      await ingest(deps, {
        publisher: PUBLISHER,
        body: utf8(batch[i]!),
        declaredMediaType: "text/plain",
        filename: null,
        fields: {},
      });
    });
    return (performance.now() - t) / 1000;
  };
  /** Quotes of 30-word passages of `from`, each expected verbatim in its own statement. */
  const quoter = (stores: QuoteStorage, from: readonly string[]) => {
    const counter = { reads: 0, quotes: 0 };
    const counted = { items: countingReads(stores.items, counter), objects: stores.objects };
    // A cache of its own for each side, so both start alike (cold).
    const cache = new QuoteTexts(stores.objects);
    const random = rng(7);
    const missed: string[] = [];
    const one = async () => {
      const text = from[Math.floor(random() * from.length)]!;
      const words = text.split(" ");
      const at = Math.floor(random() * (words.length - 30));
      const quote = words.slice(at, at + 30).join(" ");
      counter.quotes++;
      const verdict = await verifyQuote(counted, quote, keyring.byId, { texts: cache });
      const id = idOf(text);
      const own = verdict.results.find((r) => r.view.record.id === id);
      if (own?.match.verdict !== "verbatim") {
        missed.push(`${id}: ${own ? own.match.verdict : `not among ${verdict.total} (${verdict.verdict})`}`);
      }
    };
    const summary = (result: LoadResult) => {
      if (missed.length > 0) process.stderr.write(`bench: quotes missed:\n  ${missed.join("\n  ")}\n`);
      return {
        ...result,
        p95: p95(result.latencies),
        found: counter.quotes - missed.length,
        quotes: counter.quotes,
        readsPerQuote: counter.reads / counter.quotes,
      };
    };
    return { one, summary };
  };

  try {
    process.stderr.write(`bench: archiving ${PLANTED} statements in each archive…\n`);
    const ingestSeconds = await ingestAll(storage, planted.slice(0, PLANTED));
    await ingestAll(smallStorage, planted.slice(0, PLANTED));
    process.stderr.write(`bench: bulk loading ${bulk.length.toLocaleString("en-US")} statements…\n`);
    let shown = 0;
    const load = await bulkLoad(storage, depsFor, PUBLISHER, bulk, (done) => {
      if (done - shown >= 1000 || done === bulk.length) {
        shown = done;
        const s = ((performance.now() - began) / 1000).toFixed(0);
        process.stderr.write(`bench: ${done.toLocaleString("en-US")} loaded (${s} s into the bench)\n`);
      }
    });
    process.stderr.write(`bench: archiving ${PLANTED} statements more…\n`);
    await ingestAll(storage, planted.slice(PLANTED));
    process.stderr.write(`bench: quoting…\n`);
    const smallQuotes = quoter(smallStorage, planted.slice(0, PLANTED));
    const largeQuotes = quoter(storage, planted);
    const rounds = await runInterleaved(4, QUOTES / 4, 4, largeQuotes.one, smallQuotes.one);
    const small = smallQuotes.summary(rounds.baseline);
    const large = largeQuotes.summary(rounds.ours);
    const sampled = Array.from(
      { length: BULK_SAMPLE },
      (_, i) => bulk[Math.floor((i * bulk.length) / BULK_SAMPLE)]!,
    );
    const bulkQuotes = quoter(storage, sampled);
    const sound = bulkQuotes.summary(await runLoad(BULK_SAMPLE, 4, bulkQuotes.one));
    const wall = (performance.now() - began) / 1000;

    const sample = texts.slice(0, 50);
    const words = sample.reduce((n, t) => n + tokenize(t).length, 0);
    const indexItems = sample.flatMap((t, i) =>
      quoteIndexItems(
        { id: `${i}`.padStart(32, "0"), receivedAt: new Date().toISOString(), text: null } as never,
        t,
      ),
    );
    const bytes = indexItems.reduce((n, item) => n + itemBytes(item), 0);
    const label = `${target.toLocaleString("en-US")}`;
    const row = (figure: string, ours: string, baseline = "", ratio = "", goal?: string): BenchRow => ({
      group: "quote",
      figure,
      ours,
      baseline,
      ratio,
      ...(goal ? { goal } : {}),
    });
    const found = (r: { found: number }, n: number) => `${r.found} / ${n}`;
    const ingestEstimate = (ingestSeconds / PLANTED) * bulk.length;
    return [
      row("planted quotes found, 100 statements", found(small, small.quotes), "", "", "all"),
      row(`planted quotes found, ${label} statements`, found(large, large.quotes), "", "", "all"),
      row(
        `bulk statements found by a quote, ${label}`,
        found(sound, BULK_SAMPLE),
        "a sample of the loaded ones",
        "",
        "all",
      ),
      ...QUANTILES.map((q) => row(`verify ${q}, 100 statements`, ms(small[q]))),
      ...QUANTILES.map((q) =>
        row(
          `verify ${q}, ${label} statements`,
          ms(large[q]),
          `${ms(small[q])} at 100`,
          formatRatio(large[q], small[q]),
          "≤ 1.5",
        ),
      ),
      row(
        "DynamoDB reads per 30-word quote",
        large.readsPerQuote.toFixed(1),
        `${small.readsPerQuote.toFixed(1)} at 100`,
        formatRatio(large.readsPerQuote, small.readsPerQuote),
      ),
      row(
        "index items per 1,000 words",
        ((indexItems.length / words) * 1000).toFixed(0),
        "1,000 words",
        (indexItems.length / words).toFixed(2),
        // Three word triples of span 4 per word (core/text/shingles.ts): what retrieval that
        // survives one changed word anywhere costs, against ~2 for the 5+3-word shingles before.
        "≤ 3",
      ),
      row("index bytes per 1,000 words", `${Math.round((bytes / words) * 1000).toLocaleString("en-US")} B`),
      row(
        `bulk load, ${bulk.length.toLocaleString("en-US")} statements`,
        `${load.seconds.toFixed(0)} s`,
        `${ingestEstimate.toFixed(0)} s by ingest (its rate at 100)`,
        formatRatio(load.seconds, ingestEstimate),
      ),
      row(
        "bulk load: items and objects written",
        `${Math.round(load.items / load.seconds).toLocaleString("en-US")} items/s`,
        `${load.items.toLocaleString("en-US")} items, ${load.objects.toLocaleString("en-US")} objects`,
        `${((load.recordSeconds / load.seconds) * 100).toFixed(0)} % recording`,
      ),
      row("bench quote, whole run", `${wall.toFixed(0)} s`, "", "", "≤ 600 s"),
    ];
  } finally {
    await Promise.all([storage.close(), smallStorage.close()]);
  }
}
