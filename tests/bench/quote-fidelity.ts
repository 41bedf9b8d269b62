/**
 * `npm run bench -- quote-fidelity` (issue #12, Done when): how faithfully core's quote matching
 * judges quotes, per class, on a corpus of the seed, texts written for isnad in Arabic, English and
 * French, and public-domain texts from Debian's miscfiles (tests/corpus/quotes/README.md). The
 * pure pipeline: matchQuote on the candidate text (retrieval is benchmarked by `quote`).
 *
 * Per class: found (genuine quotes: verbatim or same-words; misquotes: anything but not-found),
 * offsets right (genuine: the passage is exactly the quoted words; misquotes: a difference touches
 * the changed words), passed as authentic (misquotes called verbatim, same-words or abridged) and
 * reported altered. Baseline, from the same run: exact search of the normalized quote in the
 * normalized text with isnad-norm-1 (what a plain "normalize and search" gives).
 *
 * End to end, every case is also looked up through the archive's own index (quoteIndexItems into
 * the in-memory PostingStore of tests/sim, then findQuoteCandidates, as verify-quote does): the
 * rate at which its statement is among the candidates verify-quote would align.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import {
  matchQuote,
  normalizeText,
  prepareDocument,
  type PreparedDocument,
  type QuoteMatch,
} from "@isnad/core";
import {
  BENIGN,
  MISQUOTES,
  benignCase,
  corpusText,
  damagedCase,
  misquoteCase,
  prng,
  type CorpusText,
  type QuoteCase,
} from "./quote-fidelity-cases";
import { formatRatio, type BenchRow } from "./table";
import { findQuoteCandidates, quoteIndexItems } from "@isnad/archive";
import { PostingStore } from "../sim/posting-store";

/** The corpus archived as statements in an in-memory quote index, one id per text. */
async function indexCorpus(docs: CorpusText[]): Promise<{ store: PostingStore; ids: Map<string, string> }> {
  const store = new PostingStore();
  const ids = new Map<string, string>();
  for (const [i, d] of docs.entries()) {
    const record = {
      id: i.toString(16).padStart(32, "0"),
      receivedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      text: null,
    };
    ids.set(d.name, record.id);
    await store.putMany(quoteIndexItems(record as never, d.text));
  }
  return { store, ids };
}

const ROOT = join(import.meta.dirname, "..", "..");
const SEED = 20261207;
const PER_CLASS = Number(process.env.ISNAD_FIDELITY_CASES ?? 250);
const AUTHENTIC = new Set(["verbatim", "same-words", "abridged"]);

function loadCorpus(): CorpusText[] {
  const dirs = [join(ROOT, "seeds"), join(ROOT, "tests", "corpus", "quotes")];
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .sort()
      .map((f) => corpusText(f, readFileSync(join(dir, f), "utf8"))),
  );
}

interface Tally {
  n: number;
  found: number;
  offsets: number;
  authentic: number;
  altered: number;
  uncertain: number;
  naiveFound: number;
  /** Misquotes of ≥ 5 words, and how many of them were reported altered. */
  long: number;
  longAltered: number;
  /** Misquotes of 4 words not found (a 2 + 2-word splice has no indexed triple: README). */
  shortMissed: number;
  misses: string[];
}

const tally = (): Tally => ({
  n: 0,
  found: 0,
  offsets: 0,
  authentic: 0,
  altered: 0,
  uncertain: 0,
  naiveFound: 0,
  long: 0,
  longAltered: 0,
  shortMissed: 0,
  misses: [],
});

/** Whether a difference points at the change: its original side or its quote side touches it. */
const touches = (m: QuoteMatch, c: QuoteCase): boolean => {
  const [s, e] = c.changeAt!;
  const [qs, qe] = c.changeInQuote ?? [-1, -2];
  return m.differences.some((d) => (d.start <= e && d.end >= s) || (d.quoteStart <= qe && d.quoteEnd >= qs));
};

const letters = (text: string): string => normalizeText(text).replace(/ /g, "");

