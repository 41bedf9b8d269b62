/**
 * Locates SST's generated platform (`.sst/platform`, git-ignored) and generates it when missing.
 * `sst install` needs no AWS account: it writes the platform sources and npm-installs their
 * dependencies (Pulumi, the AWS provider SDK). Run directly (`tsx tests/infra/sst-platform.ts`)
 * before `tsc -p tsconfig.sst.json`, which needs the platform's type declarations.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const PLATFORM = join(ROOT, ".sst", "platform");

/** Files the tests load from the platform; if one is missing the install is redone. */
const REQUIRED = [
  "config.d.ts",
  "src/auto/run.ts",
  "src/shim/run.js",
  "node_modules/@pulumi/pulumi/index.js",
];

export function isSstPlatformInstalled(): boolean {
  return REQUIRED.every((file) => existsSync(join(PLATFORM, file)));
}

export function ensureSstPlatform(): void {
  if (isSstPlatformInstalled()) return;
  execFileSync(join(ROOT, "node_modules", ".bin", "sst"), ["install"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      // `sst install` insists on a stage although it deploys nothing.
      SST_STAGE: process.env.SST_STAGE ?? "ci",
      SST_SKIP_DEPENDENCY_CHECK: "1",
      SST_NO_BUN: "1",
      SST_TELEMETRY_DISABLED: "1",
    },
  });
  if (!isSstPlatformInstalled()) throw new Error(`sst install did not produce ${PLATFORM}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureSstPlatform();
}
