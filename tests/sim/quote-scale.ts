/**
 * Quote retrieval at scale (issue #12: "a phrase common to 100,000 statements must not crowd out
 * the statement that holds the quote … prove it with a simulation of ≥ 1,000,000 synthetic
 * statements on the pure index logic"). Synthetic statements are indexed by the archive's own
 * quoteIndexItems into PostingStore (an ItemStore), and quotes are looked up by the archive's own
 * findQuoteCandidates; a quote is found when its statement is among the candidates verify-quote
 * would examine (at most MAX_EXAMINED, all within a quarter of the best score).
 *
 * The corpus, deterministic for a seed:
 * - background statements of 6–12 words drawn from a Zipf vocabulary (s = 1, 20,000 words), so
 *   that frequent triples are common as in real text;
 * - one statement in ten holds the same 8-word phrase (100,000 in a million);
 * - `planted` statements hold a 14-word sentence of their own: 5 words of that common phrase,
 *   then 9 Zipf words. Quotes are cut from it and changed (a substitution, insertion or deletion
 *   of a word, anywhere; a word split in two as PDF copy tools split them), per class below.
 */
import { findQuoteCandidates, quoteIndexItems, MAX_EXAMINED } from "@isnad/archive";
import { tokenize } from "@isnad/core";
import { PostingStore } from "./posting-store";
import { WordCorpus } from "./word-corpus";

export interface ScaleOptions {
  statements: number;
  planted: number;
  /** One statement in this many holds the common phrase. */
  commonEvery?: number;
  seed?: number;
  /** Progress lines (the bench prints them; the unit test does not). */
  log?: (line: string) => void;
  /** Called for each quote not found, with the store, to say why (debugging only). */
  onMiss?: (miss: {
    store: PostingStore;
    quote: string;
    holderSk: string;
    className: string;
    /** The statements' words, to judge what the answer showed. */
    corpus: WordCorpus;
  }) => Promise<void>;
}

export interface ClassReport {
  name: string;
  quotes: number;
  found: number;
  /** Not found, but the answer said it may be incomplete (complete: false). */
  missedButFlagged: number;
  /**
   * Not found, but the answer shows MAX_EXAMINED other statements, each matching the quote with as
   * few word edits as the planted one or fewer (WordCorpus.distance; a split word counted rejoined),
   * and says complete: false. Then the planted statement is one of more equal answers than a
   * verification examines (a common 3-word phrase held verbatim by hundreds; 4 common words, 3 of
   * them held in that order by hundreds): the quote's words single out no statement. A statement
   * holding fewer of the quote's words than the planted one is no such answer, and then the miss
   * counts.
   */
  crowded: number;
  meanReads: number;
  maxReads: number;
  maxCandidates: number;
  /** Reads of each quote, for percentiles. */
  reads: number[];
  /** The quotes not found (at most 20), to say what remains. */
  missed: string[];
}

export interface ScaleReport {
  statements: number;
  words: number;
  postings: number;
  commonHolders: number;
  indexSeconds: number;
  quoteMs: { p50: number; p99: number };
  classes: ClassReport[];
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const CONSONANTS = "bdfgklmnprstvz";
const VOWELS = "aeiou";
/** Distinct letter-only words (norm-2 splits digits from letters): 3 syllables from 70. */
function word(i: number): string {
  let out = "";
  for (let k = 0; k < 3; k++) {
    const s = i % 70;
    i = Math.floor(i / 70);
    out += CONSONANTS[s % 14]! + VOWELS[Math.floor(s / 14)]!;
  }
  return out;
}

const VOCABULARY = 20_000;
const COMMON_PHRASE = [101, 202, 303, 404, 505, 606, 707, 808].map((r) => word(r));

function zipf(random: () => number): () => string {
  const cdf = new Float64Array(VOCABULARY);
  let sum = 0;
  for (let r = 0; r < VOCABULARY; r++) cdf[r] = sum += 1 / (r + 1);
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = VOCABULARY - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return word(lo);
  };
}

type Edit = "sub" | "ins" | "del";
/** A quote as pasted, and the words it stands for when they differ (a split word rejoined). */
interface Quote {
  words: string[];
  reading: string[];
}

