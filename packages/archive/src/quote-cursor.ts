/**
 * The cursor of a paged quote answer: the offset of the next result, bound to the quote it was
 * given for (the first 8 hex digits of its SHA-256), base64url. Opaque to clients; a cursor that
 * does not parse, or belongs to another quote, is a BAD_REQUEST naming the field.
 */
import { formatHex, sha256, utf8 } from "@isnad/core";
import { ArchiveError } from "./errors";

const tag = (quote: string) => formatHex(sha256(utf8(quote))).slice(0, 8);

export function encodeQuoteCursor(offset: number, quote: string): string {
  return Buffer.from(`${offset}.${tag(quote)}`).toString("base64url");
}

export function decodeQuoteCursor(cursor: string, quote: string): number {
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString() : "";
  const match = /^(\d{1,6})\.([0-9a-f]{8})$/.exec(text);
  if (!match || match[2] !== tag(quote)) {
    throw new ArchiveError("BAD_REQUEST", "cursor: not a cursor of this quote's answer", {
      details: { field: "cursor" },
    });
  }
  return Number(match[1]);
}
