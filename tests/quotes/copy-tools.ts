/**
 * Text copied out of documents the way readers copy it (issue #12 §4): poppler's pdftotext (what
 * Evince and Okular put on the clipboard), the pdf.js text layer (Firefox and every pdf.js viewer),
 * and LibreOffice's text export. PDFs are made by Chromium's print-to-PDF and by LibreOffice, as
 * publishers make them. Real tools, run as child processes; callers check `missingTools()` first.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPdfjs } from "../../packages/extract/src/load-pdfjs";

const TOOLS: Record<string, string> = {
  pdftotext: "poppler-utils",
  chromium: "chromium",
  soffice: "libreoffice-writer-nogui",
};

/** The tools of TOOLS that are not on PATH, with the Debian package that provides each. */
export function missingTools(names: readonly string[] = Object.keys(TOOLS)): string[] {
  return names
    .filter((n) => spawnSync("sh", ["-c", `command -v ${n}`]).status !== 0)
    .map((n) => `${n} (apt-get install ${TOOLS[n]})`);
}

function inTemp<T>(run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "isnad-copy-"));
  try {
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An HTML page of the paragraphs, right to left when Arabic, in a font Debian ships. */
export function htmlPage(paragraphs: readonly string[], rtl: boolean, font = "Noto Naskh Arabic"): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n");
  return `<!doctype html><html lang="${rtl ? "ar" : "en"}" dir="${rtl ? "rtl" : "ltr"}"><meta charset="utf-8">
<body style="font-family:'${font}',serif;font-size:14pt">${body}</body></html>`;
}

/** Chromium's print-to-PDF of an HTML page. */
export function chromiumPdf(html: string): Uint8Array {
  return inTemp((dir) => {
    writeFileSync(join(dir, "page.html"), html);
    execFileSync(
      "chromium",
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        `--user-data-dir=${join(dir, "profile")}`,
        `--print-to-pdf=${join(dir, "page.pdf")}`,
        join(dir, "page.html"),
      ],
      { stdio: "ignore", timeout: 90_000 },
    );
    return readFileSync(join(dir, "page.pdf"));
  });
}

/** What pdftotext (poppler) gives for a PDF: bidi embeddings around numbers, spaces moved. */
export function pdftotext(pdf: Uint8Array): string {
  return inTemp((dir) => {
    writeFileSync(join(dir, "in.pdf"), pdf);
    return execFileSync("pdftotext", ["-enc", "UTF-8", join(dir, "in.pdf"), "-"], {
      encoding: "utf8",
      timeout: 60_000,
    });
  });
}

/**
 * LibreOffice, headless: each input file converted to `format` ("pdf", or
 * "txt:Text (encoded):UTF8"); one run for all files (it takes seconds to start).
 */
export function libreOffice(
  files: { name: string; data: string | Uint8Array }[],
  format: string,
): Map<string, Uint8Array> {
  return inTemp((dir) => {
    for (const f of files) writeFileSync(join(dir, f.name), f.data);
    execFileSync(
      "soffice",
      [
        "--headless",
        `-env:UserInstallation=file://${join(dir, "profile")}`,
        "--convert-to",
        format,
        "--outdir",
        join(dir, "out"),
        ...files.map((f) => join(dir, f.name)),
      ],
      { stdio: "ignore", timeout: 180_000 },
    );
    const out = new Map<string, Uint8Array>();
    for (const name of readdirSync(join(dir, "out"))) out.set(name, readFileSync(join(dir, "out", name)));
    return out;
  });
}

/**
 * The text a reader selects in a pdf.js viewer: its text layer has one span per text item, in
 * content order, and a line break after an item that ends a line (hasEOL), so a copy is the items'
 * strings joined that way (pdf.js web/text_layer_builder.js; items of empty width are spaces).
 */
export async function pdfjsTextLayer(pdf: Uint8Array): Promise<string> {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  let text = "";
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str + (item.hasEOL ? "\n" : "");
      }
      text += "\n";
    }
  } finally {
    await doc.destroy();
  }
  return text;
}
