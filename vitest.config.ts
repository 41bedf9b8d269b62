import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "tests/**/*.test.ts"],
    // The chaos suites (issue #8) run on their own: `npm run test:chaos` (tests/chaos/vitest.config.ts).
    exclude: [...configDefaults.exclude, "tests/chaos/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    coverage: {
      provider: "v8",
      include: ["packages/*/src/**/*.ts"],
      exclude: ["**/*.test.ts", "**/index.ts"],
      reporter: ["text-summary", "json-summary"],
      // core is the trust anchor: it must stay almost fully exercised (issue #2).
      thresholds: { "packages/core/src/**": { branches: 95, lines: 95 } },
    },
  },
});
