/**
 * The pages load on first use. A profile of the Lambda's cold start (issue #15) showed its cost is
 * parsing and compiling the code loaded at init, and the page templates with their strings in two
 * languages (~110 KB minified) serve only browsers. The API Lambda is bundled with esbuild's code
 * splitting (stacks/api.ts), which makes this `import()` a chunk of its own: JSON requests never
 * load it. Routes stay registered synchronously (Hono); handlers await the module.
 */
import type * as Views from "./page-views";

type PageViews = typeof Views;

let loading: Promise<PageViews> | undefined;

/** The page modules, imported once per process (a failed import is tried again next time). */
export function loadPages(): Promise<PageViews> {
  loading ??= import("./page-views").catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}
