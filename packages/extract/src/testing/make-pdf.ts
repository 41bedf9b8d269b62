import fontkit from "@pdf-lib/fontkit";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { PDFFont, PDFPage } from "pdf-lib";

const PAGE = { width: 595, height: 842, margin: 50 };

export interface PdfOptions {
  fontSize?: number;
  /** Draw the words of each page in a shuffled (seeded) order: content order ≠ reading order. */
  shuffle?: boolean;
  /** Write a classic cross-reference table instead of object and xref streams. */
  classicXref?: boolean;
}

/** Noto Naskh Arabic (OFL), as shipped in the npm package @embedpdf/fonts-arabic. */
export function arabicFontBytes(): Uint8Array {
  const entry = createRequire(import.meta.url).resolve("@embedpdf/fonts-arabic");
  return readFileSync(join(dirname(entry), "..", "fonts", "NotoNaskhArabic-Regular.ttf"));
}

interface Word {
  text: string;
  x: number;
  y: number;
  page: PDFPage;
  font?: PDFFont;
}

/**
 * An Arabic PDF laid out as a word processor would: lines filled right to left, each word drawn at
 * its own position (pdf-lib + fontkit shape each word and emit its glyphs in visual order, with a
 * ToUnicode map holding logical text, lam-alef ligatures included). Numbers are separate words, so
 * they keep their left-to-right digit order, as the Unicode Bidirectional Algorithm displays them.
 */
export async function makeArabicPdf(paragraphs: string[], opts: PdfOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(arabicFontBytes(), { subset: true });
  const latin = await doc.embedFont(StandardFonts.Helvetica);
  const covered = new Set(font.getCharacterSet());
  const size = opts.fontSize ?? 14;
  const words = layout(doc, font, size, paragraphs, (line, y, page) => {
    const out: Word[] = [];
    let x = PAGE.width - PAGE.margin;
    for (const word of line) {
      // Noto Naskh Arabic has no “ ”: such characters are drawn one by one in Helvetica, right
      // to left like the neutrals they are in a right-to-left line.
      for (const run of fontRuns(word, covered)) {
        const runFont = run.covered ? font : latin;
        x -= runFont.widthOfTextAtSize(run.text, size);
        out.push({ text: run.text, x, y, page, font: runFont });
      }
      x -= font.widthOfTextAtSize(" ", size);
    }
    return out;
  });
  const ordered = opts.shuffle ? shuffled(words) : words;
  for (const w of ordered) w.page.drawText(w.text, { x: w.x, y: w.y, size, font: w.font ?? font });
  return doc.save({ useObjectStreams: !opts.classicXref });
}

/** Maximal runs of characters the font has, and single characters it lacks. */
function fontRuns(word: string, covered: Set<number>): { text: string; covered: boolean }[] {
  const runs: { text: string; covered: boolean }[] = [];
  for (const ch of word) {
    const has = covered.has(ch.codePointAt(0) ?? 0);
    const last = runs[runs.length - 1];
    if (has && last?.covered) last.text += ch;
    else runs.push({ text: ch, covered: has });
  }
  return runs;
}

/** A Latin-script PDF in Helvetica (WinAnsi: English and French), one text run per line. */
export async function makeLatinPdf(paragraphs: string[], opts: PdfOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const size = opts.fontSize ?? 12;
  const lines = layout(doc, font, size, paragraphs, (line, y, page) => [
    { text: line.join(" "), x: PAGE.margin, y, page },
  ]);
  const ordered = opts.shuffle ? shuffled(lines) : lines;
  for (const l of ordered) l.page.drawText(l.text, { x: l.x, y: l.y, size, font });
  return doc.save({ useObjectStreams: !opts.classicXref });
}

/** Greedy line filling and pagination; `place` positions the words of one line. */
function layout(
  doc: PDFDocument,
  font: PDFFont,
  size: number,
  paragraphs: string[],
  place: (line: string[], y: number, page: PDFPage) => Word[],
): Word[] {
  const maxWidth = PAGE.width - 2 * PAGE.margin;
  const leading = size * 1.5;
  let page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const out: Word[] = [];
  const emit = (line: string[]): void => {
    if (y < PAGE.margin) {
      page = doc.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - PAGE.margin;
    }
    out.push(...place(line, y, page));
    y -= leading;
  };
  for (const paragraph of paragraphs) {
    let line: string[] = [];
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      const candidate = [...line, word].join(" ");
      if (line.length > 0 && font.widthOfTextAtSize(candidate, size) > maxWidth) {
        emit(line);
        line = [];
      }
      line.push(word);
    }
    if (line.length > 0) emit(line);
    y -= leading; // a blank line between paragraphs
  }
  return out;
}

/** Deterministic Fisher–Yates with a small LCG, so a failing test fails the same way again. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let state = 0x2545f491;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
