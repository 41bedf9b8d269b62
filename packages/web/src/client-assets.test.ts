import { describe, expect, it } from "vitest";
import { buildClientBundle, createClientAssets } from "./client-assets";

describe("client assets", () => {
  it("bundles the verify page's script into one self-contained browser file", async () => {
    const assets = createClientAssets();
    const asset = (await assets.get("verify.js"))!;
    expect(asset.contentType).toBe("text/javascript; charset=utf-8");
    expect(asset.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(asset.body).toMatch(/^("use strict";)?\(\(\)=>\{/); // an IIFE: no module loader
    expect(asset.body).not.toMatch(/\bimport\s*[("{]|\brequire\(/);
    expect(asset.body).toContain("تحقّق من تصريح"); // the strings travel with it, in UTF-8
    expect(asset.body.length).toBeLessThan(120_000);
    expect(await assets.get("verify.js")).toBe(asset); // built once
  }, 30_000);

  it("bundles the CLI into one ESM file for node, the same bytes on every build", async () => {
    const asset = (await createClientAssets().get("isnad.mjs"))!;
    expect(asset.body.startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(asset.etag).toBe(`"${asset.sha256}"`);
    expect(asset.body).toContain("receipt verify");
    // Comments name repository-relative paths, never this machine's.
    expect(asset.body).toContain("// packages/cli/src/standalone.ts");
    expect(asset.body).not.toContain(process.cwd());
    expect(await buildClientBundle("isnad.mjs")).toBe(asset.body);
  }, 60_000);

  it("serves prebuilt text when given, and nothing under unknown names", async () => {
    const assets = createClientAssets({ "verify.js": "/* prebuilt */" });
    await expect(assets.get("verify.js")).resolves.toMatchObject({ body: "/* prebuilt */" });
    await expect(assets.get("other.js")).resolves.toBeUndefined();
    await expect(assets.get("__proto__")).resolves.toBeUndefined();
    await expect(buildClientBundle("other.js")).rejects.toThrow(/no client bundle/);
  });
});
