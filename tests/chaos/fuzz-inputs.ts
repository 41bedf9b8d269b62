/**
 * Inputs for the fuzz suite (fast-check arbitraries and the hostile documents they start from):
 * multipart bodies, JSON, documents with the right magic, quotes, tile paths, ids and queries.
 */
import fc from "fast-check";
import { utf8 } from "@isnad/core";
import { makeLatinPdf } from "../../packages/extract/src/testing/make-pdf";
import { makeDocx } from "../../packages/extract/src/testing/make-docx";
import { writeZip } from "../../packages/extract/src/testing/zip-writer";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const FIELD_NAMES = ["file", "title", "language", "publishedAt", "sourceUrl", "supersedes", "translationOf"];
const printable = (max: number) =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: max,
  });

/** Characters that break things: bidi controls, joiners, lone surrogates, combining marks, Arabic. */
const nasty = fc.oneof(
  fc.constantFrom("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"),
  fc.constantFrom("\u200e", "\u200f", "\u061c", "\u200d", "\u200c", "\ufeff", "\u00ad", "\u0640"),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x300, max: 0x36f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x600, max: 0x6ff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom("\ufdf2", "\ufefb", "٠", "۹", "…", "[...]", "...", " ", "\n", "\t", "\u0000"),
);

export const quoteArb = fc.oneof(
  fc.string({
    unit: fc.oneof(nasty, fc.string({ unit: "binary", minLength: 1, maxLength: 1 })),
    maxLength: 200,
  }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc
    .array(fc.constantFrom("لا", "لم", "ليس", "not", "80", "٨٠", "خرقا", "النار", "وقف", "…"), {
      maxLength: 40,
    })
    .map((w) => w.join(" ")),
);

/** Bytes as %XX, including invalid UTF-8 (what a hostile client can put in a query string). */
export const percentBytesArb = fc
  .uint8Array({ maxLength: 120 })
  .map((b) => [...b].map((x) => `%${x.toString(16).padStart(2, "0")}`).join(""));

export interface MultipartCase {
  body: Uint8Array;
  contentType: string;
}

const partArb = fc.record({
  name: fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 20 })),
  filename: fc.option(
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom("../../etc/passwd", "a\u202ebcd.txt", "<img src=x>.pdf"),
    ),
  ),
  contentType: fc.option(
    fc.constantFrom("text/plain", "application/pdf", "text/html; charset=windows-1256", "x/y", "", DOCX_TYPE),
  ),
  extraHeaders: fc.array(fc.string({ maxLength: 60 }), { maxLength: 3 }),
  body: fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.string({ maxLength: 600 }).map(utf8)),
});

export const multipartArb: fc.Arbitrary<MultipartCase> = fc
  .record({
    boundary: fc.string({
      unit: fc.constantFrom(..."abcXYZ0123456789'()+_,-./:=?"),
      minLength: 1,
      maxLength: 80,
    }),
    declared: fc.option(printable(90)),
    parts: fc.array(partArb, { maxLength: 24 }),
    cut: fc.option(fc.nat()),
    hugeHeader: fc.boolean(),
    closed: fc.boolean(),
  })
  .map(({ boundary, declared, parts, cut, hugeHeader, closed }) => {
    const chunks: Uint8Array[] = [];
    parts.forEach((p, i) => {
      const disposition = `form-data; name="${p.name}"${p.filename === null ? "" : `; filename="${p.filename}"`}`;
      const headers = [
        `Content-Disposition: ${disposition}`,
        ...(p.contentType === null ? [] : [`Content-Type: ${p.contentType}`]),
        ...p.extraHeaders,
        ...(hugeHeader && i === 0 ? [`X-Padding: ${"h".repeat(20_000)}`] : []),
      ];
      chunks.push(utf8(`--${boundary}\r\n${headers.join("\r\n")}\r\n\r\n`), p.body, utf8("\r\n"));
    });
    if (closed) chunks.push(utf8(`--${boundary}--\r\n`));
    let body = concat(chunks);
    if (cut !== null && body.length > 0) body = body.subarray(0, cut % body.length);
    return { body, contentType: `multipart/form-data; boundary=${declared ?? boundary}` };
  });

export const queryFieldsArb = fc.dictionary(
  fc.oneof(fc.constantFrom(...FIELD_NAMES.slice(1), "filename"), fc.string({ maxLength: 12 })),
  fc.oneof(
    fc.string({ maxLength: 80 }),
    quoteArb,
    fc.constantFrom("2024-01-01", "ar", "https://example.org/x", "javascript:alert(1)", "0".repeat(32)),
  ),
  { maxKeys: 5 },
);

export const contentTypeArb = fc.oneof(
  fc.constantFrom(
    "text/plain",
    "text/plain; charset=utf-16",
    "text/markdown",
    "text/html",
    "application/pdf",
    DOCX_TYPE,
    "application/octet-stream",
    "image/png",
    "",
  ),
  printable(60),
);

