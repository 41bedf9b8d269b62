/**
 * Quote-verification benchmarks (issue #5): latency with 100 and with 10,000 archived statements
 * (the cost must not grow with the archive), DynamoDB reads per 30-word quote, and the index's
 * size per 1,000 words archived. Statements are generated from the seed's vocabulary and archived
 * through the real ingest use case on the emulators (without the log, which is measured elsewhere).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  createKeyring,
  createSigner,
  createTextIndexer,
  ingest,
  quoteIndexItems,
  verifyQuote,
  type Item,
  type ItemStore,
} from "@isnad/archive";
import { generateEd25519Seed, isNegation, tokenize } from "@isnad/core";
import { plainTextDeps } from "../support/plain-text-deps";
import { startTestStorage } from "../support/storage";
import { formatRatio, type BenchRow } from "./table";
import { ms, runLoad } from "./load";

const WORDS_PER_STATEMENT = 150;

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

export async function benchQuote(): Promise<BenchRow[]> {
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

  const storage = await startTestStorage();
  const counter = { reads: 0 };
  const signer = createSigner(generateEd25519Seed());
  const keyring = createKeyring(signer);
  const deps = plainTextDeps(storage, signer, {
    indexText: createTextIndexer(storage.items),
    maxUploadBytes: 1024 * 1024,
  });
  const texts: string[] = [];
  const archiveUpTo = async (n: number) => {
    const from = texts.length;
    for (let i = from; i < n; i++) texts.push(statement());
    await runLoad(n - from, 16, async (i) => {
      await ingest(deps, {
        publisher: "bench",
        body: new TextEncoder().encode(texts[from + i]!),
        declaredMediaType: "text/plain",
        filename: null,
        fields: {},
      });
    });
  };
  const measure = async () => {
    const stores = { items: countingReads(storage.items, counter), objects: storage.objects };
    counter.reads = 0;
    const quotes = 200;
    const result = await runLoad(quotes, 4, async () => {
      const text = texts[Math.floor(random() * texts.length)]!.split(" ");
      const at = Math.floor(random() * (text.length - 30));
      const verdict = await verifyQuote(stores, text.slice(at, at + 30).join(" "), keyring.byId);
      if (verdict.verdict !== "verbatim") throw new Error(`a quoted passage came back ${verdict.verdict}`);
    });
    return { ...result, readsPerQuote: counter.reads / quotes };
  };

  try {
    process.stderr.write("bench: archiving 100 statements…\n");
    await archiveUpTo(100);
    const small = await measure();
    const target = Number(process.env.ISNAD_BENCH_STATEMENTS ?? 10_000);
    process.stderr.write(`bench: archiving ${target.toLocaleString("en-US")} statements (minutes)…\n`);
    await archiveUpTo(target);
    const large = await measure();

    const sample = texts.slice(0, 50);
    const words = sample.reduce((n, t) => n + tokenize(t).length, 0);
    const indexItems = sample.flatMap((t, i) =>
      quoteIndexItems(
        { id: `${i}`.padStart(32, "0"), receivedAt: new Date().toISOString(), text: null } as never,
        t,
      ),
    );
    const bytes = indexItems.reduce((n, item) => n + itemBytes(item), 0);
    const label = `${texts.length.toLocaleString("en-US")}`;
    return [
      { group: "quote", figure: "verify p50, 100 statements", ours: ms(small.p50), baseline: "", ratio: "" },
      { group: "quote", figure: "verify p99, 100 statements", ours: ms(small.p99), baseline: "", ratio: "" },
      {
        group: "quote",
        figure: `verify p50, ${label} statements`,
        ours: ms(large.p50),
        baseline: `${ms(small.p50)} at 100`,
        ratio: formatRatio(large.p50, small.p50),
        goal: "≤ 1.5",
      },
      {
        group: "quote",
        figure: `verify p99, ${label} statements`,
        ours: ms(large.p99),
        baseline: `${ms(small.p99)} at 100`,
        ratio: formatRatio(large.p99, small.p99),
        goal: "≤ 1.5",
      },
      {
        group: "quote",
        figure: "DynamoDB reads per 30-word quote",
        ours: large.readsPerQuote.toFixed(1),
        baseline: `${small.readsPerQuote.toFixed(1)} at 100`,
        ratio: formatRatio(large.readsPerQuote, small.readsPerQuote),
      },
      {
        group: "quote",
        figure: "index items per 1,000 words",
        ours: ((indexItems.length / words) * 1000).toFixed(0),
        baseline: "1,000 words",
        ratio: (indexItems.length / words).toFixed(2),
        // Three word triples of span 4 per word (core/text/shingles.ts): what retrieval that
        // survives one changed word anywhere costs, against ~2 for the 5+3-word shingles before.
        goal: "≤ 3",
      },
      {
        group: "quote",
        figure: "index bytes per 1,000 words",
        ours: `${Math.round((bytes / words) * 1000).toLocaleString("en-US")} B`,
        baseline: "",
        ratio: "",
      },
    ];
  } finally {
    await storage.close();
  }
}
