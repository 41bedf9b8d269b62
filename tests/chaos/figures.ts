/**
 * The figures each chaos suite reports (issue #8): written as JSON under test-results/chaos/ and
 * printed as one table by table-reporter.ts at the end of `npm run test:chaos`.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot } from "../support/local-stack";

export const CHAOS_RESULTS = join(repoRoot, "test-results", "chaos");

/** `ISNAD_CHAOS_SHORT=1` (what `npm test` runs): fewer requests and cases, same checks. */
export const SHORT = process.env.ISNAD_CHAOS_SHORT === "1";

/** Picks the short or the full value of a knob. */
export const scale = <T>(short: T, full: T): T => (SHORT ? short : full);

export interface ChaosFigures {
  suite: string;
  /** HTTP requests the suite made to isnad. */
  requests: number;
  /** Server errors that were not deliberate: 5xx other than a 503 with Retry-After, and other
   * than the INTEGRITY answers the tamper suite provokes on purpose. */
  unexpected5xx: number;
  /** 503 + Retry-After answers (a dependency failed after the service's own retries); the client
   * retried each with the same request. */
  retried503?: number;
  /** Acknowledged uploads (201/200) that were later missing, different, unlogged or unprovable. */
  lostAcknowledged?: number;
  /** Statements visible (by id, hash, quote or listing) before they were complete. */
  halfVisible?: number;
  /** Checkpoints observed that are not consistent with the final tree. */
  forks?: number;
  tamperDetected?: number;
  tamperTried?: number;
  fuzzCases?: number;
  fuzzFailures?: number;
  durationMs: number;
  /** One-line facts for the table's footnotes (throughput, latencies, faults injected). */
  notes: string[];
}

/**
 * Writes a suite's figures. Several files may report under one suite name (security): within a
 * run (the reporter clears the folder first), their counts add up and their notes follow each other.
 */
export async function writeFigures(figures: ChaosFigures): Promise<void> {
  await mkdir(CHAOS_RESULTS, { recursive: true });
  const path = join(CHAOS_RESULTS, `${figures.suite}.json`);
  const earlier = await readFile(path, "utf8").then(
    (text) => JSON.parse(text) as ChaosFigures,
    () => undefined,
  );
  const merged: Record<string, unknown> = { ...figures };
  if (earlier) {
    for (const [key, value] of Object.entries(earlier)) {
      const mine = merged[key];
      if (typeof value === "number") merged[key] = value + (typeof mine === "number" ? mine : 0);
    }
    merged.notes = [...earlier.notes, ...figures.notes];
  }
  await writeFile(
    path,
    JSON.stringify({ ...merged, short: SHORT, at: new Date().toISOString() }, null, 2) + "\n",
  );
}
