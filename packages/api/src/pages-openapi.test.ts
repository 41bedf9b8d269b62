import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("pagesOpenApiPaths", () => {
  it("puts every page, the feed and the CLI in the OpenAPI document", () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking a generated JSON document
    const paths = (openApiDocument() as any).paths as Record<string, any>;
    for (const path of ["/", "/s/{id}", "/p/{id}", "/p/{id}/feed.atom", "/about", "/cli/isnad.mjs"]) {
      expect(paths[path]?.get?.responses?.["200"], path).toBeDefined();
    }
    expect(Object.keys(paths["/p/{id}/feed.atom"].get.responses["200"].content)).toEqual([
      "application/atom+xml",
    ]);
    expect(Object.keys(paths["/s/{id}"].get.responses["404"].content)).toEqual(["text/html"]);
    expect(paths["/cli/isnad.mjs"].get.responses["200"].headers).toHaveProperty("Repr-Digest");
  });
});
