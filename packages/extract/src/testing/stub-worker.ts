/**
 * A stand-in for extract-worker.ts in the pool's tests: it speaks the same protocol, and its
 * "media type" says how to misbehave: spin forever in synchronous code, allocate until the heap
 * cap, or exit. Anything else is echoed back as text.
 */
import { parentPort } from "node:worker_threads";
import { READY, type ExtractRequest } from "../worker-protocol";

const port = parentPort!;
port.on("message", ({ id, bytes, mediaType }: ExtractRequest) => {
  if (mediaType === "test/spin") for (;;);
  if (mediaType === "test/heap") {
    const kept: number[][] = [];
    for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => i * 1.5));
  }
  if (mediaType === "test/exit") process.exit(3);
  const text = `echo ${bytes.length}`;
  port.postMessage({ id, result: { status: "ok", text, mediaType, warnings: [] } });
});
port.postMessage(READY);
