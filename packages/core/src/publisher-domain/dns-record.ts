/**
 * The optional DNS TXT record `_isnad.<domain>` (issue #17): a second channel, controlled by
 * whoever runs the domain's DNS rather than its web server, that confirms which keys the
 * well-known file may introduce. Tag-value syntax after DKIM (RFC 6376 §3.2):
 *
 *   _isnad.press.example. TXT "v=isnad1; k=ed25519:0123456789abcdef; k=ed25519:…"
 *
 * `v=isnad1` comes first (records without it are someone else's and are ignored); each `k` names
 * a key by its id (formatPublisherKeyId). Several records are read as one list. Unknown tags are
 * ignored, so a later version can add some.
 */
import { IsnadError } from "../errors";

export const ISNAD_TXT_PREFIX = "_isnad";

const KEY_ID = /^ed25519:[0-9a-f]{16}$/;

/**
 * The key ids of one TXT record (its character-strings already joined, RFC 7208 §3.3), or
 * undefined when the record is not an isnad record. A malformed isnad record throws.
 */
export function parseIsnadTxtRecord(text: string): string[] | undefined {
  const tags = text
    .split(";")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  if (tags[0]?.replace(/\s+/g, "") !== "v=isnad1") return undefined;
  const keyIds: string[] = [];
  for (const tag of tags.slice(1)) {
    const eq = tag.indexOf("=");
    if (eq < 1)
      throw new IsnadError(
        "INVALID_ENCODING",
        `the TXT record has a tag without a value: ${tag.slice(0, 40)}`,
      );
    const name = tag.slice(0, eq).trim();
    const value = tag.slice(eq + 1).trim();
    if (name !== "k") continue;
    if (!KEY_ID.test(value)) {
      throw new IsnadError(
        "INVALID_KEY",
        `k=${value.slice(0, 40)} is not a key id (ed25519:<16 hex digits>)`,
      );
    }
    keyIds.push(value);
  }
  return keyIds;
}

/** The key ids every isnad record among `records` names, or undefined when there is none. */
export function isnadTxtKeyIds(records: readonly string[]): string[] | undefined {
  let found: string[] | undefined;
  for (const record of records) {
    const ids = parseIsnadTxtRecord(record);
    if (ids) found = [...(found ?? []), ...ids];
  }
  return found;
}

export function formatIsnadTxtRecord(keyIds: readonly string[]): string {
  return ["v=isnad1", ...keyIds.map((id) => `k=${id}`)].join("; ");
}
