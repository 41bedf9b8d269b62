/**
 * The served bundles (the pages' scripts, the single-file CLI), built on first request with
 * esbuild. One per process: every app built in it (tests build many) shares the builds. A
 * deployment passes its prebuilt copies as `deps.clientAssets` instead.
 */
import { createClientAssets, type ClientAssets } from "@isnad/web";
import type { ApiDeps } from "../deps";

const shared = createClientAssets();

export function assetsOf(deps: Pick<ApiDeps, "clientAssets">): ClientAssets {
  return deps.clientAssets ?? shared;
}
