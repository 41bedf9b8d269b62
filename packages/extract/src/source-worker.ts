import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * How a worker runs from TypeScript source (`npm start`, tests): its entry is bundled with esbuild
 * inside the new thread, as build-worker.ts bundles it for Lambda, and the bundle is imported.
 * Registering tsx in the worker also works, but tsx then transforms pdf.js on its way in: the
 * first PDF took 12.7 s and the worker 430 MB more than from a bundle (1.0 s), on a busy
 * 2-core machine. When esbuild (a dev dependency) is missing, tsx it is.
 *
 * The bundle is written under node_modules/.cache (so that the packages it resolves at run time,
 * pdf.js's CMaps, are found from there) and removed once loaded.
 */
export function sourceBootstrap(entry: URL): URL {
  const require = createRequire(import.meta.url);
  let code: string;
  try {
    const esbuild = pathToFileURL(require.resolve("esbuild")).href;
    const cache = join(dirname(dirname(require.resolve("esbuild/package.json"))), ".cache", "isnad-workers");
    code = `
      import { mkdirSync, rmSync } from "node:fs";
      import { threadId } from "node:worker_threads";
      import { pathToFileURL } from "node:url";
      const esbuild = await import(${JSON.stringify(esbuild)});
      const build = esbuild.build ?? esbuild.default.build;
      mkdirSync(${JSON.stringify(cache)}, { recursive: true });
      const outfile = ${JSON.stringify(cache)} + "/" + process.pid + "-" + threadId + "-" + Date.now() + ".mjs";
      await build({
        entryPoints: [${JSON.stringify(entry.pathname)}], outfile, bundle: true, platform: "node",
        format: "esm", target: "node20", mainFields: ["module", "main"], logLevel: "error",
        banner: { js: ${JSON.stringify(REQUIRE_BANNER)} },
      });
      try { await import(pathToFileURL(outfile).href); } finally { rmSync(outfile, { force: true }); }
    `;
  } catch {
    const tsx = dirname(require.resolve("tsx/package.json"));
    const api = pathToFileURL(join(tsx, "dist/esm/api/index.mjs")).href;
    code = `
      const { register } = await import(${JSON.stringify(api)});
      register();
      await import(${JSON.stringify(entry.href)});
    `;
  }
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** ESM output, CommonJS dependencies (mammoth): give them a `require` (build-worker.ts does too). */
export const REQUIRE_BANNER =
  'import{createRequire as __isnadRequire}from"node:module";const require=__isnadRequire(import.meta.url);';
