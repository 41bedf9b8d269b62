/**
 * The browser bundle, built in-process with esbuild's JS API the first time it is asked for and
 * then kept: `npm start` and the tests work from a fresh clone with no build step. A deployment
 * without esbuild at run time (Lambda) passes the prebuilt text instead (`prebuilt`).
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
}

/** Served name → entry module, relative to this file. */
export const CLIENT_ENTRIES: Readonly<Record<string, string>> = { "verify.js": "./client/verify.ts" };

const ESBUILD = "esbuild";

/** Bundles one entry into a single self-contained script (no imports, no external CDN). */
export async function buildClientBundle(name: string): Promise<string> {
  const entry = CLIENT_ENTRIES[name];
  if (!entry) throw new Error(`no client bundle named ${name}`);
  // Opaque to bundlers: a deployment bundle (Lambda) must not pull esbuild itself in; it passes
  // `prebuilt` to createClientAssets instead.
  const esbuild = (await import(/* @vite-ignore */ ESBUILD)) as typeof Esbuild;
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    // Phones a few years old: the page must work on them (issue #7, "fast on a phone").
    target: ["es2020", "chrome90", "firefox90", "safari15"],
    minify: true,
    charset: "utf8",
    legalComments: "none",
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
        const source = prebuilt[name];
        asset = (source !== undefined ? Promise.resolve(source) : buildClientBundle(name)).then((body) => ({
          body,
          contentType: "text/javascript; charset=utf-8",
          etag: `"${sha256Hex(utf8(body))}"`,
        }));
        // A failed build is not cached: the next request tries again.
        asset.catch(() => cache.delete(name));
        cache.set(name, asset);
      }
      return asset;
    },
  };
}
