import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ArchiveError } from "../errors";
import { marshall, marshallValue, unmarshall, unmarshallValue } from "./item-marshall";
import type { ItemValue } from "../ports";

function expectCode(run: () => unknown, code: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ArchiveError);
  expect((caught as ArchiveError).code).toBe(code);
}

describe("marshall", () => {
  it("maps each value type onto its DynamoDB attribute type", () => {
    expect(
      marshall({
        s: "x",
        n: -1.5,
        t: true,
        z: null,
        b: new Uint8Array([1, 2]),
        l: [1, "a"],
        m: { k: "v" },
      }),
    ).toEqual({
      s: { S: "x" },
      n: { N: "-1.5" },
      t: { BOOL: true },
      z: { NULL: true },
      b: { B: new Uint8Array([1, 2]) },
      l: { L: [{ N: "1" }, { S: "a" }] },
      m: { M: { k: { S: "v" } } },
    });
  });

  it("writes the shortest exact decimal and 0 for -0", () => {
    expect(marshallValue(0.1, "x")).toEqual({ N: "0.1" });
    expect(marshallValue(-0, "x")).toEqual({ N: "0" });
    expect(marshallValue(Number.MAX_SAFE_INTEGER, "x")).toEqual({ N: "9007199254740991" });
    expect(marshallValue(1e-130, "x")).toEqual({ N: "1e-130" });
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ["2^53", 2 ** 53],
    ["-(2^53)", -(2 ** 53)],
    ["1e300", 1e300],
    ["a denormal", 5e-324],
    ["below 1e-130", 1e-131],
    ["undefined", undefined],
    ["a bigint", 1n],
    ["a symbol", Symbol("s")],
    ["a function", () => 1],
    ["a Date", new Date(0)],
    ["a Map", new Map()],
    ["a Set", new Set()],
    ["an ArrayBuffer", new ArrayBuffer(1)],
    ["a class instance", new (class Thing {})()],
    ["undefined in a list", [1, undefined]],
    ["a sparse list", [1, , 3]], // eslint-disable-line no-sparse-arrays
    ["undefined in a map", { a: undefined }],
    ["an empty attribute name", { "": 1 }],
    ["symbol keys", { [Symbol("k")]: 1 }],
  ])("refuses %s with BAD_REQUEST", (_name, value) => {
    expectCode(() => marshall({ pk: "p", value } as never), "BAD_REQUEST");
  });

  it("names the offending attribute path", () => {
    expect(() => marshall({ a: { b: [0, { c: Number.NaN }] } })).toThrow(/a\.b\[1\]\.c/);
  });

  it("refuses nesting beyond DynamoDB's 32 levels, and cycles, without overflowing the stack", () => {
    const nest = (depth: number): ItemValue => (depth === 0 ? "leaf" : [nest(depth - 1)]);
    expect(() => marshall({ a: nest(32) })).not.toThrow();
    expectCode(() => marshall({ a: nest(33) }), "BAD_REQUEST");
    const cycle: Record<string, unknown> = {};
    cycle["self"] = cycle;
    expectCode(() => marshall(cycle as never), "BAD_REQUEST");
  });

  it("accepts objects without a prototype", () => {
    const bare = Object.assign(Object.create(null) as object, { k: 1 });
    expect(marshall({ bare } as never)).toEqual({ bare: { M: { k: { N: "1" } } } });
  });
});

describe("unmarshall", () => {
  it("reads back numbers in any notation DynamoDB returns", () => {
    expect(unmarshallValue({ N: "1E+2" }, "x")).toBe(100);
    expect(unmarshallValue({ N: "-0.000001" }, "x")).toBe(-0.000001);
  });

  it("returns plain Uint8Arrays, not Buffers", () => {
    const value = unmarshallValue({ B: Buffer.from([1, 2, 3]) }, "x");
    expect(Object.getPrototypeOf(value)).toBe(Uint8Array.prototype);
    expect(value).toEqual(new Uint8Array([1, 2, 3]));
  });

  it.each([
    ["a string set", { SS: ["a"] }],
    ["a number set", { NS: ["1"] }],
    ["a binary set", { BS: [new Uint8Array(1)] }],
    ["an integer beyond 2^53", { N: "9007199254740993" }],
    ["a number beyond doubles", { N: "1e400" }],
    ["an empty number", { N: "" }],
    ["an unknown type", { $unknown: ["X", 1] }],
  ])("refuses %s with INTEGRITY", (_name, value) => {
    expectCode(() => unmarshall({ a: value as never }), "INTEGRITY");
  });
});

describe("round trip", () => {
  it("keeps a __proto__ attribute as data", () => {
    const item = JSON.parse('{"pk":"p","__proto__":{"__proto__":1}}') as Record<string, ItemValue>;
    const marshalled = marshall(item);
    expect(Object.keys(marshalled)).toEqual(["pk", "__proto__"]);
    const back = unmarshall(marshalled);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(JSON.stringify(back)).toBe('{"pk":"p","__proto__":{"__proto__":1}}');
  });

  const finiteNumber = fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .filter((n) => (Number.isInteger(n) ? Number.isSafeInteger(n) : Math.abs(n) >= 1e-130))
    .map((n) => (Object.is(n, -0) ? 0 : n));
  const { value } = fc.letrec<{ value: ItemValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.string({ unit: "grapheme" }),
      finiteNumber,
      fc.boolean(),
      fc.constant(null),
      fc.uint8Array({ maxLength: 64 }),
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), tie("value"), { maxKeys: 4 }),
    ),
  }));

  it("unmarshall(marshall(item)) equals item", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), value, { maxKeys: 6 }), (item) => {
        expect(unmarshall(marshall(item))).toEqual(item);
      }),
    );
  });
});
