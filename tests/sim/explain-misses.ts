/**
 * `npx tsx tests/sim/explain-misses.ts [statements]`: the quote-scale simulation (default
 * 1,000,000 statements, as `npm run bench -- quote-scale`, seed 7) with every miss explained: each
 * key the quote looks up, how many statements hold it, where the planted statement stands in its
 * postings (−1: not at all), and the statements the answer shows with their word edits from the
 * quote (WordCorpus.distance). How the 1,000,000-statement misses of issue #12 were found.
 */
import { findQuoteCandidates, shingleKey } from "@isnad/archive";
import { quoteShingles } from "@isnad/core";
import { runQuoteScale } from "./quote-scale";

const statements = Number(process.argv[2] ?? 1_000_000);
const out = (line: string) => process.stdout.write(`${line}\n`);
const number = (sk: string) => parseInt(sk.slice(sk.lastIndexOf("#") + 1), 16);

const report = await runQuoteScale({
  statements,
  planted: 1_000,
  log: (line) => process.stderr.write(`${line}\n`),
  onMiss: async ({ store, quote, holderSk, className, corpus }) => {
    const words = quote.split(" ");
    out(
      `MISS [${className}] "${quote}": statement ${number(holderSk)}, ${corpus.distance(number(holderSk), words)} edits`,
    );
    for (const s of quoteShingles(quote)) {
      const holders: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.query(shingleKey(s.key), { limit: 1000, cursor });
        holders.push(...page.items.map((i) => i.sk));
        cursor = page.cursor;
      } while (cursor !== undefined);
      const joined = s.joined === undefined ? "" : ` (joined at ${s.joined})`;
      out(
        `  key of words ${s.words.join(",")}${joined}: ${holders.length} holders, planted at ${holders.indexOf(holderSk)}`,
      );
    }
    const found = await findQuoteCandidates(store, quote);
    out(
      `  ${found.reads} reads, complete: ${found.complete}; shown (statement: edits, score, unplaced words):`,
    );
    const shown = found.candidates.map((c) => {
      const s = number(c.sk);
      return `${s}: ${corpus.distance(s, words)}, ${c.score.toFixed(2)}, ${c.missing} «${corpus.statementWords(s).join(" ")}»`;
    });
    for (const line of shown) out(`    ${line}`);
  },
});
for (const c of report.classes) {
  out(
    `${c.name}: ${c.found} / ${c.quotes} found, ${c.crowded} crowded, ${c.missedButFlagged} flagged incomplete`,
  );
}
