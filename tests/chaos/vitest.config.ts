/**
 * `npm run test:chaos` (and, with ISNAD_CHAOS_SHORT=1, the short run inside `npm test`): the
 * reliability and security suites of issue #8, one file at a time (the load figures mean nothing
 * if another suite competes for the two cores), then the table of their figures.
 */
import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: resolve(import.meta.dirname, "../.."),
    include: ["tests/chaos/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    reporters: ["default", resolve(import.meta.dirname, "table-reporter.ts")],
    // The in-process stacks log every 5xx they answer as one JSON line (problem.ts); these suites
    // provoke hundreds on purpose and count them themselves, so the lines are not echoed.
    onConsoleLog: (log) => !log.startsWith('{"level":"error"'),
  },
});
