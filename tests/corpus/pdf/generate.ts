/**
 * Regenerates the PDF corpus from sources/*.txt: HTML and DOCX beside the text, then PDFs printed
 * by Chromium (from the HTML) and LibreOffice (from the DOCX), and expected/<name>.txt.
 * Not run by `npm test` (the outputs are committed): `npx tsx tests/corpus/pdf/generate.ts`.
 * Needs the Debian packages chromium, libreoffice-writer-nogui, fonts-hosny-amiri, fonts-noto-core,
 * fonts-kacst-one and fonts-dejavu-core.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import { writeZip } from "../../../packages/extract/src/testing/zip-writer";
import { CORPUS_DIR, DOCUMENTS, expectedText, pdfPath, readBlocks, type Block } from "./corpus";

const escapeXml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function html(blocks: readonly Block[], font: string): string {
  const body: string[] = [];
  let rows: string[] = [];
  const flushTable = (): void => {
    if (rows.length) body.push(`<table>\n${rows.join("\n")}\n</table>`);
    rows = [];
  };
  for (const b of blocks) {
    if (b.kind === "row") {
      const tag = rows.length === 0 ? "th" : "td";
      rows.push(`<tr>${b.cells.map((c) => `<${tag}>${escapeXml(c)}</${tag}>`).join("")}</tr>`);
      continue;
    }
    flushTable();
    body.push(b.kind === "heading" ? `<h1>${escapeXml(b.text)}</h1>` : `<p>${escapeXml(b.text)}</p>`);
  }
  flushTable();
  return `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>${escapeXml(blocks[0]?.kind === "heading" ? blocks[0].text : "")}</title>
<style>
@page { size: A4; margin: 2cm; }
body { font-family: "${font}"; font-size: 14pt; line-height: 1.7; }
h1 { font-size: 18pt; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #555; padding: 4px 10px; }
</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}

// ECMA-376 Part 1: §17.3.1.6 w:bidi (right-to-left paragraph), §17.3.2.26 w:rFonts, §17.4.1
// w:bidiVisual (right-to-left table), §17.6.13 w:pgSz. LibreOffice picks each character's script.
function docxParagraph(text: string, font: string, halfPoints: number): string {
  const rPr = `<w:rPr><w:rFonts w:ascii="${font}" w:hAnsi="${font}" w:cs="${font}"/><w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/><w:lang w:bidi="ar-SA"/></w:rPr>`;
  return `<w:p><w:pPr><w:bidi/><w:spacing w:after="160"/></w:pPr><w:r>${rPr}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
}

function docx(blocks: readonly Block[], font: string): Uint8Array {
  const body: string[] = [];
  let rows: string[] = [];
  const border = `<w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>`;
  const flushTable = (): void => {
    if (rows.length)
      body.push(
        `<w:tbl><w:tblPr><w:bidiVisual/><w:tblBorders>${border}</w:tblBorders></w:tblPr>${rows.join("")}</w:tbl>`,
      );
    rows = [];
  };
  for (const b of blocks) {
    if (b.kind === "row") {
      rows.push(`<w:tr>${b.cells.map((c) => `<w:tc>${docxParagraph(c, font, 28)}</w:tc>`).join("")}</w:tr>`);
      continue;
    }
    flushTable();
    body.push(docxParagraph(b.text, font, b.kind === "heading" ? 36 : 28));
  }
  flushTable();
  const sect = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="0" w:footer="0" w:gutter="0"/><w:bidi/></w:sectPr>`;
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join("")}${sect}</w:body></w:document>`;
  return writeZip([
    {
      name: "[Content_Types].xml",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    },
    {
      name: "_rels/.rels",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    },
    { name: "word/document.xml", data: document },
  ]);
}

const sources = join(CORPUS_DIR, "sources");
mkdirSync(join(CORPUS_DIR, "pdf"), { recursive: true });
mkdirSync(join(CORPUS_DIR, "expected"), { recursive: true });
const work = mkdtempSync(join(tmpdir(), "isnad-corpus-"));
try {
  for (const { name, font } of DOCUMENTS) {
    const blocks = readBlocks(name);
    writeFileSync(join(CORPUS_DIR, "expected", `${name}.txt`), expectedText(blocks));
    const htmlFile = join(sources, `${name}.html`);
    const docxFile = join(sources, `${name}.docx`);
    // Formatted as the repository's sources are (npm run lint checks it); whitespace only.
    const options = { ...(await resolveConfig(htmlFile)), parser: "html" };
    writeFileSync(htmlFile, await format(html(blocks, font), options));
    writeFileSync(docxFile, docx(blocks, font));
    execFileSync(
      "chromium",
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        `--user-data-dir=${join(work, "chromium")}`,
        `--print-to-pdf=${pdfPath(name, "chromium")}`,
        `file://${htmlFile}`,
      ],
      { stdio: ["ignore", "inherit", "ignore"] }, // Chromium's stderr is D-Bus noise in a container
    );
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${join(work, "lo")}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        work,
        docxFile,
      ],
      { stdio: "inherit" },
    );
    renameSync(join(work, `${name}.pdf`), pdfPath(name, "libreoffice"));
    process.stderr.write(`corpus: ${name}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
