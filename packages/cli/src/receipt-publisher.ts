/**
 * The "publisher" step of `isnad receipt verify` (issue #17): the publisher's own signature in the
 * record, checked with no trust in isnad. The message is rebuilt from the record (cose
 * statementSignatureMessage), the signature checked under the key the record names, and — with
 * `--publisher-keys FILE`, the JSON of GET /v1/publishers/{id}/keys fetched beforehand — that key
 * must be one the domain declared, trusted when isnad received the statement (not revoked, not
 * yet rotated away: archive publisher-keys.ts keyTrustedAt). Offline, like every other step.
 */
import { formatBase64, parseBase64, parseJson, parseReceipt, parseReceiptTlogProof } from "@isnad/core";
import {
  parseStatementSignature,
  statementSignatureMessage,
  verifyStatementSignature,
  SIGNED_FIELDS,
} from "@isnad/cose";
import { UsageError } from "./command";
import { readLocalFile } from "./local-file";
import type { Check } from "./receipt-checks";

export interface PublisherCheck extends Omit<Check, "step"> {
  step: "publisher";
}

/** One key as GET /v1/publishers/{id}/keys lists it. */
export interface PublisherKeyJson {
  keyId: string;
  /** "ed25519:<base64>" */
  publicKey: string;
  domain: string;
  introducedAt: string;
  retiredAt: string | null;
  retiredBy: "rotated" | "revoked" | null;
}

const check = (status: PublisherCheck["status"], message: string): PublisherCheck => ({
  step: "publisher",
  status,
  message,
});
const text = (v: unknown) => (typeof v === "string" ? v : "");

/** The record in the receipt's entry, or undefined (the other steps say why). */
function recordOf(receiptText: string): Record<string, unknown> | undefined {
  try {
    const receipt = receiptText.trimStart().startsWith("{")
      ? parseReceipt(receiptText)
      : parseReceiptTlogProof(receiptText);
    const record = parseJson(new TextDecoder().decode(receipt.entry));
    return typeof record === "object" && record !== null ? (record as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function checkPublisherSignatureOffline(
  receiptText: string,
  publisherKeys: readonly PublisherKeyJson[] | null,
): Promise<PublisherCheck | undefined> {
  const record = recordOf(receiptText);
  if (!record || typeof record.original !== "object" || record.original === null) return undefined;
  const signed = record.publisherSignature as Record<string, unknown> | undefined;
  if (signed === undefined) {
    return check(
      "skipped",
      "the publisher did not sign this statement: only isnad vouches for who uploaded it",
    );
  }
  const domain = text(signed.domain);
  const keyId = text(signed.keyId);
  let publicKey: Uint8Array;
  try {
    publicKey = parseBase64(text(signed.publicKey), 32);
    const message = statementSignatureMessage({
      sha256: text((record.original as Record<string, unknown>).sha256),
      publisher: text(record.publisher),
      domain,
      fields: Object.fromEntries(SIGNED_FIELDS.map((f) => [f, record[f] as string | null])),
    });
    await verifyStatementSignature(parseStatementSignature(text(signed.signature)), message, [publicKey]);
  } catch (e) {
    return check(
      "fail",
      `the publisher signature does not verify: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const by = `signed by ${domain} (key ${keyId}, ${text(signed.format)})`;
  if (publisherKeys === null) {
    return check(
      "skipped",
      `${by}: the signature holds under the key the record names; whether ${domain} declared that key ` +
        "is not checked (give --publisher-keys FILE, from GET /v1/publishers/{id}/keys)",
    );
  }
  const key = publisherKeys.find((k) => k.keyId === keyId);
  if (!key) return check("fail", `${by}, but the publisher keys given do not list ${keyId}`);
  if (key.publicKey !== `ed25519:${formatBase64(publicKey)}`) {
    return check("fail", `${by}, but the publisher keys give another public key for ${keyId}`);
  }
  if (key.domain !== domain) return check("fail", `${by}, but ${keyId} was declared by ${key.domain}`);
  const at = text(record.receivedAt);
  if (key.retiredBy === "revoked")
    return check("fail", `${by}, but ${domain} revoked that key (${key.retiredAt})`);
  if (at < key.introducedAt || (key.retiredAt !== null && at >= key.retiredAt)) {
    return check("fail", `${by}, but that key was not ${domain}'s when isnad received the statement (${at})`);
  }
  return check("pass", `${by}, a key ${domain} declared, trusted since ${key.introducedAt}`);
}

/**
 * The publisher keys receipt verify trusts: `--publisher-keys FILE` (the JSON of GET
 * /v1/publishers/{id}/keys, or its `keys` array), else the `publisherKeys` that
 * `isnad keys fetch --publisher ID` saved in the `--keys` file; null when neither has any.
 */
export async function loadPublisherKeys(
  publisherKeysPath: string | undefined,
  keysPath: string | undefined,
): Promise<PublisherKeyJson[] | null> {
  if (publisherKeysPath)
    return publisherKeysOf(await readJson(publisherKeysPath, "--publisher-keys"), publisherKeysPath);
  if (!keysPath) return null;
  const saved = (await readJson(keysPath, "--keys")) as { publisherKeys?: unknown } | null;
  return saved?.publisherKeys ? publisherKeysOf(saved.publisherKeys, keysPath) : null;
}

async function readJson(path: string, option: string): Promise<unknown> {
  try {
    return JSON.parse(new TextDecoder().decode(await readLocalFile(path)));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${option} ${path}: not JSON (save GET /v1/publishers/{id}/keys)`);
  }
}

function publisherKeysOf(doc: unknown, path: string): PublisherKeyJson[] {
  const keys = Array.isArray(doc) ? doc : (doc as { keys?: unknown } | null)?.keys;
  const valid = (k: unknown): k is PublisherKeyJson =>
    typeof k === "object" &&
    k !== null &&
    ["keyId", "publicKey", "domain", "introducedAt"].every(
      (name) => typeof (k as Record<string, unknown>)[name] === "string",
    );
  if (!Array.isArray(keys) || !keys.every(valid)) {
    throw new UsageError(
      `--publisher-keys ${path}: expected {keys: [{keyId, publicKey, domain, introducedAt, …}]}`,
    );
  }
  return keys.map((k) => ({ ...k, retiredAt: k.retiredAt ?? null, retiredBy: k.retiredBy ?? null }));
}
