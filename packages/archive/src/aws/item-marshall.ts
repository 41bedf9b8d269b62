/**
 * A strict converter between items (plain objects of ItemValue, ports.ts) and DynamoDB's
 * AttributeValue maps, written here because @aws-sdk/util-dynamodb is not a dependency.
 *
 * Strict in both directions, so that what is read back is exactly what was written:
 * - numbers: finite; integers must be safe (beyond 2^53 JavaScript rounds them); non-zero
 *   magnitudes at least 1e-130 (DynamoDB's smallest, "Data types" in the Developer Guide);
 * - `undefined`, class instances (Date, Map, Set …), symbols, bigint and functions are refused,
 *   not silently dropped or stringified; nesting is limited to DynamoDB's 32 levels;
 * - sets (SS, NS, BS) are never written, and reading one is an INTEGRITY error, as is a stored
 *   number that a JavaScript number cannot hold exactly.
 * Values that cannot be written throw BAD_REQUEST naming the attribute path.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { ArchiveError } from "../errors";
import type { ItemValue } from "../ports";

const MAX_DEPTH = 32;
const MIN_MAGNITUDE = 1e-130;

export function marshall(item: { readonly [name: string]: ItemValue }): Record<string, AttributeValue> {
  return marshallMap(item, "", 0);
}

export function unmarshall(attributes: Record<string, AttributeValue>): Record<string, ItemValue> {
  const out: Record<string, ItemValue> = {};
  for (const [name, value] of Object.entries(attributes)) setOwn(out, name, unmarshallValue(value, name));
  return out;
}

export function marshallValue(value: unknown, path: string, depth = 0): AttributeValue {
  if (depth > MAX_DEPTH) throw invalid(path, `nests deeper than ${MAX_DEPTH} levels`);
  switch (typeof value) {
    case "string":
      return { S: value };
    case "boolean":
      return { BOOL: value };
    case "number":
      return { N: formatNumber(value, path) };
    case "object":
      if (value === null) return { NULL: true };
      if (value instanceof Uint8Array) return { B: value };
      if (Array.isArray(value)) {
        const list: AttributeValue[] = [];
        // An index loop, not map(): map skips the holes of sparse arrays.
        for (let i = 0; i < value.length; i++) list.push(marshallValue(value[i], `${path}[${i}]`, depth + 1));
        return { L: list };
      }
      if (isPlainObject(value)) return { M: marshallMap(value, path, depth + 1) };
      throw invalid(path, `is a ${value.constructor?.name ?? "non-plain object"}, not a plain object`);
    default:
      throw invalid(path, `is ${typeof value}; omit undefined attributes instead`);
  }
}

export function unmarshallValue(value: AttributeValue, path: string): ItemValue {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return parseNumber(value.N, path);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL === true) return null;
  // Copy into a plain Uint8Array: the SDK may hand out a Buffer or a view on a larger buffer.
  if (value.B !== undefined) return new Uint8Array(value.B);
  if (value.L !== undefined) return value.L.map((element, i) => unmarshallValue(element, `${path}[${i}]`));
  if (value.M !== undefined) {
    const out: Record<string, ItemValue> = {};
    for (const [name, element] of Object.entries(value.M)) {
      setOwn(out, name, unmarshallValue(element, `${path}.${name}`));
    }
    return out;
  }
  const type = Object.keys(value).find((k) => k !== "$unknown") ?? "unknown";
  throw new ArchiveError("INTEGRITY", `stored attribute ${path} has type ${type}, which items never use`);
}

function marshallMap(value: object, path: string, depth: number): Record<string, AttributeValue> {
  if (Object.getOwnPropertySymbols(value).length > 0) throw invalid(path || "the item", "has symbol keys");
  const out: Record<string, AttributeValue> = {};
  for (const [name, element] of Object.entries(value)) {
    const elementPath = path === "" ? name : `${path}.${name}`;
    if (name === "") throw invalid(path || "the item", "has an empty attribute name");
    setOwn(out, name, marshallValue(element, elementPath, depth));
  }
  return out;
}

/**
 * `out[name] = value`, except that a "__proto__" attribute (legal in DynamoDB and in JSON) becomes
 * an own property instead of replacing the object's prototype and vanishing.
 */
function setOwn<T>(out: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function formatNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) throw invalid(path, `is ${value}; DynamoDB numbers are finite`);
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw invalid(path, `is ${value}, an integer beyond 2^53 that would not read back exactly`);
  }
  if (value !== 0 && Math.abs(value) < MIN_MAGNITUDE)
    throw invalid(path, `is ${value}, below DynamoDB's 1e-130`);
  // String() gives the shortest text that parses back to the same double (and "0" for -0).
  return String(value);
}

function parseNumber(text: string, path: string): number {
  const value = Number(text);
  if (
    text.trim() === "" ||
    !Number.isFinite(value) ||
    (Number.isInteger(value) && !Number.isSafeInteger(value))
  ) {
    throw new ArchiveError(
      "INTEGRITY",
      `stored number ${path} = ${text} does not fit a JavaScript number exactly`,
    );
  }
  return value;
}

function invalid(path: string, problem: string): ArchiveError {
  return new ArchiveError("BAD_REQUEST", `item attribute ${path} ${problem}`);
}
