/** The input budgets (issue #13), on documents built to cross them, through extractText. */
import { describe, expect, it } from "vitest";
import { countElements } from "./docx-budget";
import { extractText } from "./extract-text";
import { measureMarkup } from "./html-budget";
import { DOCX, HTML, PDF } from "./media-types";
import { checkPdfBudget } from "./pdf-budget";
import { makeDocx } from "./testing/make-docx";
import {
  makeDeepHtml,
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

  it("refuses a Flate bomb before pdf.js, saying what it exceeds", async () => {
    const pdf = makeFlateBombPdf(40);
    expect(pdf.length).toBeLessThan(64 * 1024);
    const result = await extractText(pdf, PDF, { budgets: { pdfDecodedBytes: 16 * MIB } });
    expect(result).toMatchObject({
      status: "failed",
      message: "too large to extract: more than 16 MiB when decompressed",
    });
  });

  it("stops inflating just past the budget", async () => {
    await expect(checkPdfBudget(makeFlateBombPdf(1000), 8 * MIB)).rejects.toThrow(
      "too large to extract: more than 8 MiB when decompressed",
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
    expect(measureMarkup("<!doctype html><p>a < b</p><!-- c --><?x?>").nodes).toBe(5);
  });

  it("estimates nesting: void, optional-end and self-closed elements and scripts do not deepen", () => {
    const page = `<html><body><div><p>one<p>two<br><img src=x><span/>
      <script>if (a<b) document.write("<div><div><div>")</script><div><b>x</b></div></div>`;
    expect(measureMarkup(page).depth).toBe(3);
  });

  it("refuses pages nested too deep", async () => {
    expect(await extractText(makeDeepHtml(5_000), HTML)).toMatchObject({
      status: "failed",
      message: "too deeply nested to extract: more than 2,000 HTML elements deep",
    });
  });

  it("refuses too many tags and too many characters", async () => {
    const page = new TextEncoder().encode(`<!doctype html><body>${"<b>x</b>".repeat(600)}</body>`);
    expect(await extractText(page, HTML, { budgets: { htmlNodes: 1_000 } })).toMatchObject({
      status: "failed",
      message: "too large to extract: more than 1,000 HTML tags",
    });
    expect(await extractText(makeWhitespaceHtml(4096), HTML, { budgets: { htmlChars: 4096 } })).toMatchObject(
      {
        status: "failed",
        message: expect.stringMatching(/^too large to extract: 16 KiB of HTML \(limit 4 KiB\)$/),
      },
    );
  });
});
