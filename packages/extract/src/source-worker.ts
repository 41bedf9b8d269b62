import { rmSync } from "node:fs";
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
 * pdf.js's CMaps, are found from there), once per process: the first worker builds it, the
 * workers after it (a second one, a replacement for a killed one) import the same file. A build
 * costs seconds of CPU on every core (esbuild is parallel), which a burst of hostile documents
 * must not buy again each time it kills a worker. The file goes when the process exits.
 *
 * `name` keeps the bundles of different entries apart; `externalPackages` leaves node_modules out
 * of the bundle, for entries whose packages find native files beside their own (dynalite's
 * LevelDB binding, which node-gyp-build looks for next to its package: packages/local).
 */
export function sourceBootstrap(
  entry: URL,
  options: { name?: string; externalPackages?: boolean } = {},
): URL {
  const require = createRequire(import.meta.url);
  let code: string;
  try {
    const esbuild = pathToFileURL(require.resolve("esbuild")).href;
    const cache = join(dirname(dirname(require.resolve("esbuild/package.json"))), ".cache", "isnad-workers");
    const bundle = join(cache, `${options.name ?? "extract"}-${process.pid}.mjs`);
    removeOnExit(bundle);
    code = `
      import { existsSync, mkdirSync, renameSync } from "node:fs";
      import { threadId } from "node:worker_threads";
      import { pathToFileURL } from "node:url";
      const bundle = ${JSON.stringify(bundle)};
      if (!existsSync(bundle)) {
        const esbuild = await import(${JSON.stringify(esbuild)});
        const build = esbuild.build ?? esbuild.default.build;
        mkdirSync(${JSON.stringify(cache)}, { recursive: true });
        // Built under a name of its own, then renamed: a worker never imports a half-written file.
        const outfile = bundle + "." + threadId + ".tmp.mjs";
        await build({
          entryPoints: [${JSON.stringify(entry.pathname)}], outfile, bundle: true, platform: "node",
          format: "esm", target: "node20", mainFields: ["module", "main"], logLevel: "error",
          ${options.externalPackages ? 'packages: "external",' : ""}
          banner: { js: ${JSON.stringify(REQUIRE_BANNER)} },
        });
        renameSync(outfile, bundle);
      }
      await import(pathToFileURL(bundle).href);
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

const removed = new Set<string>();
/** The process's bundle goes with the process (best effort: a killed process leaves one file). */
function removeOnExit(file: string): void {
  if (removed.has(file)) return;
  removed.add(file);
  process.once("exit", () => rmSync(file, { force: true }));
}
