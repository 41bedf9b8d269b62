import { Worker } from "node:worker_threads";
import { parseMediaType } from "./media-types";
import { sourceBootstrap } from "./source-worker";
import type { Extraction } from "./types";
import { READY } from "./worker-protocol";
import type { ExtractRequest, ExtractResponse, WorkerOptions } from "./worker-protocol";

export interface PoolOptions {
  /** Workers running at once (each extracts one document at a time). */
  size: number;
  /** V8 old-generation cap of each worker (resourceLimits.maxOldGenerationSizeMb). */
  heapMb: number;
  /** Past this the worker is terminated, even inside synchronous code. */
  timeoutMs: number;
  /** Extractions that may wait for a worker; one more is refused as busy. */
  maxQueue: number;
  /** The longest an extraction waits for a worker before it is refused as busy. */
  queueTimeoutMs: number;
  /** An idle worker is ended after this long (its memory goes back to the system). */
  idleMs: number;
  /** The worker's entry point: extract-worker.ts from source, extract-worker.mjs in a bundle. */
  workerFile: URL;
  /** Workers started at once, before any document (their loading is off the request path). */
  prestart?: number;
}

/**
 * Thrown (never returned) when every worker is busy and the queue is full or the wait too long:
 * the document is fine, the service is not ready for it. Callers answer 503 + Retry-After
 * (packages/archive/src/extractor.ts) rather than archive the document without its text forever.
 */
export class ExtractorBusyError extends Error {
  override readonly name = "ExtractorBusyError";
}

/**
 * Thrown when a worker failed before it had loaded its code (a missing or broken worker file, a
 * deployment without extract-worker.mjs): no fault of the document either, and it must not be
 * signed as its text "failed". Callers answer it like ExtractorBusyError.
 */
export class ExtractorUnavailableError extends Error {
  override readonly name = "ExtractorUnavailableError";
}

/** The extra milliseconds the worker gets to report its own deadline before it is killed. */
const KILL_GRACE_MS = 1_000;
/** How long a new worker may take to load its code (seconds from source on a busy machine). */
const STARTUP_MS = 60_000;

interface Job {
  request: Omit<ExtractRequest, "id">;
  resolve(result: Extraction): void;
  reject(error: Error): void;
  waiting?: ReturnType<typeof setTimeout>;
}

interface Slot {
  worker?: Worker;
  /** The worker has loaded its code (it posted READY). */
  ready?: boolean;
  job?: Job & { id: number; kill: ReturnType<typeof setTimeout> };
  idle?: ReturnType<typeof setTimeout>;
}

/**
 * A small pool of extraction workers (worker_threads) with hard limits: each worker's heap is
 * capped (resourceLimits: V8 stops the isolate, not the process, when it is exceeded), each
 * extraction has a deadline after which the worker is terminated (Worker.terminate() stops even
 * mammoth's synchronous loops, which no Promise race can), and the queue in front of it is
 * bounded. A killed or crashed worker is replaced by a fresh one for the next document.
 */
