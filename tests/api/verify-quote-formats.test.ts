/**
 * Issue #5 across formats and languages, end to end: the seed statement archived as PDF, DOCX and
 * HTML generated here, and statements written in English and French, are each found by quotes with
 * the right offsets into their extracted text; meaning changes are never reported authentic.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArabicPdf, makeLatinPdf } from "../../packages/extract/src/testing/make-pdf";
import { makeDocx } from "../../packages/extract/src/testing/make-docx";
import { makeStatementPage } from "../../packages/extract/src/testing/make-html";
import { seedParagraphs } from "../../packages/extract/src/testing/seed";
import { startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

async function upload(bytes: Uint8Array, name: string, type: string, language: string): Promise<string> {
  const form = new FormData();
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  form.set("language", language);
  const res = await fetch(`${stack.url}/v1/statements`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.apiKey}` },
    body: form,
  });
  const body = (await res.json()) as any;
  expect(res.status, JSON.stringify(body)).toBe(201);
  expect(body.record.text.status).toBe("ok");
  return body.id as string;
}

async function verify(text: string) {
  const res = await fetch(`${stack.url}/v1/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text }),
  });
  return (await res.json()) as any;
}

/** The verdict for `quote` in statement `id`, and the passage it points at in the statement's text. */
async function findIn(id: string, quote: string) {
  const body = await verify(quote);
  const match = body.matches.find((m: any) => m.statement === id);
  const text = await (await fetch(`${stack.url}/v1/statements/${id}/text`)).text();
  const passage = match ? text.slice(match.passages[0].start, match.passages.at(-1).end) : undefined;
  return { verdict: match?.verdict ?? "not-found", match, passage };
}

const paragraphs = seedParagraphs();
// Distinctive phrases of the seed, each to be found in every format.
const QUOTE = "أسفرت عن وقوع مجازر راح ضحيتها ما لا يقل عن 47 شهيداً";

describe("the seed as PDF, DOCX and HTML", () => {
  const formats: [string, () => Promise<Uint8Array>, string, string][] = [
    ["PDF", () => makeArabicPdf(paragraphs), "seed.pdf", "application/pdf"],
    [
      "DOCX",
      async () => makeDocx({ paragraphs }),
      "seed.docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    ["HTML", async () => new TextEncoder().encode(makeStatementPage(paragraphs)), "seed.html", "text/html"],
  ];

  for (const [format, make, name, type] of formats) {
    it(`finds quotes in the seed archived as ${format}, with offsets into its text`, async () => {
      const id = await upload(await make(), name, type, "ar");
      const found = await findIn(id, QUOTE);
      expect(["verbatim", "same-words"]).toContain(found.verdict);
      expect(found.passage?.replace(/\s+/g, " ")).toBe(QUOTE);

      const tashkeel = await findIn(id, "أَسْفَرَتْ عن وقوعِ مجازرَ راحَ ضحيتها ما لا يقل عن ٤٧ شهيداً");
      expect(tashkeel.verdict).toBe("same-words");

      const changed = await findIn(id, QUOTE.replace("47", "74"));
      expect(changed.verdict).toBe("altered");
      expect(changed.match.differences.map((d: any) => d.kind)).toContain("number");

      const negation = await findIn(id, QUOTE.replace("ما لا يقل", "ما يقل"));
      expect(["altered", "not-found"]).toContain(negation.verdict);
    });
  }
});

describe("English and French statements", () => {
  const english = [
    "The ministry confirmed today that 12 schools will not reopen before the end of March.",
    "Teachers will be paid in full, and no student will lose the academic year.",
  ];
  const french = [
    "Le ministère a confirmé aujourd'hui que 12 écoles ne rouvriront pas avant la fin du mois de mars.",
    "Les enseignants seront payés intégralement, et aucun élève ne perdra l'année scolaire.",
  ];

  it("finds English quotes and flags a dropped negation or a changed number", async () => {
    const id = await upload(await makeLatinPdf(english), "en.pdf", "application/pdf", "en");
    expect((await findIn(id, "12 schools will not reopen before the end of March")).verdict).toBe("verbatim");
    expect((await findIn(id, "12 SCHOOLS will not re-open before the end of March")).verdict).not.toBe(
      "verbatim",
    );
    const dropped = await findIn(id, "12 schools will reopen before the end of March");
    expect(dropped.verdict).toBe("altered");
    expect(dropped.match.differences.map((d: any) => d.kind)).toContain("negation");
    expect((await findIn(id, "15 schools will not reopen before the end of March")).verdict).toBe("altered");
  });

  it("finds French quotes, accents folded, and flags ne…pas removed", async () => {
    const html = new TextEncoder().encode(makeStatementPage(french));
    const id = await upload(html, "fr.html", "text/html", "fr");
    const accents = await findIn(id, "Les enseignants seront payes integralement");
    expect(accents.verdict).toBe("same-words");
    expect(accents.match.folded).toContain("diacritics");
    const abridged = await findIn(id, "Le ministère a confirmé […] que 12 écoles ne rouvriront pas");
    expect(abridged.verdict).toBe("abridged");
    const removed = await findIn(id, "que 12 écoles rouvriront avant la fin du mois de mars");
    expect(removed.verdict).toBe("altered");
  });
});
