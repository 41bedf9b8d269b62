// ESLint flat config: typescript-eslint's recommended type-aware rules for the whole workspace,
// plus the one architectural rule DESIGN.md insists on: packages/core stays runtime-agnostic.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import regexp from "eslint-plugin-regexp";

export default tseslint.config(
  {
    ignores: ["node_modules/", ".sst/", ".isnad/", "coverage/", "**/dist/", "sst-env.d.ts", "test-results/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // Hostile text reaches these regexes (documents, quotes, headers, query strings): one that
    // backtracks super-linearly turns a 1 MB upload into minutes of blocked event loop (issue #13:
    // `/\n*$/` in html-text.ts, 120,000 newlines in a <pre>). "potential" also reports what only
    // some flags or inputs make slow; a run of one character at the end of a string is trimmed
    // with a backward scan instead (packages/extract/src/trailing-run.ts).
    files: ["packages/**/*.{ts,js,mjs}", "tests/**/*.ts"],
    plugins: { regexp },
    rules: {
      "regexp/no-super-linear-backtracking": ["error", { report: "potential" }],
      "regexp/no-super-linear-move": "error",
      "regexp/no-misleading-capturing-group": "error",
    },
  },
  {
    // Scripts in plain JavaScript run on Node.
    files: ["**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    // Integration tests read HTTP answers' JSON loosely; production code stays strictly typed.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["packages/core/src/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*"], message: "core must run in a browser: no node:* imports." },
            {
              group: ["@aws-sdk/*", "hono", "hono/*", "@isnad/*"],
              message: "core depends on nothing but @noble.",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "Buffer", message: "core uses Uint8Array, not Buffer." },
        "process",
      ],
    },
  },
);
