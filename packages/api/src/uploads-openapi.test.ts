import { describe, expect, it } from "vitest";
import { uploadsOpenApiPaths } from "./uploads-openapi";

describe("uploadsOpenApiPaths", () => {
  it("documents the upload description from the schema that validates it", () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking a generated JSON document
    const paths = uploadsOpenApiPaths() as Record<string, any>;
    const schema = paths["/v1/uploads"].post.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(expect.arrayContaining(["sha256", "size"]));
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["sha256", "size", "mediaType", "filename", "title", "language", "supersedes"]),
    );
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(paths["/v1/uploads/{id}/complete"].post.responses)).toEqual(
      expect.arrayContaining(["200", "201", "400", "409"]),
    );
  });
});
