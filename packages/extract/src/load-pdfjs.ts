import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ensureDomMatrix } from "./dom-matrix";

import type * as PdfjsModule from "pdfjs-dist/legacy/build/pdf.mjs";

type Pdfjs = typeof PdfjsModule;

let loading: Promise<Pdfjs> | undefined;

/**
 * pdf.js, loaded on first use (it is large, and most documents are not PDFs). In Node it runs its
 * "worker" in the same thread; handing it the worker module through globalThis.pdfjsWorker (which
 * pdf.js checks first) avoids its dynamic import by file path, which bundlers cannot follow.
 * The legacy build is the one pdf.js supports in Node.
 */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= (async () => {
    ensureDomMatrix(); // before pdf.js loads: it builds a DOMMatrix at module scope
    const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    const global = globalThis as { pdfjsWorker?: unknown };
    global.pdfjsWorker ??= worker;
    return import("pdfjs-dist/legacy/build/pdf.mjs");
  })();
  return loading;
}

/** The packed CMaps shipped with pdfjs-dist (needed for CJK fonts with predefined CMaps), if found. */
export function cMapDirectory(): string | undefined {
  try {
    const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
    return join(root, "cmaps") + "/";
  } catch {
    return undefined;
  }
}
