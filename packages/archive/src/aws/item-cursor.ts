/**
 * Opaque pagination cursors: base64url (RFC 4648 §5, unpadded) of the JSON of DynamoDB's
 * LastEvaluatedKey, with its string attributes unwrapped ({"pk":"…","sk":"…"}).
 *
 * Cursors come back from clients, so parsing is strict and every failure is BAD_REQUEST, never a
 * SyntaxError or a DynamoDB ValidationException: canonical base64url only, valid UTF-8, a JSON
 * object with exactly the key attributes of the queried table or index, all non-empty strings.
 * The item store then checks that the cursor belongs to the partition (and prefix) it queries.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { ArchiveError } from "../errors";

/** Generous: two index keys of DynamoDB's maximum sizes (2048 + 1024 bytes each), encoded. */
const MAX_CURSOR_LENGTH = 16_384;

export function formatCursor(lastEvaluatedKey: Record<string, AttributeValue>): string {
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(lastEvaluatedKey)) {
    if (value.S === undefined) {
      throw new ArchiveError("INTEGRITY", `LastEvaluatedKey attribute ${name} is not a string`);
    }
    plain[name] = value.S;
  }
  return Buffer.from(JSON.stringify(plain), "utf8").toString("base64url");
}

export function parseCursor(cursor: string, keyNames: readonly string[]): Record<string, AttributeValue> {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw bad("is not base64url");
  }
  const bytes = Buffer.from(cursor, "base64url");
  // Node's decoder tolerates stray trailing bits; re-encoding exposes them (one value, one text).
  if (bytes.toString("base64url") !== cursor) throw bad("is not canonical base64url");
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw bad("does not decode to JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw bad("is not a key");
  const entries = Object.entries(parsed);
  if (entries.length !== keyNames.length) throw bad("does not hold the expected key attributes");
  const key: Record<string, AttributeValue> = {};
  for (const name of keyNames) {
    const value: unknown = (parsed as Record<string, unknown>)[name];
    if (typeof value !== "string" || value === "") throw bad(`has no valid ${name}`);
    key[name] = { S: value };
  }
  return key;
}

function bad(problem: string): ArchiveError {
  return new ArchiveError("BAD_REQUEST", `the cursor ${problem}`);
}
