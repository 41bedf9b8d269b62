import { PERFECT_QUALITY } from "@isnad/core";
import { readFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import { pdfPath } from "../../../tests/corpus/pdf/corpus";
import { pdfWithActualTextHidden } from "../../../tests/corpus/pdf/damaged-pdf";
import { describe, expect, it } from "vitest";
import { extractText } from "./extract-text";
import { PDF } from "./media-types";
import { makeEncryptedPdf } from "./testing/make-encrypted-pdf";
import { makeArabicPdf, makeLatinPdf } from "./testing/make-pdf";
import { seedParagraphs, tokens } from "./testing/seed";

const FRENCH = [
  "Le ministère a déclaré « aucune trêve » ce matin, selon l’agence.",
  "Il n’a pas confirmé les 47 victimes ; l’enquête continue à Deraa.",
];

describe("extractText: PDF", () => {
  it.each([
    ["in reading order", false],
    ["drawn in shuffled order", true],
  ])("extracts the Arabic seed statement from a generated PDF %s", async (_, shuffle) => {
    const paragraphs = seedParagraphs();
    const result = await extractText(await makeArabicPdf(paragraphs, { shuffle }), PDF);
    expect(result).toMatchObject({ status: "ok", mediaType: PDF, pages: 1, warnings: [] });
    // Lines wrap where the PDF wraps them; every word, in order, must be the seed's.
    expect(tokens(result.text)).toEqual(tokens(paragraphs.join("\n")));
    expect(result.text.split("\n\n")).toHaveLength(paragraphs.length);
    // The lam-alef ligature (negation لا, الائتلاف) and tanween (مديناً) survive pdf.js's reversal.
    expect(result.text.replace(/\s+/g, " ")).toContain("ما لا يقل عن 47 شهيداً");
    expect(
      result.text.startsWith("الائتلاف الوطني يدين خروقات النظام في درعا ويدعو المجتمع الدولي لإيقافها\n\n"),
    ).toBe(true);
  });

  it("extracts French from a generated PDF drawn in shuffled order, over several pages", async () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `${i + 1}. ${FRENCH[i % 2]}`);
    const result = await extractText(await makeLatinPdf(paragraphs, { shuffle: true }), PDF);
    expect(result.status).toBe("ok");
    expect(result.pages).toBe(2);
    expect(result.text.split(/\n\n+/)).toEqual(paragraphs);
  });

  it("says so when a document has no text layer", async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const result = await extractText(await doc.save(), PDF);
    expect(result).toMatchObject({ status: "empty", pages: 1, text: "" });
    expect(result.message).toMatch(/no text layer/);
  });

  it("fails on a password-protected PDF, reads one restricted by permissions only", async () => {
    const locked = await extractText(makeEncryptedPdf("Secured statement", "secret"), PDF);
    expect(locked).toMatchObject({ status: "failed", text: "" });
    expect(locked.message).toMatch(/^encrypted PDF: a password is required/);
    const restricted = await extractText(makeEncryptedPdf("Secured statement", ""), PDF);
    expect(restricted).toEqual({
      status: "ok",
      mediaType: PDF,
      text: "Secured statement",
      pages: 1,
      pageStarts: [0],
      warnings: ["encrypted PDF with an empty user password: text extracted"],
      quality: PERFECT_QUALITY,
    });
  });

  it("fails on garbage and on truncated PDFs, and warns when it could recover", async () => {
    const pdf = await makeArabicPdf(seedParagraphs());
    for (const bytes of [pdf.subarray(0, pdf.length / 2), new TextEncoder().encode("%PDF-1.7\n%garbage")]) {
      const result = await extractText(bytes, PDF);
      expect(result).toMatchObject({ status: "failed", text: "" });
      expect(result.message).toMatch(/^not a readable PDF: /);
    }
    // The last bytes lost (startxref and %%EOF): pdf.js finds the cross-reference table itself.
    const classic = await makeLatinPdf(FRENCH, { classicXref: true });
    const cut = new TextDecoder("latin1").decode(classic).lastIndexOf("startxref");
    const recovered = await extractText(classic.subarray(0, cut), PDF);
    expect(recovered).toMatchObject({ status: "ok", text: FRENCH.join("\n\n") });
    expect(recovered.warnings).toEqual([
      "no %%EOF marker: the file may be truncated, text recovered from what is there",
    ]);
  });

  it("stops at maxPages and maxChars, and within its time budget", async () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `${i + 1}. ${FRENCH[i % 2]}`);
    const pdf = await makeLatinPdf(paragraphs);
    const firstPage = await extractText(pdf, PDF, { maxPages: 1 });
    expect(firstPage).toMatchObject({
      status: "ok",
      pages: 2,
      warnings: ["only the first 1 of 2 pages read"],
    });
    expect(firstPage.text.startsWith("1. Le ministère")).toBe(true);
    expect(firstPage.text).not.toContain("40. ");
    const short = await extractText(pdf, PDF, { maxChars: 100 });
    expect(short.text).toHaveLength(100);
    expect(short.warnings).toContain("text truncated to its first 100 characters (limit 100)");
    const slow = await extractText(pdf, PDF, { timeoutMs: 0 });
    expect(slow).toMatchObject({ status: "failed", message: "timed out after 0 ms" });
  });

  it("drops glyphs it cannot map, counts them and marks their words damaged (ActualText hidden)", async () => {
    // The Chromium corpus PDF with tashkeel, its /ActualText keys renamed: pdf.js gives "\u0000".
    const result = await extractText(await pdfWithActualTextHidden(), PDF);

    expect(result.status).toBe("ok");
    expect(result.text).not.toMatch(/[\0\uFFFD]/);
    const q = result.quality!;
    expect(q.status).toBe("degraded");
    expect(q.unmappedGlyphs).toBeGreaterThan(10);
    expect(q.damaged.length).toBeGreaterThan(0);
    for (const [start, end] of q.damaged) expect(result.text.slice(start, end).trim()).not.toBe("");
    // The same file with its ActualText: nothing lost, nothing damaged.
    const intact = await extractText(
      new Uint8Array(readFileSync(pdfPath("amiri-tashkeel", "chromium"))),
      PDF,
    );
    expect(intact.quality).toMatchObject({ status: "ok", unmappedGlyphs: 0, damaged: [] });
  });
});
