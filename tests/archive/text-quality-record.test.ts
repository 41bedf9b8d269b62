/**
 * Issue #12 §3: the extraction's quality report is part of the signed statement record
 * (record.text.quality), through the real ingest, extractor and emulators. A PDF whose word
 * boundaries were guessed is "degraded" with damaged spans inside the text; a clean one is "ok".
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalize, fingerprintText, generateEd25519Seed, MAX_DAMAGED_SPANS } from "@isnad/core";
import { createSigner, createTextIndexer, ingest, systemClock, type ArchiveDeps } from "@isnad/archive";
import { documentExtractor } from "@isnad/extract";
import { startTestStorage, type TestStorage } from "../support/storage";
import { pdfPath } from "../corpus/pdf/corpus";
import { pdfWithActualTextHidden } from "../corpus/pdf/damaged-pdf";

let storage: TestStorage;
const signer = createSigner(generateEd25519Seed());

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

async function archive(path: string | Uint8Array) {
  const body = typeof path === "string" ? new Uint8Array(readFileSync(path)) : path;
  const { statement } = await ingest(deps(), {
    publisher: "pub-quality",
    body,
    declaredMediaType: "application/pdf",
    filename: "statement.pdf",
    fields: {},
  });
  return statement.record;
}

describe("record.text.quality", () => {
  it("records a clean PDF as ok and a PDF with unmapped glyphs as degraded", async () => {
    const clean = await archive(pdfPath("naskh-plain", "chromium"));
    expect(clean.text).toMatchObject({ status: "ok", quality: { status: "ok", damaged: [] } });

    // LibreOffice's clusters drawn without advances: word gaps from its drawn spaces, nothing guessed.
    const spaced = await archive(pdfPath("kacst-tashkeel", "libreoffice"));
    expect(spaced.text).toMatchObject({ status: "ok", quality: { status: "ok", damaged: [] } });

    const guessed = await archive(await pdfWithActualTextHidden());
    const quality = guessed.text?.quality;
    expect(guessed.text?.status).toBe("ok"); // usable text: indexed and quotable
    expect(quality?.status).toBe("degraded");
    expect(quality?.unmappedGlyphs).toBeGreaterThan(0);
    expect(quality?.damaged.length).toBeGreaterThan(0);
    expect(quality!.damaged.length).toBeLessThanOrEqual(MAX_DAMAGED_SPANS);
    for (const [start, end] of quality!.damaged) {
      expect(0 <= start && start < end && end <= guessed.text!.length).toBe(true);
    }
    // Signed with the rest: it is in the canonical entry, which stays within 64 KiB.
    expect(canonicalize(guessed)).toContain('"quality":{');
    expect(new TextEncoder().encode(canonicalize(guessed)).length).toBeLessThanOrEqual(64 * 1024);
  });
});