function judge(c: QuoteCase, m: QuoteMatch, naive: boolean, t: Tally): void {
  const text = c.archived ?? c.doc.text;
  t.n++;
  if (naive) t.naiveFound++;
  if (AUTHENTIC.has(m.verdict)) t.authentic++;
  if (m.verdict === "altered") t.altered++;
  if (m.verdict === "uncertain") t.uncertain++;
  const f = m.fragments[0];
  let ok: boolean;
  if (c.expect === "authentic") {
    const found = m.verdict === "verbatim" || m.verdict === "same-words";
    if (found) t.found++;
    // The passage found must hold the quoted words: the same place, or another with the same words.
    const offsets =
      found &&
      m.fragments.length === 1 &&
      ((f!.start === c.start && f!.end === c.end) ||
        letters(text.slice(f!.start, f!.end)) === letters(text.slice(c.start, c.end)));
    if (offsets) t.offsets++;
    ok = found && offsets;
  } else if (c.expect === "altered") {
    const found = m.verdict !== "not-found";
    if (found) t.found++;
    if (found && touches(m, c)) t.offsets++;
    if (c.words >= 5) {
      t.long++;
      if (m.verdict === "altered") t.longAltered++;
    } else if (!found) t.shortMissed++;
    ok = m.verdict === "altered" && touches(m, c);
  } else {
    const found = m.verdict !== "not-found" && m.verdict !== "altered";
    if (found) t.found++;
    if (found && f && f.start === c.start && f.end === c.end) t.offsets++; // damaged text: this place only
    ok = found;
  }
  if (!ok && t.misses.length < 3) {
    const diffs = m.differences.map(
      (d) => `${d.kind} «${d.original}»→«${d.quote}»${d.damaged ? " (damaged)" : ""}`,
    );
    const damage = c.damaged?.map(([s, e]) => `damaged «${text.slice(s, e)}»`) ?? [];
    t.misses.push(
      `${c.doc.name}: ${m.verdict} ${JSON.stringify(c.quote)} ${[...diffs, ...damage].join("; ")}`,
    );
  }
}

const pct = (a: number, n: number): string => (n === 0 ? "n/a" : `${((100 * a) / n).toFixed(1)} %`);

