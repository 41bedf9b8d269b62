/**
 * The bundles isnad serves, built in-process with esbuild's JS API the first time each is asked
 * for and then kept: `npm start` and the tests work from a fresh clone with no build step. A
 * deployment without esbuild at run time (Lambda) passes the prebuilt text instead (`prebuilt`,
 * written by `npm run build:web`).
 *  - verify.js: the verify page's script, one IIFE for browsers (served at /assets/verify.js);
 *  - statement.js: the provenance page's (copy buttons, `#q=` highlights);
 *  - receipt.js: the verify page's receipt check, run wholly in the browser on @isnad/core;
 *  - isnad.mjs: the CLI as one ESM file that runs with a bare `node` ≥ 20 and no node_modules
 *    (served at /cli/isnad.mjs): packages/cli/src/standalone.ts with @isnad/core and @noble inlined.
 * Node only: the pages' server side imports this; the browser never does.
 */
import { fileURLToPath } from "node:url";
import type * as Esbuild from "esbuild";
import { sha256Hex, utf8 } from "@isnad/core";

export interface ClientAsset {
  body: string;
  contentType: string;
  /** A strong ETag: the SHA-256 of the body. */
  etag: string;
  /** The body's SHA-256 in hex (what `sha256sum` prints), for pages that show it. */
  sha256: string;
}

export interface BundleEntry {
  /** The entry module, relative to this file. */
  entry: string;
  platform: "browser" | "node";
  contentType: string;
}

/**
 * Served name → entry. The CLI's entry sits in the sibling workspace packages/cli: it is bundled
 * from its sources, never imported, so @isnad/web gains no dependency on the CLI (which depends on
 * the local stack, which depends on the API, which depends on this package).
 */
export const CLIENT_ENTRIES: Readonly<Record<string, BundleEntry>> = {
  "verify.js": {
    entry: "./client/verify.ts",
    platform: "browser",
    contentType: "text/javascript; charset=utf-8",
  },
  "statement.js": {
    entry: "./client/statement.ts",
    platform: "browser",
    contentType: "text/javascript; charset=utf-8",
  },
  "receipt.js": {
    entry: "./client/receipt-check.ts",
    platform: "browser",
    contentType: "text/javascript; charset=utf-8",
  },
  "isnad.mjs": {
    entry: "../../cli/src/standalone.ts",
    platform: "node",
    contentType: "text/javascript; charset=utf-8",
  },
};

/** The served name of the single-file CLI. */
export const CLI_BUNDLE = "isnad.mjs";

const ESBUILD = "esbuild";

/** The repository's root: file comments in the CLI bundle name paths relative to it. */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

const CLI_BANNER = `#!/usr/bin/env node
// isnad — the command line of the isnad archive, as one file: run it with \`node isnad.mjs --help\`.
// Built with esbuild from packages/cli/src/standalone.ts; needs Node.js 20 or newer and nothing else.
import { createRequire as __isnadRequire } from "node:module";
const require = __isnadRequire(import.meta.url); // for CommonJS dependencies that require node:crypto`;

/** Bundles one entry into a single self-contained file (no imports of packages, no CDN). */
export async function buildClientBundle(name: string): Promise<string> {
  const spec = Object.hasOwn(CLIENT_ENTRIES, name) ? CLIENT_ENTRIES[name] : undefined;
  if (!spec) throw new Error(`no client bundle named ${name}`);
  // Opaque to bundlers: a deployment bundle (Lambda) must not pull esbuild itself in; it passes
  // `prebuilt` to createClientAssets instead.
  const esbuild = (await import(/* @vite-ignore */ ESBUILD)) as typeof Esbuild;
  const entryPoints = [fileURLToPath(new URL(spec.entry, import.meta.url))];
  const common = { entryPoints, bundle: true, write: false, charset: "utf8", legalComments: "none" } as const;
  const result =
    spec.platform === "browser"
      ? await esbuild.build({
          ...common,
          format: "iife",
          platform: "browser",
          // Phones a few years old: the page must work on them (issue #7, "fast on a phone").
          target: ["es2020", "chrome90", "firefox90", "safari15"],
          minify: true,
          logLevel: "silent",
        })
      : await esbuild.build({
          ...common,
          format: "esm",
          platform: "node",
          target: "node20",
          // Not minified: whoever runs a downloaded program may want to read it first. Paths in
          // its comments are relative to the repository, so that the same sources give the same
          // bytes (and the same SHA-256) on every machine.
          minify: false,
          absWorkingDir: ROOT,
          banner: { js: CLI_BANNER },
          logLevel: "silent",
        });
  return result.outputFiles[0]!.text;
}

export interface ClientAssets {
  get(name: string): Promise<ClientAsset | undefined>;
}

export function createClientAssets(prebuilt: Readonly<Record<string, string>> = {}): ClientAssets {
  const cache = new Map<string, Promise<ClientAsset>>();
  return {
    get(name) {
      if (!Object.hasOwn(CLIENT_ENTRIES, name)) return Promise.resolve(undefined);
      let asset = cache.get(name);
      if (!asset) {
        const source = Object.hasOwn(prebuilt, name) ? prebuilt[name] : undefined;
        asset = (source !== undefined ? Promise.resolve(source) : buildClientBundle(name)).then((body) => {
          const sha256 = sha256Hex(utf8(body));
          return { body, contentType: CLIENT_ENTRIES[name]!.contentType, etag: `"${sha256}"`, sha256 };
        });
        // A failed build is not cached: the next request tries again.
        asset.catch(() => cache.delete(name));
        cache.set(name, asset);
      }
      return asset;
    },
  };
}
