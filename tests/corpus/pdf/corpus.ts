/**
 * The PDF fidelity corpus (issue #12 §2): Arabic press-release-like texts written for isnad, each
 * set in one Arabic font, written out as HTML and DOCX and printed to PDF by Chromium and
 * LibreOffice (generate.ts). The text of a source file is the expected text of every PDF made
 * from it: what a reader sees on the page, in logical order.
 *
 * Source format (sources/<name>.txt): one block per line; "# " starts the heading; a line
 * "| a | b |" is a table row, its first cell the first in reading order (the rightmost in an
 * Arabic table).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const CORPUS_DIR = import.meta.dirname;

export interface CorpusDocument {
  name: string;
  /** The fontconfig family name; its Debian package is in `fontPackage`. */
  font: string;
  fontPackage: string;
  tashkeel: boolean;
}

export const DOCUMENTS: readonly CorpusDocument[] = [
  { name: "amiri-tashkeel", font: "Amiri", fontPackage: "fonts-hosny-amiri", tashkeel: true },
  { name: "naskh-plain", font: "Noto Naskh Arabic", fontPackage: "fonts-noto-core", tashkeel: false },
  { name: "kacst-tashkeel", font: "KacstOne", fontPackage: "fonts-kacst-one", tashkeel: true },
  { name: "dejavu-mixed", font: "DejaVu Sans", fontPackage: "fonts-dejavu-core", tashkeel: false },
];

export const RENDERERS = ["chromium", "libreoffice"] as const;
export type Renderer = (typeof RENDERERS)[number];

export type Block =
  { kind: "heading"; text: string } | { kind: "paragraph"; text: string } | { kind: "row"; cells: string[] };

export function readBlocks(name: string): Block[] {
  const source = readFileSync(join(CORPUS_DIR, "sources", `${name}.txt`), "utf8");
  return source
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line): Block => {
      if (line.startsWith("# ")) return { kind: "heading", text: line.slice(2) };
      if (line.startsWith("|")) {
        const cells = line.split("|").slice(1, -1);
        return { kind: "row", cells: cells.map((c) => c.trim()) };
      }
      return { kind: "paragraph", text: line };
    });
}

/** The expected text: one line per heading, paragraph and table row (cells in reading order). */
export function expectedText(blocks: readonly Block[]): string {
  return blocks.map((b) => (b.kind === "row" ? b.cells.join(" ") : b.text)).join("\n") + "\n";
}

export function pdfPath(name: string, renderer: Renderer): string {
  return join(CORPUS_DIR, "pdf", `${name}.${renderer}.pdf`);
}

/** Every committed PDF of the corpus with its expected text. */
export function corpusFiles(): {
  file: string;
  document: CorpusDocument;
  renderer: Renderer;
  expected: string;
}[] {
  return DOCUMENTS.flatMap((document) =>
    RENDERERS.map((renderer) => ({
      file: `${document.name}.${renderer}.pdf`,
      document,
      renderer,
      expected: readFileSync(join(CORPUS_DIR, "expected", `${document.name}.txt`), "utf8"),
    })),
  );
}
