/**
 * The file a publisher serves at https://<domain>/.well-known/isnad-publisher (issue #17) to
 * declare the Ed25519 keys that sign in its name. The path is a well-known URI (RFC 8615); the
 * body is a small JSON object, UTF-8, at most 16 KiB:
 *
 *   {
 *     "type": "isnad-publisher/v1",
 *     "domain": "press.example",
 *     "publisher": "press",                          // optional: the isnad publisher id
 *     "keys": ["ed25519:<base64 of the 32-byte key>", …]   // 1–16 keys; several while rotating
 *   }
 *
 * Unknown members are ignored (a later version may add some); a key listed twice is refused, as
 * is anything else that is not exactly this shape, with an IsnadError naming what is wrong.
 */
import { formatBase64, formatHex, parseBase64, parseUtf8 } from "../bytes";
import { parseJson } from "../canonical-json";
import { IsnadError } from "../errors";
import { sha256 } from "../sha256";

export const PUBLISHER_FILE_PATH = "/.well-known/isnad-publisher";
export const PUBLISHER_FILE_TYPE = "isnad-publisher/v1";
export const PUBLISHER_FILE_MAX_BYTES = 16 * 1024;
export const PUBLISHER_FILE_MAX_KEYS = 16;

export interface PublisherDomainFile {
  domain: string;
  publisher?: string;
  /** Raw 32-byte Ed25519 public keys, in the file's order. */
  keys: Uint8Array[];
}

/** `ed25519:` + base64 of the raw key: how the file (and isnad's API) writes a publisher key. */
export function formatPublisherKey(publicKey: Uint8Array): string {
  return `ed25519:${formatBase64(publicKey)}`;
}

export function parsePublisherKey(text: string): Uint8Array {
  if (!text.startsWith("ed25519:")) {
    throw new IsnadError(
      "INVALID_KEY",
      `a publisher key reads ed25519:<base64 of 32 bytes>, not ${clip(text)}`,
    );
  }
  try {
    return parseBase64(text.slice("ed25519:".length), 32);
  } catch (cause) {
    throw new IsnadError("INVALID_KEY", `${clip(text)} is not ed25519:<base64 of 32 bytes>`, { cause });
  }
}

/** `ed25519:` + the first 16 hex digits of SHA-256(key): a key's short, stable id (DNS, URLs). */
export function formatPublisherKeyId(publicKey: Uint8Array): string {
  return `ed25519:${formatHex(sha256(publicKey)).slice(0, 16)}`;
}

export function parsePublisherDomainFile(bytes: Uint8Array): PublisherDomainFile {
  if (bytes.length > PUBLISHER_FILE_MAX_BYTES) {
    throw new IsnadError(
      "INVALID_JSON",
      `the file is ${bytes.length} bytes; at most ${PUBLISHER_FILE_MAX_BYTES}`,
    );
  }
  let value: unknown;
  try {
    value = parseJson(parseUtf8(bytes));
  } catch (cause) {
    throw new IsnadError("INVALID_JSON", "the file is not UTF-8 JSON", { cause });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new IsnadError("INVALID_JSON", "the file is not a JSON object");
  }
  const { type, domain, publisher, keys } = value as Record<string, unknown>;
  if (type !== PUBLISHER_FILE_TYPE) {
    throw new IsnadError("INVALID_JSON", `"type" must be "${PUBLISHER_FILE_TYPE}"`);
  }
  if (typeof domain !== "string" || !isDomainName(domain)) {
    throw new IsnadError("INVALID_JSON", `"domain" must be a lower-case domain name such as "press.example"`);
  }
  if (publisher !== undefined && (typeof publisher !== "string" || !/^[a-z0-9-]{1,64}$/.test(publisher))) {
    throw new IsnadError("INVALID_JSON", `"publisher", when present, must be an isnad publisher id`);
  }
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > PUBLISHER_FILE_MAX_KEYS) {
    throw new IsnadError("INVALID_JSON", `"keys" must list 1–${PUBLISHER_FILE_MAX_KEYS} keys`);
  }
  const parsed = keys.map((k) => {
    if (typeof k !== "string")
      throw new IsnadError("INVALID_KEY", `"keys" holds something that is not a string`);
    return parsePublisherKey(k);
  });
  if (new Set(parsed.map(formatPublisherKey)).size !== parsed.length) {
    throw new IsnadError("INVALID_KEY", `"keys" lists a key twice`);
  }
  return { domain, ...(publisher !== undefined ? { publisher } : {}), keys: parsed };
}

/** The file to publish, as pretty JSON with a final newline. */
export function formatPublisherDomainFile(file: PublisherDomainFile): string {
  const body = {
    type: PUBLISHER_FILE_TYPE,
    domain: file.domain,
    ...(file.publisher !== undefined ? { publisher: file.publisher } : {}),
    keys: file.keys.map(formatPublisherKey),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** A lower-case DNS name of at least two labels, without a trailing dot (RFC 1035 §2.3.1 LDH). */
export function isDomainName(text: string): boolean {
  return (
    text.length <= 253 &&
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(text)
  );
}

function clip(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
