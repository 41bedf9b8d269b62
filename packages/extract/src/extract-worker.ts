/**
 * The extraction worker's entry point (worker_threads): pdf.js and mammoth are loaded here and
 * nowhere else, so that a document that runs away with memory or time takes down this thread,
 * which the pool (worker-pool.ts) terminates and replaces, and never the server's event loop.
 * From source it is bundled as its thread starts (source-worker.ts); for Lambda it is its own
 * file, extract-worker.mjs, built by build-worker.ts and put next to the handler.
 */
import { parentPort } from "node:worker_threads";
import { fingerprintText } from "@isnad/core";
import { extractText } from "./extract-text";
import { loadPdfjs } from "./load-pdfjs";
import { READY, type ExtractRequest, type ExtractResponse } from "./worker-protocol";

const port = parentPort;
if (!port) throw new Error("extract-worker.ts runs as a worker thread (see worker-pool.ts)");

port.on("message", (request: ExtractRequest) => {
  void answer(request).then((response) => port.postMessage(response));
});
port.postMessage(READY);
// Load the parsers now, while no document waits: the first PDF or DOCX then finds them ready
// instead of loading them on its deadline (about 15 MB). Should this file run under tsx
// (source-worker.ts's fallback), tsx would transform them at some 200 MB: there they wait.
if (!import.meta.url.endsWith(".ts")) {
  setImmediate(() => {
    void loadPdfjs().catch(() => undefined);
    void import("mammoth").catch(() => undefined);
  });
}

async function answer({ id, bytes, mediaType, options }: ExtractRequest): Promise<ExtractResponse> {
  try {
    const result = await extractText(bytes, mediaType, options);
    if (result.status === "ok") result.fingerprint = fingerprintText(result.text);
    return { id, result };
  } catch (e) {
    // extractText reports bad documents as results; an exception here is a bug, still an answer.
    const message = e instanceof Error ? e.message : String(e);
    const result = { status: "failed" as const, text: "", mediaType, message, warnings: [] };
    return { id, result };
  }
}
