/**
 * Builds sst.config.ts the way the SST CLI does before handing it to Pulumi, so that tests can
 * evaluate `app()` and run `run()` without the CLI (which cannot deploy here).
 *
 * Mirrors SST v3's Go sources: pkg/project/project.go (`app()`: bundled with a `$config`
 * identity banner, called with `{ stage }`), pkg/project/run.go (`run()`: `$app`, `$cli`, `$dev`
 * as esbuild defines, `platform/src/shim/run.js` injected for the `$` helpers, and
 * `platform/src/auto/run.ts` wrapping the program) and pkg/js/js.go (ESM for Node, Pulumi and a
 * few heavy packages external, `import * as aws`/`sst` prepended to every file outside .sst).
 */
import { build, type Plugin } from "esbuild";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PLATFORM, ROOT } from "./sst-platform";

const CONFIG = join(ROOT, "sst.config.ts");

/** pkg/js/js.go: packages resolved at run time from .sst/platform/node_modules. */
const EXTERNAL = [
  "@pulumi/*",
  "undici",
  "@pulumiverse/*",
  "@sst-provider/*",
  "@aws-sdk/*",
  "esbuild",
  "archiver",
  "glob",
  "vite",
];

/** pkg/js/js.go: ESM output needs `require`, `__filename` and `__dirname` for bundled CJS code. */
const BANNER = [
  `import { createRequire as topLevelCreateRequire } from "module";`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url";`,
  `const __filename = topLevelFileUrlToPath(import.meta.url);`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url));`,
].join("\n");

/** What SST's Go side knows about the app: `app()`'s result plus the stage (project.go `App`). */
export interface SstApp {
  name: string;
  stage: string;
  home: string;
  removal: "remove" | "retain" | "retain-all";
  protect: boolean;
  providers: Record<string, unknown>;
  version?: string;
}

/** Evaluates `app({ stage })` and completes it as project.go does (home provider, removal default). */
export async function evaluateApp(stage: string): Promise<SstApp> {
  const outfile = join(PLATFORM, `isnad-app.${stage}.${process.pid}.mjs`);
  await build({
    ...commonOptions(outfile),
    banner: { js: `${BANNER}\nfunction $config(input) { return input; }` },
    stdin: stdin(`import mod from ${JSON.stringify(CONFIG)};\nexport default mod;`),
  });
  try {
    const mod = (await import(pathToFileURL(outfile).href)) as {
      default: { app(input: { stage: string }): Omit<SstApp, "stage"> };
    };
    const app = mod.default.app({ stage });
    const providers = { ...(app.providers ?? {}) };
    if (app.home !== "local" && !(app.home in providers)) providers[app.home] = {};
    return { ...app, stage, removal: app.removal ?? "retain", protect: app.protect ?? false, providers };
  } finally {
    await rm(outfile, { force: true });
  }
}

export interface CliPaths {
  /** Where Function components write their zip artifacts. */
  work: string;
  home: string;
}

/** Bundles the Pulumi program of one stage; importing the result runs `run()` (call it inside a stack). */
export async function buildProgram(app: SstApp, paths: CliPaths): Promise<string> {
  const outfile = join(PLATFORM, `isnad-program.${app.stage}.${process.pid}.mjs`);
  const cli = {
    command: "deploy",
    dev: false,
    paths: { home: paths.home, root: ROOT, work: paths.work, platform: PLATFORM },
    state: { version: {} },
  };
  const globals = [
    ...Object.keys(app.providers).map((name) => `import * as ${name} from "@pulumi/${name}";`),
    `import * as sst from ${JSON.stringify(join(PLATFORM, "src/components"))};`,
  ].join("\n");
  await build({
    ...commonOptions(outfile),
    banner: { js: BANNER },
    define: { $app: JSON.stringify(app), $cli: JSON.stringify(cli), $dev: "false" },
    inject: [join(PLATFORM, "src/shim/run.js")],
    plugins: [injectGlobals(globals)],
    stdin: stdin(
      [
        `import { run } from ${JSON.stringify(join(PLATFORM, "src/auto/run.ts"))};`,
        `import mod from ${JSON.stringify(CONFIG)};`,
        `export default await run(mod.run);`,
      ].join("\n"),
    ),
  });
  return outfile;
}

function commonOptions(outfile: string) {
  return {
    bundle: true,
    write: true,
    outfile,
    format: "esm" as const,
    platform: "node" as const,
    mainFields: ["module", "main"],
    nodePaths: [join(PLATFORM, "node_modules")],
    external: EXTERNAL,
    logLevel: "error" as const,
  };
}

function stdin(contents: string) {
  return { contents, resolveDir: ROOT, sourcefile: "eval.ts", loader: "ts" as const };
}

/** js.go "InjectGlobals": user files (not SST's own) see the providers and `sst` as globals. */
function injectGlobals(globals: string): Plugin {
  return {
    name: "InjectGlobals",
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /\.(js|ts|jsx|tsx)$/ }, async (args) => {
        const contents = await readFile(args.path, "utf8");
        if (args.path.includes(".sst")) return { contents, loader: "default" };
        return { contents: `${globals}\n${contents}`, loader: "default" };
      });
    },
  };
}
