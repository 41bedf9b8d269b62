import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalize, canonicalizeToBytes, MAX_JSON_DEPTH, parseJson } from "./canonical-json";
import { formatHex } from "./bytes";
import { IsnadError } from "./errors";

/** Runs `f` and returns the IsnadError it throws (failing the test if it throws nothing else). */
function errorOf(f: () => unknown): IsnadError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(IsnadError);
    return e as IsnadError;
  }
  throw new Error("expected an IsnadError, got none");
}

function expectInvalid(f: () => unknown, message: string | RegExp): void {
  const e = errorOf(f);
  expect(e.code).toBe("INVALID_JSON");
  expect(e.message).toMatch(message);
}

describe("canonicalize: RFC 8785 examples", () => {
  // RFC 8785 §3.2.2, the input as printed (String.raw keeps its JSON escapes for parseJson).
  const SAMPLE = String.raw`{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`;

  it("serializes the §3.2.2 sample as §3.2.2 prints it", () => {
    expect(canonicalize(parseJson(SAMPLE))).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it("encodes the §3.2.2 sample as the UTF-8 bytes of §3.2.4", () => {
    const hex = `
      7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
      75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
      5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
      65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
      5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
      30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d`;
    expect(formatHex(canonicalizeToBytes(parseJson(SAMPLE)))).toBe(hex.replace(/\s+/g, ""));
  });

  it("sorts the §3.2.3 property names by UTF-16 code units", () => {
    const input = String.raw`{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}`;
    // The order §3.2.3 lists; U+1F600 (D83D DE00) sorts before U+FB33, unlike in code-point order.
    expect(canonicalize(parseJson(input))).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  // RFC 8785 Appendix B: IEEE 754 bit patterns and their required serialization.
  const APPENDIX_B: [string, string][] = [
    ["0000000000000000", "0"],
    ["8000000000000000", "0"], // minus zero
    ["0000000000000001", "5e-324"],
    ["8000000000000001", "-5e-324"],
    ["7fefffffffffffff", "1.7976931348623157e+308"],
    ["ffefffffffffffff", "-1.7976931348623157e+308"],
    ["4340000000000000", "9007199254740992"],
    ["c340000000000000", "-9007199254740992"],
    ["4430000000000000", "295147905179352830000"],
    ["44b52d02c7e14af5", "9.999999999999997e+22"],
    ["44b52d02c7e14af6", "1e+23"],
    ["44b52d02c7e14af7", "1.0000000000000001e+23"],
    ["444b1ae4d6e2ef4e", "999999999999999700000"],
    ["444b1ae4d6e2ef4f", "999999999999999900000"],
    ["444b1ae4d6e2ef50", "1e+21"],
    ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
    ["3eb0c6f7a0b5ed8d", "0.000001"],
    ["41b3de4355555553", "333333333.3333332"],
    ["41b3de4355555554", "333333333.33333325"],
    ["41b3de4355555555", "333333333.3333333"],
    ["41b3de4355555556", "333333333.3333334"],
    ["41b3de4355555557", "333333333.33333343"],
    ["becbf647612f3696", "-0.0000033333333333333333"],
    ["43143ff3c1cb0959", "1424953923781206.2"],
  ];
  const fromBits = (hex: string): number => {
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, BigInt(`0x${hex}`));
    return view.getFloat64(0);
  };

  it.each(APPENDIX_B)("serializes the double %s as %s (Appendix B)", (bits, expected) => {
    expect(canonicalize(fromBits(bits))).toBe(expected);
    expect(canonicalize([fromBits(bits)])).toBe(`[${expected}]`);
  });

  it.each([
    ["7fffffffffffffff", "NaN"],
    ["7ff0000000000000", "Infinity"],
    ["fff0000000000000", "-Infinity"],
  ])("rejects the double %s (%s), which Appendix B marks as an error", (bits, name) => {
    expectInvalid(() => canonicalize({ n: fromBits(bits) }), `$.n: ${name} is not a JSON number`);
  });

  it("rejects a number literal too large for a double", () => {
    expectInvalid(() => canonicalize(parseJson('{"big":1e400}')), "$.big: Infinity");
  });
});

describe("canonicalize: strings (RFC 8785 §3.2.2.2)", () => {
  it("uses the two-character escapes, lowercase \\u00xx for other controls, and nothing else", () => {
    const controls = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join("");
    expect(canonicalize(controls)).toBe(
      String.raw`"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f` +
        String.raw`\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"`,
    );
    expect(canonicalize('"\\/\u007f\u2028</script>')).toBe('"\\"\\\\/\u007f\u2028</script>"');
    expect(canonicalize("")).toBe('""');
  });

  it("keeps surrogate pairs as they are and encodes them as 4-byte UTF-8", () => {
    expect(canonicalize("\ud83d\ude00")).toBe('"\ud83d\ude00"');
    expect(formatHex(canonicalizeToBytes("\ud83d\ude00"))).toBe("22f09f988022");
  });

  it("rejects lone surrogates in values and in names, naming the path", () => {
    expectInvalid(
      () => canonicalize({ a: ["ok", "\ud800"] }),
      "$.a[1]: the string contains a lone surrogate",
    );
    expectInvalid(() => canonicalize({ x: { "\udc00": 1 } }), /^cannot canonicalize \$\.x\["\\udc00"\]: /);
    expectInvalid(() => canonicalize("\ude00\ud83d"), "cannot canonicalize $: ");
    expectInvalid(() => canonicalize(parseJson('["\\ud800"]')), "$[0]");
  });
});

describe("canonicalize: structure", () => {
  it("serializes literals, empty containers and nesting without whitespace", () => {
    expect(canonicalize(null)).toBe("null");
    expect(canonicalize(true)).toBe("true");
    expect(canonicalize(false)).toBe("false");
    expect(canonicalize([])).toBe("[]");
    expect(canonicalize({})).toBe("{}");
    expect(canonicalize({ b: [1, { d: [], c: {} }], a: "x" })).toBe('{"a":"x","b":[1,{"c":{},"d":[]}]}');
  });

  it("sorts names by code units, not as numbers or by locale", () => {
    expect(canonicalize({ 10: 0, 9: 0, b: 0, B: 0, a: 0, "": 0 })).toBe(
      '{"":0,"10":0,"9":0,"B":0,"a":0,"b":0}',
    );
  });

  it("accepts null-prototype objects, repeated (acyclic) references and a __proto__ member", () => {
    const bare = Object.assign(Object.create(null) as object, { z: 1, y: 2 });
    expect(canonicalize(bare)).toBe('{"y":2,"z":1}');
    const shared = { k: 1 };
    expect(canonicalize([shared, { shared }])).toBe('[{"k":1},{"shared":{"k":1}}]');
    expect(canonicalize(parseJson('{"__proto__":{"a":1},"b":2}'))).toBe('{"__proto__":{"a":1},"b":2}');
  });

  it("rejects what JSON.stringify would drop or coerce, naming the path", () => {
    expectInvalid(() => canonicalize(undefined), "cannot canonicalize $: undefined is not a JSON value");
    expectInvalid(() => canonicalize({ a: { b: undefined } }), "$.a.b: undefined is not a JSON value");
    expectInvalid(() => canonicalize([1, () => 1]), "$[1]: function is not a JSON value");
    expectInvalid(() => canonicalize({ s: Symbol("s") }), "$.s: symbol is not a JSON value");
    expectInvalid(() => canonicalize({ n: 10n }), "$.n: a bigint is not a JSON number");
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    expectInvalid(() => canonicalize([1, , 3]), "$[1]: undefined");
    expectInvalid(() => canonicalize({ [Symbol("k")]: 1 }), "$: symbol keys are not JSON");
  });

  it("rejects objects that are not plain data", () => {
    expectInvalid(() => canonicalize({ when: new Date(0) }), "$.when: Date is not a plain object");
    expectInvalid(() => canonicalize(new Map()), "$: Map is not a plain object");
    expectInvalid(() => canonicalize({ b: new Uint8Array(1) }), "$.b: Uint8Array is not a plain object");
    class Statement {
      a = 1;
    }
    expectInvalid(
      () => canonicalize({ "a b": new Statement() }),
      '$["a b"]: Statement is not a plain object',
    );
    const orphan = Object.create(Object.create(null) as object) as object;
    expectInvalid(() => canonicalize(orphan), "$: non-plain object is not a plain object");
  });

  it("rejects cycles", () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expectInvalid(() => canonicalize(a), "$.self: the structure is cyclic");
    const list: unknown[] = [];
    list.push([list]);
    expectInvalid(() => canonicalize(list), "$[0][0]: the structure is cyclic");
  });

  it(`rejects nesting deeper than ${MAX_JSON_DEPTH} instead of overflowing the stack`, () => {
    const nest = (depth: number): unknown => {
      let v: unknown = 0;
      for (let i = 0; i < depth; i++) v = [v];
      return v;
    };
    expect(canonicalize(nest(MAX_JSON_DEPTH))).toHaveLength(2 * MAX_JSON_DEPTH + 1);
    expectInvalid(() => canonicalize(nest(MAX_JSON_DEPTH + 1)), `nesting is deeper than ${MAX_JSON_DEPTH}`);
    expectInvalid(() => canonicalize(parseJson("[".repeat(100_000) + "]".repeat(100_000))), "nesting");
  });
});

describe("canonicalize: properties", () => {
  // An independent serializer: JSON.stringify for primitives (which RFC 8785 adopts) and an
  // explicit code-unit comparison for names.
  const compareCodeUnits = (a: string, b: string): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = a.charCodeAt(i) - b.charCodeAt(i);
      if (d !== 0) return d;
    }
    return a.length - b.length;
  };
  const oracle = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(oracle).join(",")}]`;
    if (v !== null && typeof v === "object") {
      const entries = Object.entries(v).sort(([a], [b]) => compareCodeUnits(a, b));
      return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${oracle(x)}`).join(",")}}`;
    }
    return JSON.stringify(v);
  };
  const json = fc.jsonValue({ maxDepth: 4, stringUnit: "binary" });

  it("agrees with an independent serializer and is a fixed point of parse ∘ canonicalize", () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = canonicalize(value);
        expect(text).toBe(oracle(value));
        expect(canonicalize(parseJson(text))).toBe(text);
        expect(parseJson(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order members were inserted in", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: "binary" }), fc.integer()), (dict) => {
        const reversed = Object.fromEntries(Object.entries(dict).reverse());
        expect(canonicalize(reversed)).toBe(canonicalize(dict));
      }),
    );
  });
});

describe("parseJson", () => {
  it("parses valid JSON", () => {
    expect(parseJson(' {"a": [1, "x", null, true], "b": {}} ')).toEqual({ a: [1, "x", null, true], b: {} });
    expect(parseJson('"text"')).toBe("text");
  });

  it.each(["", "{", "{'a':1}", '{"a":1,}', "[1 2]", "NaN", "\ufeff{}", '{"a":1}x'])(
    "wraps the SyntaxError for %j as INVALID_JSON",
    (text) => {
      const e = errorOf(() => parseJson(text));
      expect(e.code).toBe("INVALID_JSON");
      expect(e.message).toMatch(/^not valid JSON: /);
      expect(e.cause).toBeInstanceOf(SyntaxError);
    },
  );

  it.each([
    ['{"a":1,"a":2}', '"a" at offset 7'],
    ['{"a":1,"\\u0061":2}', '"a" at offset 7'], // the same name, escaped differently
    ['[{"x":{"k":1,"y":[],"k":{}}}]', '"k" at offset 20'],
    ['{"":1,"":1}', '"" at offset 6'],
  ])("rejects the duplicate member name in %s", (text, where) => {
    expectInvalid(() => parseJson(text), `duplicate member name ${where}`);
  });

  it("allows one name in different objects, and names only look like names inside strings", () => {
    expect(parseJson('[{"a":1},{"a":2},{"b":{"a":3},"a":4}]')).toEqual([
      { a: 1 },
      { a: 2 },
      { b: { a: 3 }, a: 4 },
    ]);
    expect(parseJson('{"a":"{\\"a\\":1,","b":["a","a"],"c":"\\\\","d":"a"}')).toEqual({
      a: '{"a":1,',
      b: ["a", "a"],
      c: "\\",
      d: "a",
    });
  });
});
