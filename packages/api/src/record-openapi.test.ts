import { describe, expect, it } from "vitest";
import { PERFECT_QUALITY } from "@isnad/core";
import { openApiDocument } from "./openapi";

describe("recordSchemas", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking a generated JSON document
  const schemas = (openApiDocument() as any).components.schemas as Record<string, any>;

  it("describes text.quality and text.reason in the statement record that views carry", () => {
    expect(schemas.StatementView.properties.record).toEqual({ $ref: "#/components/schemas/StatementRecord" });
    const text = schemas.StatementRecord.properties.text;
    expect(text.properties.quality.$ref).toBe("#/components/schemas/TextQuality");
    expect(text.properties.reason.type).toBe("string");
  });

  it("names every field of core's TextQuality, and nothing it lacks", () => {
    expect(Object.keys(schemas.TextQuality.properties).sort()).toEqual(Object.keys(PERFECT_QUALITY).sort());
  });

  it("documents the uncertain verdict and a difference's damaged span and page", () => {
    expect(schemas.VerifyMatch.properties.verdict.enum).toContain("uncertain");
    expect(schemas.VerifyMatch.properties.differences.items.$ref).toBe(
      "#/components/schemas/QuoteDifference",
    );
    expect(Object.keys(schemas.QuoteDifference.properties)).toEqual(
      expect.arrayContaining(["damaged", "page"]),
    );
  });
});
