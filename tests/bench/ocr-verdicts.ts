/**
 * The verdicts part of `npm run bench -- ocr` (issue #18): every statement a corpus screenshot
 * quotes archived on the emulators, then each screenshot checked as verify does
 * (verifyScreenshot: OCR-tolerant matching). Counted: genuine screenshots called altered (goal
 * 0) and fabrications called altered with a real (non-OCR) difference naming the changed word or
 * the added sentence (goal 100 %). Baseline, from the same readings: the plain quote check without OCR tolerance.
 * Also the time verifyScreenshot takes (a second reading when the first says altered), against one
 * reading of the same image.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fingerprintText, generateEd25519Seed, type QuoteDifference } from "@isnad/core";
import {
  createKeyring,
  createSigner,
  createTextIndexer,
  ingest,
  systemClock,
  verifyQuote,
  verifyScreenshot,
  type ImageReader,
  type QuoteVerification,
} from "@isnad/archive";
import { createDocumentExtractor } from "@isnad/extract";
import { imagePath, type CorpusImage } from "../corpus/ocr/cases";
import { startTestStorage } from "../support/storage";

const ROOT = join(import.meta.dirname, "..", "..");

export interface VerdictCounts {
  genuine: number;
  genuineAltered: number;
  fabricated: number;
  fabricatedNamed: number;
  /** The same, from the plain quote check on the same readings (no OCR tolerance). */
  plainGenuineAltered: number;
  plainFabricatedNamed: number;
  /** Seconds verifyScreenshot took, all screenshots; and one plain reading of each (the baseline). */
  seconds: number;
  oneReadingSeconds: number;
  /** Screenshots read a second time to confirm an alteration (verify-screenshot.ts). */
  readTwice: number;
  /** Screenshots whose verdict went wrong, for a human: "file: verdict". */
  misses: string[];
}

/**
 * A real difference (not put down to OCR) whose original side holds the word the fabrication
 * changed; for an added line, whose side as read holds a word of the added sentence (of ≥ 4 letters,
 * so that a stray "في" matched elsewhere does not count).
 */
function namesWord(answer: QuoteVerification | undefined, image: CorpusImage): boolean {
  const fabrication = image.fabrication;
  if (answer?.verdict !== "altered" || !fabrication) return false;
  const real = (answer.results[0]?.match.differences ?? []).filter((d: QuoteDifference) => !d.ocr);
  if (fabrication.kind !== "added-line") return real.some((d) => d.original.includes(fabrication.word));
  const words = fabrication.replacement.split(/[\s\p{P}]+/u).filter((w) => w.length >= 4);
  return real.some((d) => words.some((w) => d.quote.includes(w)));
}

export async function benchVerdicts(
  images: readonly CorpusImage[],
  reader: ImageReader,
): Promise<VerdictCounts> {
  const storage = await startTestStorage();
  const extractor = createDocumentExtractor({ size: 1, prestart: 0, ocr: false });
  const signer = createSigner(generateEd25519Seed());
  const keyring = createKeyring(signer).byId;
  const deps = {
    objects: storage.objects,
    items: storage.items,
    indexText: createTextIndexer(storage.items),
    signer,
    clock: systemClock,
    extractor,
    fingerprint: fingerprintText,
    limits: { maxUploadBytes: 8 * 1024 * 1024 },
  };
  const counts: VerdictCounts = {
    genuine: 0,
    genuineAltered: 0,
    fabricated: 0,
    fabricatedNamed: 0,
    plainGenuineAltered: 0,
    plainFabricatedNamed: 0,
    seconds: 0,
    oneReadingSeconds: 0,
    readTwice: 0,
    misses: [],
  };
  try {
    for (const source of new Set(images.map((i) => i.source))) {
      const body = readFileSync(join(ROOT, source));
      await ingest(deps, {
        publisher: "bench-ocr",
        body,
        declaredMediaType: "text/plain",
        filename: source,
        fields: {},
      });
    }
    const stores = { items: storage.items, objects: storage.objects, imageReader: reader };
    for (const image of images) {
      const bytes = readFileSync(imagePath(image));
      let started = performance.now();
      // The bench measures verdicts, not the deadline (one reading took > 20 s at load 15).
      const checked = await verifyScreenshot(stores, bytes, keyring, { deadlineMs: 120_000 });
      counts.seconds += (performance.now() - started) / 1000;
      if (checked.readings > 1) counts.readTwice++;
      started = performance.now();
      await reader.read(bytes);
      counts.oneReadingSeconds += (performance.now() - started) / 1000;
      const plain = await verifyQuote(stores, checked.read.text, keyring);
      const verdict = checked.quote?.verdict ?? "not-found";
      if (image.fabrication) {
        counts.fabricated++;
        if (namesWord(checked.quote, image)) counts.fabricatedNamed++;
        else counts.misses.push(`${image.file}: ${verdict}`);
        if (namesWord(plain, image)) counts.plainFabricatedNamed++;
      } else {
        counts.genuine++;
        if (verdict === "altered") {
          counts.genuineAltered++;
          counts.misses.push(`${image.file}: altered`);
        }
        if (plain.verdict === "altered") counts.plainGenuineAltered++;
      }
    }
  } finally {
    await extractor.close();
    await storage.close();
  }
  return counts;
}