/** JSON bodies: random values, deep nesting (balanced or not), and bytes that are not UTF-8. */
export const jsonBodyArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.json({ maxDepth: 6 }).map(utf8),
  fc.record({ text: quoteArb }).map((v) => utf8(JSON.stringify(v))),
  fc
    .record({ sha256: fc.oneof(fc.string({ maxLength: 70 }), fc.stringMatching(/^[0-9a-fA-F]{64}$/)) })
    .map((v) => utf8(JSON.stringify(v))),
  fc
    .tuple(fc.integer({ min: 1, max: 400_000 }), fc.boolean())
    .map(([depth, balanced]) => utf8("[".repeat(depth) + (balanced ? "]".repeat(depth) : ""))),
  fc.integer({ min: 1, max: 100_000 }).map((depth) => utf8('{"a":'.repeat(depth) + "1" + "}".repeat(depth))),
  fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(10)).map(([bytes, at]) => {
    const json = utf8('{"text":"ارتكبت نحو 80 خرقا لاتفاق"}');
    const out = new Uint8Array(json.length + bytes.length);
    const cut = Math.min(at + 9, json.length);
    out.set(json.subarray(0, cut));
    out.set(
      bytes.map((b) => b | 0x80),
      cut,
    );
    out.set(json.subarray(cut), cut + bytes.length);
    return out;
  }),
);

/** Real documents to truncate and mutate, and hostile ones made on purpose. */
export async function seedDocuments() {
  const pdf = await makeLatinPdf([
    "A statement of the press office.",
    "It condemns the violations of the ceasefire.",
  ]);
  const docx = makeDocx({
    paragraphs: ["بيان صحفي", "ارتكبت قوات النظام نحو 80 خرقا لاتفاق وقف إطلاق النار"],
  });
  const zeros = new Uint8Array(48 * 1024 * 1024);
  const bombs: { name: string; bytes: Uint8Array; type: string }[] = [
    {
      name: "zip bomb (48 MiB of zeros in the document part)",
      bytes: writeZip([
        { name: "[Content_Types].xml", data: "<Types/>" },
        { name: "word/document.xml", data: zeros },
      ]),
      type: DOCX_TYPE,
    },
    {
      name: "zip that lies about its sizes",
      bytes: makeDocx({ paragraphs: ["x"] }, [
        { name: "word/media/a.bin", data: zeros.subarray(0, 1 << 20), declaredSize: 10 },
      ]),
      type: DOCX_TYPE,
    },
    {
      name: "zip with 12 000 entries",
      bytes: writeZip(
        Array.from({ length: 12_000 }, (_, i) => ({
          name: `word/x${i}.xml`,
          data: "<a/>",
          method: "store" as const,
        })),
      ),
      type: DOCX_TYPE,
    },
    {
      name: "PDF claiming a million pages",
      bytes: utf8(
        `%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 1000000/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF`,
      ),
      type: "application/pdf",
    },
    { name: "HTML nested 200 000 deep", bytes: utf8("<div>".repeat(200_000) + "نص"), type: "text/html" },
    { name: "text of 2 MiB on one line", bytes: utf8("كلمة ".repeat(400_000)), type: "text/plain" },
  ];
  return { pdf, docx, bombs };
}

export const documentArb = (seeds: { pdf: Uint8Array; docx: Uint8Array }) =>
  fc.oneof(
    fc
      .uint8Array({ maxLength: 4000 })
      .map((b) => ({ bytes: concat([utf8("%PDF-1.7\n"), b]), type: "application/pdf" })),
    fc
      .uint8Array({ maxLength: 4000 })
      .map((b) => ({ bytes: concat([utf8("PK\x03\x04"), b]), type: DOCX_TYPE })),
    fc.nat().map((n) => ({ bytes: seeds.pdf.subarray(0, n % seeds.pdf.length), type: "application/pdf" })),
    fc.nat().map((n) => ({ bytes: seeds.docx.subarray(0, n % seeds.docx.length), type: DOCX_TYPE })),
    mutated(seeds.pdf).map((bytes) => ({ bytes, type: "application/pdf" })),
    mutated(seeds.docx).map((bytes) => ({ bytes, type: DOCX_TYPE })),
    fc
      .array(
        fc.oneof(
          fc.constantFrom(
            "<p>",
            "</p>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<![CDATA[",
            "&amp;",
            "&#x202e;",
            "<meta charset=x>",
            "<br/>",
            "<table><tr><td>",
          ),
          quoteArb,
        ),
        { maxLength: 60 },
      )
      .map((parts) => ({ bytes: utf8(parts.join("")), type: "text/html" })),
    fc.uint8Array({ maxLength: 4000 }).map((bytes) => ({ bytes, type: "text/plain" })),
  );

function mutated(seed: Uint8Array) {
  return fc
    .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 })
    .map((flips) => {
      const out = seed.slice();
      for (const [at, value] of flips) out[at % out.length] = value;
      return out;
    });
}

/** Path segments: random, percent-encoded so that every one is a valid URL path. */
export const segmentArb = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s)),
  percentBytesArb,
  fc.constantFrom("..", ".", "%2e%2e", "0".repeat(32), "f".repeat(33), "%00", "x".repeat(3000)),
);

export const tilePathArb = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."0123456789x./pentries-%"), maxLength: 40 }),
  fc
    .tuple(
      fc.integer({ min: -2, max: 70 }),
      fc.array(fc.integer({ min: 0, max: 999 }), { maxLength: 6 }),
      fc.option(fc.integer({ min: -1, max: 300 })),
      fc.boolean(),
    )
    .map(
      ([level, index, width, entries]) =>
        `${entries ? "entries" : level}/${index.map((n) => (n < 100 ? String(n).padStart(3, "0") : `x${n}`)).join("/")}${width === null ? "" : `.p/${width}`}`,
    ),
  segmentArb,
);

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
