/** The messages between the extraction pool (worker-pool.ts) and its workers (extract-worker.ts). */
import type { ExtractionBudgets } from "./budgets";
import type { Extraction, ExtractOptions } from "./types";

export interface WorkerOptions extends ExtractOptions {
  budgets?: Partial<ExtractionBudgets>;
}

export interface ExtractRequest {
  id: number;
  /** A copy (structured clone): the caller keeps its bytes to archive them. */
  bytes: Uint8Array;
  /** The sniffed media type (sniff-media-type.ts), with its charset parameter if any. */
  mediaType: string;
  options: WorkerOptions;
}

export interface ExtractResponse {
  id: number;
  result: Extraction;
}

/** What a worker posts once its code is loaded, before any request. */
export const READY = "ready";
