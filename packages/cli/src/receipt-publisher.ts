/**
 * The "publisher" step of `isnad receipt verify` (issue #17), offline: the pure check
 * (publisher-check.ts) with its material read from files — the original's bytes when the record's
 * signature is a COSE_Sign1 Signed Statement (the original itself), and the domain's keys from
 * `--publisher-keys FILE` (the JSON of GET /v1/publishers/{id}/keys) or the keys file's
 * `publisherKeys` (`isnad keys fetch --publisher ID`).
 */
import { needsOriginal } from "@isnad/cose";
import { UsageError } from "./command";
import { readLocalFile } from "./local-file";
import {
  checkRecordPublisher,
  publisherKeysOf,
  receiptRecord,
  type PublisherCheck,
  type PublisherKeyJson,
} from "./publisher-check";

export type { PublisherCheck, PublisherKeyJson } from "./publisher-check";

export async function checkPublisherSignatureOffline(
  receiptText: string,
  publisherKeys: readonly PublisherKeyJson[] | null,
  originalPath?: string,
): Promise<PublisherCheck | undefined> {
  const record = receiptRecord(receiptText);
  if (!record) return undefined;
  const original = needsOriginal(record) && originalPath ? await readLocalFile(originalPath) : undefined;
  return checkRecordPublisher(record, original, publisherKeys);
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
    return keysOrUsage(await readJson(publisherKeysPath, "--publisher-keys"), publisherKeysPath);
  if (!keysPath) return null;
  const saved = (await readJson(keysPath, "--keys")) as { publisherKeys?: unknown } | null;
  return saved?.publisherKeys ? keysOrUsage(saved.publisherKeys, keysPath) : null;
}

async function readJson(path: string, option: string): Promise<unknown> {
  try {
    return JSON.parse(new TextDecoder().decode(await readLocalFile(path)));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${option} ${path}: not JSON (save GET /v1/publishers/{id}/keys)`);
  }
}

function keysOrUsage(doc: unknown, path: string): PublisherKeyJson[] {
  const keys = publisherKeysOf(doc);
  if (!keys) {
    throw new UsageError(
      `--publisher-keys ${path}: expected {keys: [{keyId, publicKey, domain, introducedAt, …}]}`,
    );
  }
  return keys;
}
