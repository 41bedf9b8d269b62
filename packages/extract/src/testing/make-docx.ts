import { writeZip } from "./zip-writer";
import type { ZipInput } from "./zip-writer";

// ECMA-376 Part 1 §11.3.10 (main document part), §15.2 (relationships), OPC content types.
const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

const escapeXml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A right-to-left paragraph (w:bidi, runs with w:rtl) whose words are split over several runs, as
 * Word does around spell-check marks and formatting, so that gluing runs without care shows.
 */
function paragraph(text: string): string {
  const runs = text.split(/(\s+)/).flatMap((piece) => {
    if (/^\s+$/.test(piece) || piece.length < 4) return [piece];
    const half = Math.floor(piece.length / 2);
    return [piece.slice(0, half), piece.slice(half)];
  });
  const xml = runs
    .filter((r) => r !== "")
    .map((r) => `<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">${escapeXml(r)}</w:t></w:r>`)
    .join("");
  return `<w:p><w:pPr><w:bidi/></w:pPr>${xml}</w:p>`;
}

function table(cells: string[][]): string {
  const rows = cells.map(
    (row) =>
      `<w:tr>${row.map((c) => `<w:tc><w:p><w:r><w:t>${escapeXml(c)}</w:t></w:r></w:p></w:tc>`).join("")}</w:tr>`,
  );
  return `<w:tbl>${rows.join("")}</w:tbl>`;
}

export interface DocxContent {
  paragraphs: string[];
  table?: string[][];
}

export function documentXml(content: DocxContent): string {
  const body = content.paragraphs.map(paragraph).join("") + (content.table ? table(content.table) : "");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
}

/** A minimal but valid DOCX (OPC package) holding the given paragraphs and an optional table. */
export function makeDocx(content: DocxContent, extra: ZipInput[] = []): Uint8Array {
  return writeZip([
    { name: "[Content_Types].xml", data: CONTENT_TYPES },
    { name: "_rels/.rels", data: RELS },
    { name: "word/document.xml", data: documentXml(content) },
    ...extra,
  ]);
}