export async function benchQuoteFidelity(): Promise<BenchRow[]> {
  const docs = loadCorpus();
  const prepared = new Map<string, PreparedDocument>(docs.map((d) => [d.name, prepareDocument(d.text)]));
  const norm1 = new Map(docs.map((d) => [d.name, ` ${normalizeText(d.text, "isnad-norm-1")} `]));
  const naiveFinds = (c: QuoteCase): boolean =>
    norm1.get(c.doc.name)!.includes(` ${normalizeText(c.quote, "isnad-norm-1")} `);
  const r = prng(SEED);
  const rows: BenchRow[] = [];
  const total = { benign: tally(), misquote: tally(), damaged: tally() };
  const lengths: [string, number, number][] = [
    ["4–8 words", 4, 8],
    ["15–40 words", 15, 40],
  ];
  let matchMs = 0;
  let naiveMs = 0;
  const cases: QuoteCase[] = [];
  const run = (c: QuoteCase, t: Tally, into: Tally): void => {
    cases.push(c);
    let start = performance.now();
    const doc = c.archived ?? prepared.get(c.doc.name)!;
    const m = matchQuote(c.quote, doc, { damaged: c.damaged ?? [] });
    matchMs += performance.now() - start;
    start = performance.now();
    const naive = naiveFinds(c);
    naiveMs += performance.now() - start;
    judge(c, m, naive, t);
    judge(c, m, naive, into);
  };
  const misses: string[] = [];

  for (const cls of Object.keys(BENIGN)) {
    for (const [label, min, max] of lengths) {
      const t = tally();
      for (let i = 0; i < PER_CLASS; i++) run(benignCase(r, docs, cls, min, max), t, total.benign);
      rows.push({
        group: "quote-fidelity",
        figure: `genuine, ${cls}, ${label}: found · offsets right (n=${t.n})`,
        ours: `${pct(t.found, t.n)} · ${pct(t.offsets, t.n)}`,
        baseline: pct(t.naiveFound, t.n),
        ratio: formatRatio(t.found, t.naiveFound),
        goal: "≥ 99.5 % · 100 %",
      });
      misses.push(...t.misses.map((m) => `genuine ${cls} ${label}: ${m}`));
    }
  }
  for (const cls of Object.keys(MISQUOTES)) {
    for (const [label, min, max] of [
      ["4–8 words", 4, 8],
      ["10–30 words", 10, 30],
    ] as const) {
      const t = tally();
      for (let i = 0; i < PER_CLASS; i++) run(misquoteCase(r, docs, cls, min, max), t, total.misquote);
      rows.push({
        group: "quote-fidelity",
        figure: `misquote, ${cls}, ${label}: altered · at the change · passed as authentic · not found (n=${t.n})`,
        ours: `${pct(t.altered, t.n)} · ${pct(t.offsets, t.n)} · ${t.authentic} · ${t.n - t.found}${t.n > t.found ? ` (${t.shortMissed} of 4 words)` : ""}`,
        baseline: `naive finds ${t.naiveFound}`,
        ratio: "n/a",
        goal: "≥ 99 % (≥ 5 words) · 0 authentic",
      });
      misses.push(...t.misses.map((m) => `misquote ${cls} ${label}: ${m}`));
    }
  }
  {
    const t = total.damaged;
    for (let i = 0; i < PER_CLASS * 2; i++) run(damagedCase(r, docs, 4, 30), tally(), t);
    rows.push({
      group: "quote-fidelity",
      figure: `genuine quote, one word damaged in the archived text: called altered · uncertain · authentic (n=${t.n})`,
      ours: `${t.altered} · ${pct(t.uncertain, t.n)} · ${pct(t.authentic, t.n)}`,
      baseline: pct(t.naiveFound, t.n),
      ratio: "n/a",
      goal: "0 altered",
    });
    misses.push(...t.misses.map((m) => `damaged: ${m}`));
  }
  const b = total.benign;
  const q = total.misquote;
  rows.push(
    {
      group: "quote-fidelity",
      figure: `ALL genuine variants: found · offsets right (n=${b.n})`,
      ours: `${pct(b.found, b.n)} · ${pct(b.offsets, b.found)}`,
      baseline: pct(b.naiveFound, b.n),
      ratio: formatRatio(b.found, b.naiveFound),
      goal: "≥ 99.5 % · 100 %",
    },
    {
      group: "quote-fidelity",
      figure: `ALL meaning changes passed as authentic (n=${q.n})`,
      ours: String(q.authentic),
      baseline: String(q.naiveFound),
      ratio: "n/a",
      goal: "0",
    },
    {
      group: "quote-fidelity",
      figure: `ALL misquotes of ≥ 5 words reported altered (n=${q.long})`,
      ours: pct(q.longAltered, q.long),
      baseline: "0.0 %",
      ratio: "n/a",
      goal: "≥ 99 %",
    },
    {
      group: "quote-fidelity",
      figure: `time per quote: matchQuote vs naive normalized search (n=${b.n + q.n + total.damaged.n})`,
      ours: `${((1000 * matchMs) / (b.n + q.n + total.damaged.n)).toFixed(0)} µs`,
      baseline: `${((1000 * naiveMs) / (b.n + q.n + total.damaged.n)).toFixed(0)} µs`,
      ratio: formatRatio(matchMs, naiveMs),
    },
  );
  // End to end: is the case's statement among the candidates the archive's index gives?
  const { store, ids } = await indexCorpus(docs);
  const retrieved: Record<QuoteCase["expect"], { n: number; hit: number; reads: number }> = {
    authentic: { n: 0, hit: 0, reads: 0 },
    altered: { n: 0, hit: 0, reads: 0 },
    "not-altered": { n: 0, hit: 0, reads: 0 },
  };
  const missedBy = new Map<string, number>();
  for (const c of cases) {
    const found = await findQuoteCandidates(store, c.quote).catch(() => undefined); // < 3 words
    const r = retrieved[c.expect];
    r.n++;
    r.reads += found?.reads ?? 0;
    if (found?.candidates.some((x) => x.id === ids.get(c.doc.name))) r.hit++;
    else missedBy.set(c.cls, (missedBy.get(c.cls) ?? 0) + 1);
  }
  if (missedBy.size > 0) {
    const list = [...missedBy].map(([cls, n]) => `${cls} ${n}`).join(", ");
    process.stderr.write(`quote-fidelity: end to end, statement not a candidate, per class: ${list}\n`);
  }
  for (const [expect, label] of [
    ["authentic", "genuine variants"],
    ["altered", "misquotes"],
    ["not-altered", "genuine quotes on damaged text"],
  ] as const) {
    const r = retrieved[expect];
    rows.push({
      group: "quote-fidelity",
      figure: `end to end (archive index, ${docs.length} statements): ${label} whose statement is a candidate (n=${r.n})`,
      ours: pct(r.hit, r.n),
      baseline: `${(r.reads / r.n).toFixed(1)} reads/quote`,
      ratio: "n/a",
      goal: "100 %",
    });
  }
  if (misses.length > 0) {
    process.stderr.write(`quote-fidelity: examples of misses (at most 3 per class):\n`);
    for (const m of misses) process.stderr.write(`  ${m.slice(0, 300)}\n`);
  }
  return rows;
}
