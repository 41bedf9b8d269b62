/**
 * Quotes copied as people copy them (issue #12 §4): out of PDFs made by Chromium and LibreOffice,
 * through poppler (pdftotext: Evince, Okular), the pdf.js text layer (Firefox) and LibreOffice's
 * text export, then verified against the archived source text. Every copied line of ≥ 4 words is
 * a quote. Authentic means verbatim or same-words with the passage's letters equal to the quote's
 * (offsets right) — or altered for exactly one reason the design wants: the line starts right
 * after a negation of the original ("member of staff was injured" from "no member of staff …").
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isNegation, matchQuote, normalizeText, type QuoteMatch } from "@isnad/core";
import { makeDocx } from "../../packages/extract/src/testing/make-docx";
import { chromiumPdf, htmlPage, libreOffice, missingTools, pdftotext, pdfjsTextLayer } from "./copy-tools";

const CORPUS = join(import.meta.dirname, "..", "corpus", "quotes");
const FILES = ["ministry-water.ar.txt", "harbour-authority.en.txt", "prefecture-inondations.fr.txt"];
const SOURCES = FILES.map((f) => readFileSync(join(CORPUS, f), "utf8"));
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

const letters = (text: string): string => normalizeText(text).replace(/ /g, "");
/** The letters of `text` as a LibreOffice PDF gives them: each lam-alef alef first (core/text/lam-alef.ts). */
const lamAlefReversed = (text: string): string => letters(text.replace(/ل(\p{M}*)([اأإآ])/gu, "$2ل$1"));
const lines = (copy: string): string[] =>
  copy.split("\n").filter((l) => normalizeText(l).split(" ").length >= 4);

/** Why a copied line is not authentic, or undefined when it is (see the module comment). */
function notAuthentic(m: QuoteMatch, quote: string, source: string): string | undefined {
  const f = m.fragments[0];
  if (m.verdict === "verbatim" || m.verdict === "same-words") {
    const passage = source.slice(f!.start, f!.end);
    const same = letters(passage) === letters(quote) || lamAlefReversed(passage) === letters(quote);
    if (m.fragments.length !== 1 || !same) return `offsets ${JSON.stringify(m.fragments)}`;
    return undefined;
  }
  const d = m.differences[0];
  const negationBefore =
    m.verdict === "altered" &&
    m.differences.length === 1 &&
    d!.kind === "negation" &&
    d!.quote === "" &&
    isNegation(normalizeText(d!.original)) &&
    /^\s*$/u.test(source.slice(d!.end, f!.start));
  return negationBefore ? undefined : `${m.verdict} ${JSON.stringify(m.differences)}`;
}

const missing = missingTools(["pdftotext", "chromium", "soffice"]);

describe("quotes copied out of PDFs and word processors are found as authentic", () => {
  if (missing.length > 0) {
    const message = `SKIPPED: missing ${missing.join(", ")}`;
    console.warn(message);
    it(message, () => {
      // CI installs them (.ci/run): there a missing tool is a failure, not a skip.
      expect(process.env.CI, "poppler-utils, chromium and LibreOffice are required in CI").toBeFalsy();
    });
    return;
  }

  /** file → copy tool → the copied text. */
  const copies = new Map<string, Map<string, string>>();

  beforeAll(async () => {
    const docx = FILES.map((f, i) => ({
      name: f.replace(".txt", ".docx"),
      data: makeDocx({ paragraphs: paragraphs(SOURCES[i]!) }),
    }));
    const loPdf = libreOffice(docx, "pdf");
    const loTxt = libreOffice(docx, "txt:Text (encoded):UTF8");
    for (const [i, f] of FILES.entries()) {
      const chromium = chromiumPdf(htmlPage(paragraphs(SOURCES[i]!), f.includes(".ar.")));
      const lo = loPdf.get(f.replace(".txt", ".pdf"))!;
      copies.set(
        f,
        new Map([
          ["pdftotext, Chromium PDF", pdftotext(chromium)],
          ["pdftotext, LibreOffice PDF", pdftotext(lo)],
          ["pdf.js text layer, Chromium PDF", await pdfjsTextLayer(chromium)],
          ["pdf.js text layer, LibreOffice PDF", await pdfjsTextLayer(lo)],
          ["LibreOffice text export", new TextDecoder().decode(loTxt.get(f)!)],
        ]),
      );
    }
  }, 600_000);

  const check = (file: string, tool: string) => {
    const source = SOURCES[FILES.indexOf(file)]!;
    const copy = copies.get(file)!.get(tool)!;
    const quoted = lines(copy);
    expect(quoted.length, "copied lines").toBeGreaterThanOrEqual(4);
    return quoted.map((q) => ({ quote: q, match: matchQuote(q, source), source }));
  };

  for (const file of FILES) {
    const tools = [
      "pdftotext, Chromium PDF",
      "LibreOffice text export",
      ...(file.includes(".ar.") ? [] : ["pdftotext, LibreOffice PDF", "pdf.js text layer, Chromium PDF"]),
      ...(file.includes(".ar.") ? [] : ["pdf.js text layer, LibreOffice PDF"]),
    ];
    for (const tool of tools) {
      it(`${file}: every line copied by ${tool}`, () => {
        const failures = check(file, tool).flatMap(({ quote, match, source }) => {
          const why = notAuthentic(match, quote, source);
          return why ? [`${JSON.stringify(quote)}: ${why}`] : [];
        });
        expect(failures).toEqual([]);
      });
    }
  }

  it("pdftotext's bidi embeddings around numbers no longer glue them to the next word", () => {
    const copy = copies.get(FILES[0]!)!.get("pdftotext, Chromium PDF")!;
    expect(copy).toMatch(/\u202A ?١٥\u202C ?أبريل/u); // what poppler really gives
    const line = lines(copy).find((l) => l.includes("١٥"))!;
    expect(matchQuote(line, SOURCES[0]!).verdict).toMatch(/^(verbatim|same-words)$/u);
  });

  // Known limits, asserted so that a change in them shows.
  it("LibreOffice PDFs give lam-alef as 'ال': such Arabic copies are same-words, or differ only there", () => {
    let authentic = 0;
    for (const tool of ["pdftotext, LibreOffice PDF", "pdf.js text layer, LibreOffice PDF"]) {
      for (const { quote, match, source } of check(FILES[0]!, tool)) {
        if (!notAuthentic(match, quote, source)) {
          authentic++;
          continue;
        }
        // Lines without the signature (lam-alef.ts) are not read again: a word like "الثالثاء"
        // alone cannot be told from a changed word.
        expect(match.verdict, quote).toBe("altered");
        for (const d of match.differences) {
          // Each difference is the ligature's letters reversed: the same word with لا read as ال.
          expect(lamAlefReversed(d.original), quote).toBe(letters(d.quote));
        }
      }
    }
    expect(authentic, "lines read back through the reversed ligatures").toBeGreaterThan(8);
  });

  it("the pdf.js text layer of a Chromium Arabic PDF is in visual order: never found, never called altered", () => {
    for (const { match } of check(FILES[0]!, "pdf.js text layer, Chromium PDF")) {
      expect(["not-found", "verbatim", "same-words"]).toContain(match.verdict);
    }
  });
});
