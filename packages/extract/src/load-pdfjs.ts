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
    refuseNativeCanvas();
    return withoutCanvasWarnings(async () => {
      const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
      const global = globalThis as { pdfjsWorker?: unknown };
      global.pdfjsWorker ??= worker;
      return import("pdfjs-dist/legacy/build/pdf.mjs");
    });
  })();
  return loading;
}

/**
 * pdf.js's legacy build, as it loads in Node, requires @napi-rs/canvas (an optional dependency of
 * pdfjs-dist: Skia, a 33 MB native addon) whenever it is installed, to polyfill what rendering
 * needs. Text extraction renders nothing (pages that need OCR are rasterized by pdftoppm), and
 * loading it added ~37 MB to the process's RSS with the first PDF (issue #15: the server's memory
 * under load). Refused in this thread, as it is absent from a bundled Lambda: pdf.js warns and
 * goes on, DOMMatrix being ours (dom-matrix.ts). The CommonJS resolver is the one seam Node 20
 * offers for a `require` made inside an ES module (module.registerHooks came with Node 22).
 */
function refuseNativeCanvas(): void {
  const Module = createRequire(import.meta.url)("node:module") as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
  };
  const resolve = Module._resolveFilename;
  if ((resolve as { refusesCanvas?: true }).refusesCanvas) return;
  const refusing = function (this: unknown, request: string, ...rest: unknown[]): string {
    if (request === "@napi-rs/canvas") {
      throw Object.assign(new Error("@napi-rs/canvas is not loaded: text extraction renders nothing"), {
        code: "MODULE_NOT_FOUND",
      });
    }
    return resolve.call(this, request, ...rest);
  };
  Module._resolveFilename = Object.assign(refusing, { refusesCanvas: true as const });
}

/** What pdf.js says as it loads without the canvas (console.warn, its warn()): known, nothing to act on. */
const CANVAS_WARNING = /^Warning: Cannot (load "@napi-rs\/canvas"|polyfill `(ImageData|Path2D)`)/;

async function withoutCanvasWarnings<T>(load: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] !== "string" || !CANVAS_WARNING.test(args[0])) warn(...args);
  };
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
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
