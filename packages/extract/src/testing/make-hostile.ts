/**
 * Hostile documents for the budget, pool and chaos tests (issue #13), built in memory: a PDF whose
 * content stream is a Flate bomb, Word documents of many paragraphs, HTML with long whitespace
 * runs or deep nesting. Each is small on the wire and expensive to extract without budgets.
 */
import { deflateRawSync, constants } from "node:zlib";
import { writeZip } from "./zip-writer";

const MIB = 1024 * 1024;
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/**
 * A zlib stream (RFC 1950) that inflates to `mib` MiB of NUL bytes, without ever holding them:
 * one MiB deflated and ended with a full flush (RFC 1951 §3.2.3 blocks are independent after it)
 * is repeated, then a final empty block and the Adler-32 of the whole output. About 1 KiB per MiB.
 */
export function zlibBomb(mib: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(MIB), { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const last = deflateRawSync(Buffer.alloc(0));
  const out = new Uint8Array(2 + block.length * mib + last.length + 4);
  out.set([0x78, 0xda]);
  for (let i = 0; i < mib; i++) out.set(block, 2 + i * block.length);
  out.set(last, 2 + block.length * mib);
  new DataView(out.buffer).setUint32(out.length - 4, adler32Zeros(mib * MIB));
  return out;
}

/** Adler-32 (RFC 1950 §8.2) of `n` NUL bytes: A stays 1, B adds 1 per byte. */
function adler32Zeros(n: number): number {
  return ((n % 65521) * 65536 + 1) >>> 0;
}

/**
 * A one-page PDF (ISO 32000-2 §7.5: header, objects, xref table, trailer) with a line of text and a
 * second content stream, FlateDecode, that inflates to `mib` MiB of NUL bytes (white space to a
 * content stream's lexer, §7.2.3).
 */
export function makeFlateBombPdf(mib: number, line = "A statement with a bomb behind it"): Uint8Array {
  const text = latin1(`BT /F1 12 Tf 72 712 Td (${line}) Tj ET`);
  const bomb = zlibBomb(mib);
  const objects: Uint8Array[][] = [
    [latin1("<< /Type /Catalog /Pages 2 0 R >>")],
    [latin1("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")],
    [
      latin1(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [4 0 R 5 0 R] " +
          "/Resources << /Font << /F1 6 0 R >> >> >>",
      ),
    ],
    [latin1(`<< /Length ${text.length} >>\nstream\n`), text, latin1("\nendstream")],
    [latin1(`<< /Length ${bomb.length} /Filter /FlateDecode >>\nstream\n`), bomb, latin1("\nendstream")],
    [latin1("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")],
  ];
  const parts: Uint8Array[] = [latin1("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    for (const part of [latin1(`${i + 1} 0 obj\n`), ...body, latin1("\nendobj\n")]) {
      parts.push(part);
      offset += part.length;
    }
  });
  const xref = [
    "xref",
    `0 ${objects.length + 1}`,
    "0000000000 65535 f ",
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n `),
    "trailer",
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    "startxref",
    String(offset),
    "%%EOF",
    "",
  ].join("\n");
  parts.push(latin1(xref));
  return concat(parts);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/**
 * A DOCX of `count` short paragraphs (ECMA-376 §17.3.1.22), each with its own number and a few
 * varied words so that it deflates about 7:1, like issue #13's 3.8 MB file of 500,000, far under
 * the ZIP bomb ratio. `prefix` is the namespace prefix bound to WordprocessingML.
 */
export function makeManyParagraphDocx(count: number, prefix = "w"): Uint8Array {
  const words = ["بيان", "الائتلاف", "statement", "office", "وقف", "النار", "violations", "report"];
  const p = (i: number) =>
    `<${prefix}:p><${prefix}:r><${prefix}:t>${i} ${words[i % 8]} ${words[(i * 7) % 8]} ${(i * 2654435761) % 1e9}</${prefix}:t></${prefix}:r></${prefix}:p>`;
  const chunks: string[] = [];
  for (let i = 0; i < count; i++) chunks.push(p(i));
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<${prefix}:document xmlns:${prefix}="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><${prefix}:body>${chunks.join("")}</${prefix}:body></${prefix}:document>`;
  return writeZip([
    { name: "[Content_Types].xml", data: CONTENT_TYPES },
    { name: "_rels/.rels", data: RELS },
    { name: "word/document.xml", data: xml },
  ]);
}

/** An HTML page whose <pre> holds `newlines` newlines and as many spaces (issue #13: 120,000). */
export function makeWhitespaceHtml(newlines: number): Uint8Array {
  const run = "\n".repeat(newlines) + " ".repeat(newlines);
  return latin1(
    `<!doctype html><html><head><meta charset="utf-8"><title>pre</title></head>` +
      `<body><p>Statement of the office</p><pre>${run}x${run}</pre><p>End</p></body></html>`,
  );
}

/** An HTML page nested `depth` elements deep. */
export function makeDeepHtml(depth: number): Uint8Array {
  return latin1(
    `<!doctype html><html><body>${"<div>".repeat(depth)}deep text${"</div>".repeat(depth)}</body></html>`,
  );
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
