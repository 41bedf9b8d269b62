/**
 * `npm run build:web`: writes the served bundles (the verify page's script, the single-file CLI) to
 * packages/web/dist/ for deployments that have no esbuild at run time (the Lambda function copies
 * them; see stacks/api.ts).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { buildClientBundle, CLIENT_ENTRIES } from "./client-assets";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
await mkdir(dist, { recursive: true });
for (const name of Object.keys(CLIENT_ENTRIES)) {
  const body = await buildClientBundle(name);
  await writeFile(`${dist}${name}`, body);
  console.log(`web: wrote ${dist}${name} (${body.length.toLocaleString("en-US")} bytes)`);
}
