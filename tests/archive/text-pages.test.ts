/**
 * Issue #12 §3: a quote's difference names the page of the original it is on ("page 2 of the
 * original"), through the real extractor (worker), ingest (the page starts stored beside the text,
 * before the record) and verify, on the emulators. Uncertain differences get it like altered ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprintText, generateEd25519Seed, sha256 } from "@isnad/core";
import {
  createKeyring,
  createSigner,
  createTextIndexer,
  ingest,
  systemClock,
  verifyQuote,
  type ArchiveDeps,
} from "@isnad/archive";
import { documentExtractor } from "@isnad/extract";
import { makeLatinPdf } from "../../packages/extract/src/testing/make-pdf";
import { readTextPages, storeTextPages, textPagesKey } from "../../packages/archive/src/text-pages";
import { startTestStorage, type TestStorage } from "../support/storage";
import { pdfWithActualTextHidden } from "../corpus/pdf/damaged-pdf";

let storage: TestStorage;
const signer = createSigner(generateEd25519Seed());
const keyring = createKeyring(signer);

beforeAll(async () => {
  storage = await startTestStorage();
});
afterAll(() => storage?.close());

const deps = (): ArchiveDeps => ({
  objects: storage.objects,
  items: storage.items,
  indexText: createTextIndexer(storage.items),
  signer,
  clock: systemClock,
  extractor: documentExtractor,
  fingerprint: fingerprintText,
  limits: { maxUploadBytes: 8 * 1024 * 1024 },
});

async function archive(body: Uint8Array, publisher: string) {
  const { statement } = await ingest(deps(), {
    publisher,
    body,
    declaredMediaType: "application/pdf",
    filename: "statement.pdf",
    fields: {},
  });
  return statement.record;
}

const stores = () => ({ items: storage.items, objects: storage.objects });

describe("the page of the original in a quote's differences", () => {
  it("names the last page for a misquote of the sentence printed last", async () => {
    // Pages are filled with numbered lines (wrapped at this size); the sentence ends the last page.
    const filler = Array.from({ length: 14 }, (_, i) => `Filler line number ${i} of the first page.`);
    const sentence =
      "The ministry confirmed on Tuesday that the harbour will reopen to cargo ships next spring";
    const record = await archive(await makeLatinPdf([...filler, sentence], { fontSize: 40 }), "pub-pages");
    const text = record.text!;
    const starts = await readTextPages(storage.objects, record.original.sha256, text.sha256!, text.length);
    expect(starts?.length).toBeGreaterThanOrEqual(2);

    const answer = await verifyQuote(stores(), sentence.replace("next spring", "next autumn"), keyring.byId);
    expect(answer.verdict).toBe("altered");
    const differences = answer.results[0]!.match.differences;
    expect(differences.length).toBeGreaterThan(0);
    const pages = starts!.length;
    for (const d of differences) expect(d).toMatchObject({ page: pages });
    // Offsets and page agree: the archived side is in the text of that page.
    expect(differences[0]!.start).toBeGreaterThanOrEqual(starts![pages - 1]!);
  }, 120_000);

  it("names the page for an uncertain difference (archived text damaged there)", async () => {
    const record = await archive(await pdfWithActualTextHidden(), "pub-pages");
    const text = record.text!;
    expect(text.quality?.damaged.length).toBeGreaterThan(0);
    // A quote of 9 archived words whose middle one, on damaged letters, differs: "uncertain".
    const stored = new TextDecoder().decode(await storage.objects.get(`texts/${text.sha256}`));
    const words = [...stored.matchAll(/\S+/g)].map((m) => ({
      word: m[0],
      start: m.index,
      end: m.index + m[0].length,
    }));
    const middle = words.findIndex(
      (w, k) =>
        k >= 4 && k + 4 < words.length && text.quality!.damaged.some(([s, e]) => s < w.end && e > w.start),
    );
    expect(middle).toBeGreaterThan(0);
    const quote = words.slice(middle - 4, middle + 5).map((w, k) => (k === 4 ? "كلمة" : w.word));
    const answer = await verifyQuote(stores(), quote.join(" "), keyring.byId);
    expect(answer.verdict).toBe("uncertain");
    const differences = answer.results.find((r) => r.match.verdict === "uncertain")!.match.differences;
    expect(differences.some((d) => d.damaged)).toBe(true);
    for (const d of differences) expect(d).toMatchObject({ page: 1 });

    // The page starts are beside the text, not in the signed record.
    expect(JSON.stringify(record)).not.toContain("pageStarts");
    expect(await storage.objects.head(textPagesKey(record.original.sha256, text.sha256!))).toBeDefined();
  }, 120_000);

  it("reads stored page starts checked, never trusted, and keeps the first ones written", async () => {
    const [original, text] = ["a".repeat(64), "b".repeat(64)];
    const put = (body: string, t: string) =>
      storage.objects.putImmutable(textPagesKey(original, t), new TextEncoder().encode(body), {
        contentType: "application/json",
        sha256: sha256(new TextEncoder().encode(body)),
      });
    await put('{"pageStarts":[0,9,4]}', "c".repeat(64));
    await put("not json", "d".repeat(64));
    expect(await readTextPages(storage.objects, original, "c".repeat(64), 20)).toBeUndefined();
    expect(await readTextPages(storage.objects, original, "d".repeat(64), 20)).toBeUndefined();
    expect(await readTextPages(storage.objects, original, text, 20)).toBeUndefined();

    await storeTextPages(storage.objects, original, text, [0, 10]);
    await storeTextPages(storage.objects, original, text, [0, 12]); // no CONFLICT: the first stays
    expect(await readTextPages(storage.objects, original, text, 20)).toEqual([0, 10]);
    expect(await readTextPages(storage.objects, original, text, 5)).toBeUndefined(); // past the text
  });
});