export class ExtractionPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private seq = 0;
  private closed = false;

  constructor(readonly options: PoolOptions) {
    this.slots = Array.from({ length: Math.max(1, options.size) }, () => ({}));
    for (const slot of this.slots.slice(0, options.prestart ?? 0)) this.workerOf(slot).unref();
  }

  run(bytes: Uint8Array, mediaType: string, options: WorkerOptions = {}): Promise<Extraction> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error("the extraction pool is closed"));
      const job: Job = { request: { bytes, mediaType, options }, resolve, reject };
      const free = this.slots.find((s) => !s.job);
      if (free) return this.start(free, job);
      if (this.queue.length >= this.options.maxQueue) {
        return reject(new ExtractorBusyError(`text extraction is busy (${this.queue.length} waiting)`));
      }
      job.waiting = setTimeout(() => {
        const at = this.queue.indexOf(job);
        if (at < 0) return;
        this.queue.splice(at, 1);
        reject(new ExtractorBusyError(`text extraction is busy (waited ${this.options.queueTimeoutMs} ms)`));
      }, this.options.queueTimeoutMs);
      this.queue.push(job);
    });
  }

  /** Terminates every worker; waiting and running extractions are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      clearTimeout(job.waiting);
      job.reject(new Error("the extraction pool is closed"));
    }
    await Promise.all(
      this.slots.map(async (slot) => {
        clearTimeout(slot.idle);
        const worker = slot.worker;
        slot.worker = undefined;
        if (slot.job) this.settle(slot, this.failure(slot.job, "the service is shutting down"));
        await worker?.terminate();
      }),
    );
  }

  /** Workers alive now (for tests and metrics). */
  get workers(): number {
    return this.slots.filter((s) => s.worker).length;
  }

  private start(slot: Slot, job: Job): void {
    clearTimeout(job.waiting);
    clearTimeout(slot.idle);
    const id = ++this.seq;
    this.workerOf(slot).ref();
    if (slot.ready) return this.post(slot, { ...job, id });
    // The deadline is the extraction's: it starts once the worker has loaded (from source under
    // source-worker.ts bundles it first: seconds on a busy machine), bounded by its own limit.
    const kill = setTimeout(() => this.discard(slot, "the extractor did not start"), STARTUP_MS);
    slot.job = { ...job, id, kill };
  }

  private workerOf(slot: Slot): Worker {
    if (!slot.worker) {
      slot.worker = this.spawn(slot);
      slot.ready = false;
    }
    return slot.worker;
  }

  /** Hands the slot's job to its (loaded) worker and arms the deadline that kills it. */
  private post(slot: Slot, job: Job & { id: number }): void {
    const worker = slot.worker!;
    const kill = setTimeout(() => {
      const seconds = Math.round(this.options.timeoutMs / 1000);
      this.discard(slot, `took longer than ${seconds} s`);
    }, this.options.timeoutMs + KILL_GRACE_MS);
    slot.job = { ...job, kill };
    const options = { ...job.request.options, timeoutMs: this.options.timeoutMs };
    worker.postMessage({ ...job.request, options, id: job.id } satisfies ExtractRequest);
  }

  private spawn(slot: Slot): Worker {
    const file = this.options.workerFile;
    const worker = new Worker(file.pathname.endsWith(".ts") ? sourceBootstrap(file) : file, {
      execArgv: [],
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.heapMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 4,
      },
      stdout: false,
      stderr: false,
    });
    worker.on("message", (message: ExtractResponse | typeof READY) => {
      if (slot.worker !== worker) return;
      if (message === READY) {
        slot.ready = true;
        if (!slot.job) return this.rest(slot);
        clearTimeout(slot.job.kill);
        return this.post(slot, slot.job);
      }
      if (slot.job?.id === message.id) this.settle(slot, message.result);
    });
    worker.on("error", (error: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      const reason =
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `needed more than ${this.options.heapMb} MiB of memory`
          : `the extractor failed: ${error.message}`;
      this.discard(slot, reason);
    });
    worker.on("exit", () => {
      if (slot.worker === worker) this.discard(slot, "the extractor stopped unexpectedly");
    });
    return worker;
  }

  /** Ends the slot's worker (killed, crashed or out of memory) and fails its extraction. */
  private discard(slot: Slot, reason: string): void {
    const worker = slot.worker;
    const loaded = slot.ready;
    slot.worker = undefined;
    void worker?.terminate();
    const job = slot.job;
    if (!job) return;
    if (loaded) return this.settle(slot, this.failure(job, reason));
    clearTimeout(job.kill);
    slot.job = undefined;
    job.reject(new ExtractorUnavailableError(`text extraction is unavailable: ${reason}`));
    const next = this.queue.shift();
    if (next && !this.closed) this.start(slot, next);
  }

  private failure(job: Job, reason: string): Extraction {
    const mediaType = parseMediaType(job.request.mediaType).essence;
    return { status: "failed", text: "", mediaType, message: reason, warnings: [] };
  }

  private settle(slot: Slot, result: Extraction): void {
    const job = slot.job;
    if (!job) return;
    clearTimeout(job.kill);
    slot.job = undefined;
    job.resolve(result);
    const next = this.queue.shift();
    if (next && !this.closed) return this.start(slot, next);
    this.rest(slot);
  }

  private rest(slot: Slot): void {
    const worker = slot.worker;
    if (!worker) return;
    // An idle worker must not keep the process alive, nor its memory forever.
    worker.unref();
    slot.idle = setTimeout(() => {
      if (slot.worker === worker && !slot.job) {
        slot.worker = undefined;
        void worker.terminate();
      }
    }, this.options.idleMs);
    slot.idle.unref();
  }
}
