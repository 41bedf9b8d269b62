import { describe, expect, it } from "vitest";
import { formatReceipt, utf8 } from "@isnad/core";
import { openApiDocument } from "./openapi";

type Schema = { required?: string[]; properties?: Record<string, Schema> };
const doc = openApiDocument() as {
  paths: Record<
    string,
    { get?: { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> } }
  >;
};

describe("OpenAPI: witnesses (issue #16)", () => {
  it("documents /v1/policy as plain text in C2SP tlog-policy syntax", () => {
    const get = doc.paths["/v1/policy"]?.get;
    expect(get).toBeDefined();
    expect(Object.keys(get!.responses["200"]!.content!)).toEqual(["text/plain"]);
  });

  it("documents every member a JSON receipt can carry, the witness hint included", () => {
    const schema =
      doc.paths["/v1/statements/{id}/receipt"]!.get!.responses["200"]!.content!["application/json"]!.schema!;
    const receipt = formatReceipt({
      entry: utf8("{}"),
      leafIndex: 0,
      inclusionProof: { treeSize: 1, rootHash: new Uint8Array(32), hashes: [] },
      checkpoint: "example.org/log\n1\nAAAA\n\n— example.org/log AAAA\n",
      timestamps: [{ tsa: "https://tsa.example", token: utf8("token") }],
      witnesses: { configured: 2, required: 2, cosigned: 1, names: ["a"] },
    });
    expect(Object.keys(receipt).sort()).toEqual(Object.keys(schema.properties!).sort());
    expect(Object.keys(receipt.witnesses!).sort()).toEqual(
      schema.properties!.witnesses!.required!.slice().sort(),
    );
    for (const name of schema.required!) expect(receipt).toHaveProperty(name);
  });
});
