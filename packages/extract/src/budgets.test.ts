/** The input budgets (issue #13), on documents built to cross them, through extractText. */
import { describe, expect, it } from "vitest";
import { countElements } from "./docx-budget";
import { extractText } from "./extract-text";
import { countMarkup } from "./html-budget";
import { DOCX, HTML, PDF } from "./media-types";
import { checkPdfBudget } from "./pdf-budget";
import { makeDocx } from "./testing/make-docx";
import {
  makeFlateBombPdf,
  makeManyParagraphDocx,
  makeWhitespaceHtml,
  zlibBomb,
} from "./testing/make-hostile";
import { inflateSync } from "node:zlib";

const MIB = 1024 * 1024;

describe("PDF: decoded stream bytes", () => {
  it("the test bomb is a real zlib stream of that many NUL bytes", () => {
    const out = inflateSync(zlibBomb(3));
    expect(out.length).toBe(3 * MIB);
    expect(out.every((b) => b === 0)).toBe(true);
  });

  it("refuses a Flate bomb before pdf.js, saying how large it is", async () => {
    const pdf = makeFlateBombPdf(40);
    expect(pdf.length).toBeLessThan(64 * 1024);
    const result = await extractText(pdf, PDF, { budgets: { pdfDecodedBytes: 16 * MIB } });
    expect(result).toMatchObject({
      status: "failed",
      message: "too large to extract: 40 MiB when decompressed (limit 16 MiB)",
    });
  });

  it("says 'more than' past four times the budget, having stopped counting there", async () => {
    await expect(checkPdfBudget(makeFlateBombPdf(100), 8 * MIB)).rejects.toThrow(
      "too large to extract: more than 32 MiB when decompressed (limit 8 MiB)",
    );
  });

  it("lets a PDF under budget through to pdf.js", async () => {
    const result = await extractText(makeFlateBombPdf(2), PDF, { budgets: { pdfDecodedBytes: 16 * MIB } });
    expect(result).toMatchObject({ status: "ok", text: "A statement with a bomb behind it" });
  });
});

describe("DOCX: paragraphs, elements and size", () => {
  it("counts paragraphs whatever the namespace prefix, and not w:pPr or end tags", () => {
    const counts = { elements: 0, paragraphs: 0 };
    const xml = new TextEncoder().encode(
      '<w:body><w:p><w:pPr/></w:p><x:p a="1">t</x:p><p/><w:pict/></w:body>',
    );
    countElements(xml, counts, { elements: Infinity, paragraphs: Infinity });
    expect(counts).toEqual({ elements: 6, paragraphs: 3 });
  });

  it("refuses too many paragraphs before mammoth, under another prefix too", async () => {
    for (const prefix of ["w", "q"]) {
      const result = await extractText(makeManyParagraphDocx(3_000, prefix), DOCX, {
        budgets: { docxParagraphs: 2_000 },
      });
      expect(result).toMatchObject({
        status: "failed",
        message: "too large to extract: more than 2,000 paragraphs (limit 2,000)",
      });
    }
  });

  it("refuses too many elements, and too much Word XML", async () => {
    const docx = makeManyParagraphDocx(1_000);
    expect(await extractText(docx, DOCX, { budgets: { docxElements: 2_000 } })).toMatchObject({
      status: "failed",
      message: "too large to extract: more than 2,000 XML elements (limit 2,000)",
    });
    expect(await extractText(docx, DOCX, { budgets: { docxDocumentBytes: 32 * 1024 } })).toMatchObject({
      status: "failed",
      message: expect.stringMatching(
        /^too large to extract: \d+ KiB of Word XML when decompressed \(limit 32 KiB\)$/,
      ),
    });
  });

  it("extracts a document within budget", async () => {
    const result = await extractText(makeDocx({ paragraphs: ["بيان صحفي", "second"] }), DOCX);
    expect(result).toMatchObject({ status: "ok", text: "بيان صحفي\n\nsecond" });
  });
});

describe("HTML: tags and size", () => {
  it("counts tags, end tags, comments and declarations, not a lone <", () => {
    expect(countMarkup("<!doctype html><p>a < b</p><!-- c --><?x?>")).toBe(5);
  });

  it("refuses too many tags and too many characters", async () => {
    const page = new TextEncoder().encode(`<!doctype html><body>${"<b>x</b>".repeat(600)}</body>`);
    expect(await extractText(page, HTML, { budgets: { htmlNodes: 1_000 } })).toMatchObject({
      status: "failed",
      message: "too large to extract: more than 1,000 HTML tags (limit 1,000)",
    });
    expect(await extractText(makeWhitespaceHtml(4096), HTML, { budgets: { htmlChars: 4096 } })).toMatchObject(
      {
        status: "failed",
        message: expect.stringMatching(/^too large to extract: 16 KiB of HTML \(limit 4 KiB\)$/),
      },
    );
  });
});
