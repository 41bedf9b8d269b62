import { describe, expect, it } from "vitest";
import { ArchiveError } from "../errors";
import { formatCursor, parseCursor } from "./item-cursor";

const TABLE_KEYS = ["pk", "sk"];
const encode = (text: string) => Buffer.from(text, "utf8").toString("base64url");

function parseError(cursor: string, keyNames = TABLE_KEYS): ArchiveError {
  try {
    parseCursor(cursor, keyNames);
  } catch (error) {
    expect(error).toBeInstanceOf(ArchiveError);
    return error as ArchiveError;
  }
  throw new Error(`cursor ${cursor} was accepted`);
}

describe("cursors", () => {
  it("round-trip a LastEvaluatedKey through URL-safe text", () => {
    const key = { pk: { S: "pub#بيان/+?" }, sk: { S: "2025-01-01T00:00:00Z#id" } };
    const cursor = formatCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parseCursor(cursor, TABLE_KEYS)).toEqual(key);
  });

  it("refuses a LastEvaluatedKey with non-string attributes", () => {
    expect(() => formatCursor({ pk: { N: "1" } })).toThrow(ArchiveError);
  });

  it.each([
    ["empty", ""],
    ["not base64url", "a+b/"],
    ["padded", `${encode('{"pk":"p","sk":"s"}')}=`],
    ["with stray bits", `${encode('{"pk":"p","sk":"s"}').slice(0, -1)}x`],
    ["not UTF-8", Buffer.from([0xff, 0xfe]).toString("base64url")],
    ["not JSON", encode("pk=p")],
    ["a JSON array", encode('["p","s"]')],
    ["JSON null", encode("null")],
    ["missing sk", encode('{"pk":"p"}')],
    ["an extra attribute", encode('{"pk":"p","sk":"s","x":"y"}')],
    ["a number key", encode('{"pk":"p","sk":1}')],
    ["an empty key", encode('{"pk":"p","sk":""}')],
    ["a __proto__ key", encode('{"pk":"p","__proto__":"s"}')],
    ["too long", "A".repeat(20_000)],
  ])("refuses a cursor that is %s with BAD_REQUEST", (_name, cursor) => {
    const error = parseError(cursor);
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toBeUndefined();
  });

  it("needs exactly the key attributes of the queried index", () => {
    const tableCursor = encode('{"pk":"p","sk":"s"}');
    expect(parseError(tableCursor, ["gsi1pk", "gsi1sk", "pk", "sk"]).code).toBe("BAD_REQUEST");
  });
});
