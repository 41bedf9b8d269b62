/**
 * The pool's hard limits, on real worker threads running a stub (testing/stub-worker.ts) that
 * misbehaves on request: a synchronous endless loop is killed at the deadline, a runaway heap
 * at the cap, and the pool goes on with a fresh worker; a full queue is refused as busy.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  ExtractionPool,
  ExtractorBusyError,
  ExtractorUnavailableError,
  type PoolOptions,
} from "./worker-pool";

const STUB = new URL("./testing/stub-worker.ts", import.meta.url);
const pools: ExtractionPool[] = [];

function pool(options: Partial<PoolOptions> = {}): ExtractionPool {
  const created = new ExtractionPool({
    size: 1,
    heapMb: 64,
    timeoutMs: 1_000,
    maxQueue: 4,
    queueTimeoutMs: 60_000,
    idleMs: 60_000,
    workerFile: STUB,
    ...options,
  });
  pools.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const bytes = new Uint8Array(3);

describe("ExtractionPool", () => {
  it("terminates a worker stuck in synchronous code at the deadline, then recovers", async () => {
    const p = pool();
    const stuck = await p.run(bytes, "test/spin");
    expect(stuck).toEqual({
      status: "failed",
      text: "",
      mediaType: "test/spin",
      message: "took longer than 1 s",
      warnings: [],
    });
    expect(p.workers).toBe(0);
    expect(await p.run(bytes, "text/plain")).toMatchObject({ status: "ok", text: "echo 3" });
    expect(p.workers).toBe(1);
  });

  it("stops a worker at its heap cap without harming the process, then recovers", async () => {
    const p = pool({ timeoutMs: 60_000 });
    const result = await p.run(bytes, "test/heap");
    expect(result).toMatchObject({ status: "failed", message: "needed more than 64 MiB of memory" });
    expect(await p.run(bytes, "text/plain")).toMatchObject({ status: "ok", text: "echo 3" });
  });

  it("reports a worker that exits mid-extraction, then recovers", async () => {
    const p = pool();
    expect(await p.run(bytes, "test/exit")).toMatchObject({
      status: "failed",
      message: "the extractor stopped unexpectedly",
    });
    expect(await p.run(bytes, "text/plain")).toMatchObject({ status: "ok" });
  });

  it("queues up to maxQueue and refuses more as busy, then serves the queue in order", async () => {
    const p = pool({ maxQueue: 1, timeoutMs: 1_000 });
    const stuck = p.run(bytes, "test/spin");
    const queued = p.run(new Uint8Array(5), "text/plain");
    await expect(p.run(bytes, "text/plain")).rejects.toBeInstanceOf(ExtractorBusyError);
    expect(await stuck).toMatchObject({ status: "failed", message: "took longer than 1 s" });
    expect(await queued).toMatchObject({ status: "ok", text: "echo 5" });
  });

  it("refuses as busy what waited longer than queueTimeoutMs", async () => {
    const p = pool({ queueTimeoutMs: 100, timeoutMs: 2_000 });
    const stuck = p.run(bytes, "test/spin");
    await expect(p.run(bytes, "text/plain")).rejects.toThrow(/busy \(waited 100 ms\)/);
    await stuck;
  });

  it("refuses as unavailable, not as a failed document, when its worker cannot start", async () => {
    const p = pool({ workerFile: new URL("./testing/no-such-worker.mjs", import.meta.url) });
    await expect(p.run(bytes, "text/plain")).rejects.toBeInstanceOf(ExtractorUnavailableError);
    expect(p.workers).toBe(0);
  });

  it("runs `size` extractions at once", async () => {
    const p = pool({ size: 2 });
    const results = await Promise.all([1, 2, 3, 4].map((n) => p.run(new Uint8Array(n), "text/plain")));
    expect(results.map((r) => r.text)).toEqual(["echo 1", "echo 2", "echo 3", "echo 4"]);
    expect(p.workers).toBe(2);
  });

  it("prestarts workers before any document, which then end when idle", async () => {
    const p = pool({ size: 2, prestart: 1, idleMs: 100 });
    expect(p.workers).toBe(1);
    expect(await p.run(bytes, "text/plain")).toMatchObject({ status: "ok" });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(p.workers).toBe(0);
  });

  it("ends idle workers, and refuses work once closed", async () => {
    const p = pool({ idleMs: 50 });
    await p.run(bytes, "text/plain");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(p.workers).toBe(0);
    await p.close();
    await expect(p.run(bytes, "text/plain")).rejects.toThrow("closed");
  });
});
