/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one byte string that log entries and signed
 * records hash and sign. JCS is JSON.stringify's own serialization of primitives (RFC 8785
 * §3.2.2, "ECMAScript compatible") plus property sorting (§3.2.3), restricted to I-JSON
 * (RFC 7493, required by §3.1). Everything outside that subset is rejected, never coerced: a
 * signature over a value that silently changed on the way (undefined dropped, a Date turned into
 * a string, a lone surrogate turned into U+FFFD) would verify something the signer never saw.
 */
import { IsnadError } from "./errors";
import { utf8 } from "./bytes";

/**
 * Deeper nesting is rejected rather than recursed into: a hostile document must fail as
 * INVALID_JSON, not as a RangeError (stack overflow). Records are a few levels deep.
 */
export const MAX_JSON_DEPTH = 256;

/** Serializes `value` as RFC 8785 canonical JSON; throws IsnadError("INVALID_JSON") naming the path. */
export function canonicalize(value: unknown): string {
  return serialize(value, "$", 0, new Set());
}

/** The canonical JSON as UTF-8 bytes (RFC 8785 §3.2.4): what is hashed, signed and logged. */
export function canonicalizeToBytes(value: unknown): Uint8Array {
  // Lossless: canonicalize() has rejected lone surrogates, the only strings UTF-8 cannot carry.
  return utf8(canonicalize(value));
}

function fail(path: string, problem: string): never {
  throw new IsnadError("INVALID_JSON", `cannot canonicalize ${path}: ${problem}`);
}

function serialize(value: unknown, path: string, depth: number, ancestors: Set<object>): string {
  switch (typeof value) {
    case "string":
      return serializeString(value, path);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      // RFC 8785 §3.2.2.3: ECMAScript Number::toString, which String() is, including -0 → "0".
      // NaN and the infinities have no JSON form (I-JSON §2.2).
      if (!Number.isFinite(value)) fail(path, `${String(value)} is not a JSON number`);
      return String(value);
    case "object":
      if (value === null) return "null";
      return serializeContainer(value, path, depth, ancestors);
    case "bigint":
      return fail(path, "a bigint is not a JSON number (encode it as a decimal string)");
    default:
      // undefined, functions and symbols, which JSON.stringify would silently drop or null out.
      return fail(path, `${typeof value} is not a JSON value`);
  }
}

function serializeContainer(value: object, path: string, depth: number, ancestors: Set<object>): string {
  if (ancestors.has(value)) fail(path, "the structure is cyclic");
  if (depth >= MAX_JSON_DEPTH) fail(path, `nesting is deeper than ${MAX_JSON_DEPTH}`);
  ancestors.add(value);
  let out: string;
  if (Array.isArray(value)) {
    const items: string[] = [];
    // An index loop, not map(): map() skips holes, which must fail like undefined does.
    for (let i = 0; i < value.length; i++) {
      items.push(serialize(value[i], `${path}[${i}]`, depth + 1, ancestors));
    }
    out = `[${items.join(",")}]`;
  } else {
    out = serializeObject(value, path, depth, ancestors);
  }
  ancestors.delete(value);
  return out;
}

function serializeObject(value: object, path: string, depth: number, ancestors: Set<object>): string {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const kind = (value.constructor as { name?: string } | undefined)?.name || "non-plain object";
    fail(path, `${kind} is not a plain object (convert it to JSON data first)`);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) fail(path, "symbol keys are not JSON");
  // RFC 8785 §3.2.3: sort by the UTF-16 code units of the raw (unescaped) names. The default
  // Array.prototype.sort comparator compares exactly that, unlike localeCompare or code points.
  const keys = Object.keys(value).sort();
  const members: string[] = [];
  for (const key of keys) {
    const childPath = formatPathMember(path, key);
    const name = serializeString(key, childPath);
    members.push(
      `${name}:${serialize((value as Record<string, unknown>)[key], childPath, depth + 1, ancestors)}`,
    );
  }
  return `{${members.join(",")}}`;
}

// RFC 8785 §3.2.2.2: only these get a two-character escape; other C0 controls become \u00xx in
// lowercase hex; everything else, including U+007F and non-ASCII, is emitted as itself.
const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\f": "\\f",
  "\r": "\\r",
};

// In a `u` regex a well-formed surrogate pair is one code point, so \p{Cs} matches lone halves only.
const LONE_SURROGATE = /\p{Cs}/u;

function serializeString(text: string, path: string): string {
  if (LONE_SURROGATE.test(text)) fail(path, "the string contains a lone surrogate (I-JSON §2.1)");
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const escaped = text.replace(/["\\\u0000-\u001f]/g, (c) => {
    return SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `"${escaped}"`;
}

function formatPathMember(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Parses JSON text from an untrusted source. Syntax errors surface as IsnadError("INVALID_JSON")
 * with the SyntaxError as `cause`, never raw.
 *
 * Duplicate member names are rejected, as I-JSON (RFC 7493 §2.3) and so RFC 8785 §3.1 require:
 * JSON.parse keeps the last duplicate while other parsers keep the first, so a record with
 * `{"key":"a","key":"b"}` could mean different things to two honest verifiers.
 * Values JCS cannot express (lone-surrogate escapes such as "\ud800", numbers that overflow to
 * Infinity) parse here and are rejected by canonicalize(), which every signature check runs.
 */
export function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    // JSON.parse throws nothing but SyntaxError.
    throw new IsnadError("INVALID_JSON", `not valid JSON: ${(cause as SyntaxError).message}`, { cause });
  }
  checkUniqueKeys(text);
  return value;
}

/**
 * Scans text that JSON.parse has accepted for an object with a repeated member name. Valid JSON
 * makes this a token walk: a string is a member name exactly when it follows `{` or a `,` inside
 * an object, and only `"`, `\`, brackets and commas need attention.
 */
function checkUniqueKeys(text: string): void {
  const scopes: (Set<string> | null)[] = []; // a Set of names per open object, null per array
  let expectName = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (expectName) {
        const names = scopes[scopes.length - 1]!;
        const name = JSON.parse(text.slice(i, end + 1)) as string;
        if (names.has(name)) {
          throw new IsnadError(
            "INVALID_JSON",
            `duplicate member name ${JSON.stringify(name)} at offset ${i}`,
          );
        }
        names.add(name);
        expectName = false;
      }
      i = end;
    } else if (c === "{" || c === "[") {
      scopes.push(c === "{" ? new Set() : null);
      expectName = c === "{";
    } else if (c === "}" || c === "]") {
      scopes.pop();
    } else if (c === ",") {
      expectName = scopes[scopes.length - 1] !== null;
    }
  }
}
