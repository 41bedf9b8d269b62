/**
 * When findQuoteCandidates reads on past its first round (quote-retrieval.ts, issue #12): a rare
 * key held only by statements that are not the one quoted is no reason to stop while the quote's
 * other words, in keys cut short, may single out another statement further on. The index is the
 * archive's own (quoteIndexItems) in the simulation's PostingStore.
 */
import { describe, expect, it } from "vitest";
import { findQuoteCandidates, quoteIndexItems } from "@isnad/archive";
import { PostingStore } from "./posting-store";

const base = Date.parse("2026-01-01T00:00:00Z");
const idOf = (i: number) => i.toString(16).padStart(32, "0");
/** A distinct filler word (letters only) for each number. */
const filler = (i: number) =>
  `q${Array.from(i.toString(20), (d) => String.fromCharCode(97 + parseInt(d, 20))).join("")}`;

let fillers = 0;
/** Statements holding `phrase` between filler words of their own, `count` of them. */
function holders(count: number, phrase: string): string[] {
  const words = () => Array.from({ length: 3 }, () => filler(fillers++)).join(" ");
  return Array.from({ length: count }, () => `${words()} ${phrase} ${words()}`);
}

async function archive(texts: readonly string[]): Promise<PostingStore> {
  const store = new PostingStore();
  for (const [i, text] of texts.entries()) {
    const record = { id: idOf(i), receivedAt: new Date(base + i * 1000).toISOString(), text: null };
    await store.putMany(quoteIndexItems(record as never, text));
  }
  return store;
}

describe("findQuoteCandidates reads on", () => {
  it("past a rare key of the quote's edit to the statement its common keys single out", async () => {
    // The quote "aa bb cc dd" drops a word of the holder's "aa bb cc yy dd": the holder has the
    // keys "aa bb cc" and "bb cc dd" (one word apart), each also held by 150 earlier statements,
    // while "aa cc dd" is rare and held by 5 statements that hold nothing else of the quote.
    const texts = [
      ...holders(150, "aa bb cc"),
      ...holders(150, "bb cc dd"),
      ...holders(5, "aa cc dd"),
      ...holders(1, "aa bb cc yy dd"),
    ];
    const store = await archive(texts);
    const found = await findQuoteCandidates(store, "aa bb cc dd");
    // Ranked with the five (each also one edit from the quote), before the 300 that hold one
    // common key (one edit too, but a lower score: they say complete is false).
    const rank = found.candidates.findIndex((c) => c.id === idOf(texts.length - 1));
    expect(rank).toBeGreaterThanOrEqual(0);
    expect(rank).toBeLessThan(6);
    expect(found.complete).toBe(false);
  });

  it("stops after the first round when the best statement outweighs all that pages cut short", async () => {
    const texts = [...holders(150, "aa bb cc"), ...holders(1, "aa bb cc dd ee")];
    const store = await archive(texts);
    const found = await findQuoteCandidates(store, "aa bb cc dd ee");
    expect(found.candidates[0]?.id).toBe(idOf(texts.length - 1));
    expect(found.reads).toBe(1 + 8);
  });

  it("to a statement holding every quoted word, past a hundred that hold a rarer key and lack one", async () => {
    // The miss of the 1,000,000-statement simulation, in small: the quote "aa bb cc dd" drops the
    // word "yy" of the holder's "aa bb yy cc dd". The holder's keys "aa bb cc" and "bb cc dd" (one
    // word apart) are common, its postings beyond their first page; "aa bb dd" and "aa cc dd" are
    // rarer and held, in a row, by 110 statements that lack a word of the quote; 3 earlier
    // statements hold the quote word for word. By votes alone the 110 rank first, and reading
    // stops: an unseen statement's common keys could not outvote them.
    const texts = [
      ...holders(3, "aa bb cc dd"),
      ...holders(500, "aa bb cc"),
      ...holders(400, "bb cc dd"),
      ...holders(40, "aa bb dd"),
      ...holders(70, "aa cc dd"),
      ...holders(1, "aa bb yy cc dd"),
    ];
    const store = await archive(texts);
    const found = await findQuoteCandidates(store, "aa bb cc dd");
    const ids = found.candidates.map((c) => parseInt(c.id, 16));
    // The 3 word for word first, then the holder: it holds every word, the others lack one.
    expect(ids.slice(0, 4).sort((a, b) => a - b)).toEqual([0, 1, 2, texts.length - 1]);
    expect(ids.indexOf(texts.length - 1)).toBe(3);
    expect(found.complete).toBe(false);
  });

  it("not past a common phrase whose holders could be no closer than the statement seen", async () => {
    // 3,000 statements hold "aa bb cc dd ee"; the quote takes 4 of those words and 3 of the
    // holder's own, one changed. An unseen statement could hold the phrase's keys and no more: it
    // would lack the quote's last words, as the 100 holders seen do, so paging on reads nothing of
    // use (the first version of the closeness rule read 9 more pages here).
    const texts = [...holders(3_000, "aa bb cc dd ee"), ...holders(1, "aa bb cc dd ee ff gg hh")];
    const store = await archive(texts);
    const found = await findQuoteCandidates(store, "bb cc dd ee ff zz hh");
    expect(found.candidates.map((c) => c.id)).toEqual([idOf(texts.length - 1)]);
    expect(found.reads).toBe(1 + 8);
    expect(found.complete).toBe(true);
  });
});