export async function runQuoteScale(options: ScaleOptions): Promise<ScaleReport> {
  const { statements, planted } = options;
  const commonEvery = options.commonEvery ?? 10;
  const random = rng(options.seed ?? 7);
  const draw = zipf(random);
  const log = options.log ?? (() => {});
  const words = (n: number) => Array.from({ length: n }, draw);
  const store = new PostingStore(statements * 36);
  const corpus = new WordCorpus();
  const plantEvery = Math.max(1, Math.floor(statements / planted));
  const sentences = new Map<number, string[]>();
  const base = Date.parse("2026-01-01T00:00:00Z");
  const idOf = (i: number) => i.toString(16).padStart(32, "0");
  let wordCount = 0;
  let commonHolders = 0;

  const started = performance.now();
  for (let i = 0; i < statements; i++) {
    const parts = words(3 + Math.floor(random() * 4));
    if (i % commonEvery === 0) {
      parts.push(...COMMON_PHRASE);
      commonHolders++;
    }
    if (i % plantEvery === plantEvery - 1 && sentences.size < planted) {
      const sentence = [...COMMON_PHRASE.slice(0, 5), ...words(9)];
      sentences.set(i, sentence);
      parts.push(...sentence);
    }
    parts.push(...words(3 + Math.floor(random() * 4)));
    corpus.add(parts);
    const text = parts.join(" ");
    wordCount += parts.length;
    const record = { id: idOf(i), receivedAt: new Date(base + i * 1000).toISOString(), text: null };
    await store.putMany(quoteIndexItems(record as never, text));
    if ((i + 1) % 100_000 === 0) log(`indexed ${(i + 1).toLocaleString("en-US")} statements`);
  }
  const indexSeconds = (performance.now() - started) / 1000;
  await store.query(`q#x#x#3:${"0".repeat(16)}`); // sorts the postings, outside the timings

  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const change = (quote: string[], edit: Edit, at: number): string[] => {
    const out = [...quote];
    const fresh = `zz${word(VOCABULARY + Math.floor(random() * 100_000))}`;
    if (edit === "sub") out[at] = fresh;
    else if (edit === "ins") out.splice(at, 0, fresh);
    else out.splice(at, 1);
    return out;
  };
  /** A run of `length` words of the sentence from `from`, with `edits` random edits. */
  const cut = (sentence: string[], from: number, length: number, edits: number): string[] => {
    let quote = sentence.slice(from, from + length + edits); // deletions need spare words
    quote = quote.slice(0, length);
    for (let e = 0; e < edits; e++) {
      const edit = pick<Edit>(["sub", "ins", "del"]);
      quote = change(quote, edit, Math.floor(random() * quote.length));
    }
    return quote;
  };
  /** The quote with one word split, and the words it stands for (what holders hold). */
  const split = (words: string[]): Quote => {
    const at = Math.floor(random() * words.length);
    const w = words[at]!;
    const k = 1 + Math.floor(random() * (w.length - 1));
    return {
      words: [...words.slice(0, at), w.slice(0, k), w.slice(k), ...words.slice(at + 1)],
      reading: words,
    };
  };
  const classes: [string, (s: string[]) => string[] | Quote][] = [
    [
      "4–6 words, one change anywhere",
      (s) => cut(s, 5 + Math.floor(random() * 3), 5 + Math.floor(random() * 2), 1),
    ],
    ["10–12 words, two changes", (s) => cut(s, 4 + Math.floor(random() * 2), 11, 2)],
    ["exact 3 words", (s) => s.slice(6 + Math.floor(random() * 6)).slice(0, 3)],
    ["common phrase + 3 words, one change", (s) => cut(s, 0, 8, 1)],
    ["exact 8 words", (s) => s.slice(5, 13)],
    // PDF spacing: one word of a 4–5-word quote split in two at a letter inside it (issue #12).
    [
      "4–5 words, one word split in two",
      (s) => split(cut(s, 5 + Math.floor(random() * 5), 4 + Math.floor(random() * 2), 0)),
    ],
  ];

  /** MAX_EXAMINED statements shown, each as close to the quote as statement `i` (see ClassReport). */
  const crowdedOut = (shown: readonly { id: string }[], i: number, reading: readonly string[]) => {
    const own = corpus.distance(i, reading);
    return (
      shown.length === MAX_EXAMINED && shown.every((c) => corpus.distance(parseInt(c.id, 16), reading) <= own)
    );
  };
  const reports: ClassReport[] = [];
  const times: number[] = [];
  for (const [name, make] of classes) {
    const report: ClassReport = {
      name,
      quotes: 0,
      found: 0,
      missedButFlagged: 0,
      crowded: 0,
      meanReads: 0,
      maxReads: 0,
      maxCandidates: 0,
      reads: [],
      missed: [],
    };
    for (const [i, sentence] of sentences) {
      const made = make(sentence);
      const { words: quote, reading } = Array.isArray(made) ? { words: made, reading: made } : made;
      if (tokenize(quote.join(" ")).length < 3) continue;
      const t0 = performance.now();
      const found = await findQuoteCandidates(store, quote.join(" "));
      times.push(performance.now() - t0);
      report.quotes++;
      const hit = found.candidates.some((c) => c.id === idOf(i));
      if (hit) report.found++;
      else if (!found.complete && crowdedOut(found.candidates, i, reading)) report.crowded++;
      else {
        if (!found.complete) report.missedButFlagged++;
        if (report.missed.length < 20) report.missed.push(quote.join(" "));
        const holderSk = `${new Date(base + i * 1000).toISOString()}#${idOf(i)}`;
        await options.onMiss?.({ store, quote: quote.join(" "), holderSk, className: name, corpus });
      }
      report.reads.push(found.reads);
      report.meanReads += found.reads;
      report.maxReads = Math.max(report.maxReads, found.reads);
      report.maxCandidates = Math.max(report.maxCandidates, found.candidates.length);
    }
    report.meanReads /= Math.max(1, report.quotes);
    reports.push(report);
    log(`${name}: ${report.found} / ${report.quotes} found`);
  }
  times.sort((a, b) => a - b);
  return {
    statements,
    words: wordCount,
    postings: store.postings,
    commonHolders,
    indexSeconds,
    quoteMs: {
      p50: times[Math.floor(times.length / 2)] ?? 0,
      p99: times[Math.floor(times.length * 0.99)] ?? 0,
    },
    classes: reports,
  };
}

export { MAX_EXAMINED };
