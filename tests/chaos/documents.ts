/**
 * Distinct documents for the chaos suites: every call yields new bytes (so a new statement) in
 * one of the formats press offices send — plain text, Markdown, HTML and PDF — with an Arabic
 * sentence of its own that a quote can find again.
 */
import { randomBytes } from "node:crypto";
import { makeLatinPdf } from "../../packages/extract/src/testing/make-pdf";
import { makeStatementPage } from "../../packages/extract/src/testing/make-html";
import { seedParagraphs, tokens } from "../../packages/extract/src/testing/seed";
import { utf8 } from "@isnad/core";

export interface Document {
  bytes: Uint8Array;
  mediaType: string;
  filename: string;
  /** A sentence that occurs in this document only (for quote verification). */
  sentence: string;
}

const paragraphs = seedParagraphs();
const words = [...new Set(tokens(paragraphs.join(" ")).filter((w) => /^[\u0600-\u06ff]{3,}$/.test(w)))];
let counter = 0;

function uniqueSentence(tag: string): string {
  const n = ++counter;
  const pick = Array.from({ length: 9 }, () => words[randomBytes(2).readUInt16BE() % words.length]!);
  return `${pick.slice(0, 4).join(" ")} ${n} ${pick.slice(4).join(" ")} ${tag}${randomBytes(3).toString("hex")}`;
}

let pdfTemplate: Promise<Uint8Array> | undefined;

/** A PDF made once; each copy gets a trailing comment after %%EOF, which readers ignore. */
async function pdfCopy(sentence: string): Promise<Uint8Array> {
  pdfTemplate ??= makeLatinPdf([
    "Statement of the media office on the situation in the south.",
    "The office condemns the violations recorded during the past three days.",
  ]);
  const template = await pdfTemplate;
  const trailer = utf8(`\n% ${sentence.replace(/[^\x20-\x7e]/g, "")} ${randomBytes(8).toString("hex")}\n`);
  const out = new Uint8Array(template.length + trailer.length);
  out.set(template);
  out.set(trailer, template.length);
  return out;
}

export async function makeDocument(kind: "text" | "markdown" | "html" | "pdf" = "text"): Promise<Document> {
  const sentence = uniqueSentence(kind);
  const body = [
    paragraphs[counter % paragraphs.length]!,
    sentence,
    paragraphs[(counter + 1) % paragraphs.length]!,
  ];
  switch (kind) {
    case "text":
      return {
        bytes: utf8(body.join("\n\n")),
        mediaType: "text/plain; charset=utf-8",
        filename: "statement.txt",
        sentence,
      };
    case "markdown":
      return {
        bytes: utf8(`# بيان\n\n${body.join("\n\n")}\n`),
        mediaType: "text/markdown; charset=utf-8",
        filename: "statement.md",
        sentence,
      };
    case "html":
      return {
        bytes: utf8(makeStatementPage(["بيان صحفي", ...body])),
        mediaType: "text/html; charset=utf-8",
        filename: "statement.html",
        sentence,
      };
    case "pdf":
      // The PDF's text is the same in every copy; its sentence is in the (unextracted) trailer.
      return {
        bytes: await pdfCopy(sentence),
        mediaType: "application/pdf",
        filename: "statement.pdf",
        sentence,
      };
  }
}

/** A mix: mostly text, some Markdown, HTML and PDF. */
export function makeMixedDocument(i: number): Promise<Document> {
  const kinds = [
    "text",
    "text",
    "text",
    "text",
    "markdown",
    "markdown",
    "html",
    "html",
    "pdf",
    "text",
  ] as const;
  return makeDocument(kinds[i % kinds.length]);
}

/** The upload as POST /v1/statements takes it: multipart (odd i) or the raw body (even i). */
export function uploadRequest(doc: Document, apiKey: string, i: number, fields: Record<string, string> = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  if (i % 2 === 1) {
    const form = new FormData();
    form.set("file", new File([doc.bytes as Uint8Array<ArrayBuffer>], doc.filename, { type: doc.mediaType }));
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return { path: "/v1/statements", init: { method: "POST", headers, body: form } satisfies RequestInit };
  }
  const query = new URLSearchParams({ filename: doc.filename, ...fields });
  return {
    path: `/v1/statements?${query}`,
    init: {
      method: "POST",
      headers: { ...headers, "content-type": doc.mediaType },
      body: doc.bytes as Uint8Array<ArrayBuffer>,
    } satisfies RequestInit,
  };
}
