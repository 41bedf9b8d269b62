/**
 * The keys offline verification trusts, read from the command line: the log's note verifier key
 * (--log-key, as a string or a file holding it), the record-signing keys (--record-key: base64 or
 * a file), or both at once from a keys file saved by `isnad keys fetch` (--keys), with the log's
 * witness policy when the file carries one (`policy`, C2SP tlog-policy text). Nothing here
 * touches the network: the point is that the user fetched these once, earlier, from a source they
 * trust, and compares them as they like.
 */
import {
  formatKeyId,
  parseBase64,
  parseVerifierKey,
  parseWitnessPolicy,
  type WitnessPolicy,
} from "@isnad/core";
import { UsageError, stringOption, type CommandContext } from "./command";
import { readLocalFile } from "./local-file";
import type { OfflineTrust } from "./receipt-checks";

/** The shape of `isnad keys fetch` output; /v1/keys and /v1/log responses also fit. */
interface KeysDocument {
  keys?: { publicKey?: unknown }[];
  log?: { origin?: unknown; verifierKey?: unknown };
  origin?: unknown;
  verifierKey?: unknown;
  /** The log's witness policy (GET /v1/policy), saved by `isnad keys fetch`. */
  policy?: unknown;
}

export async function loadTrust(ctx: CommandContext): Promise<OfflineTrust> {
  const keysPath = stringOption(ctx, "keys");
  const doc = keysPath ? await readKeysDocument(keysPath, "--keys") : undefined;

  let logKey = doc ? logKeyOf(doc) : undefined;
  const logOption = stringOption(ctx, "log-key");
  if (logOption) logKey = isVerifierKey(logOption) ? logOption : await logKeyFromFile(logOption);
  if (!logKey) {
    throw new UsageError(
      "the log's verifier key is needed: --log-key KEY (the verifierKey of GET /v1/log) or --keys FILE (from `isnad keys fetch`)",
    );
  }

  let recordKeys: Map<string, Uint8Array> | null = doc?.keys ? keyMap(doc.keys, keysPath!) : null;
  const recordOption = stringOption(ctx, "record-key");
  if (recordOption) {
    const single = parseKey(recordOption);
    recordKeys = single ? new Map([[formatKeyId(single), single]]) : await recordKeysFromFile(recordOption);
  }
  const origin = stringOption(ctx, "origin") ?? (doc ? originOf(doc) : undefined);
  const policy = doc?.policy === undefined ? undefined : policyOf(doc.policy, keysPath!);
  return { logVerifierKey: logKey, recordKeys, ...(origin ? { origin } : {}), ...(policy ? { policy } : {}) };
}

/** The keys file's witness policy: its quorum is enforced unless --policy gives another. */
function policyOf(value: unknown, path: string): WitnessPolicy {
  try {
    if (typeof value !== "string") throw new Error("not C2SP tlog-policy text");
    return parseWitnessPolicy(value);
  } catch (e) {
    throw new UsageError(`--keys ${path}: its policy: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function isVerifierKey(text: string): boolean {
  try {
    parseVerifierKey(text);
    return true;
  } catch {
    return false;
  }
}

function parseKey(text: string): Uint8Array | undefined {
  try {
    return parseBase64(text.trim(), 32);
  } catch {
    return undefined;
  }
}

async function readText(path: string): Promise<string> {
  return new TextDecoder().decode(await readLocalFile(path));
}

async function readKeysDocument(path: string, option: string): Promise<KeysDocument> {
  try {
    const value: unknown = JSON.parse(await readText(path));
    if (value && typeof value === "object" && !Array.isArray(value)) return value as KeysDocument;
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
  }
  throw new UsageError(`${option} ${path}: not a keys file (save one with \`isnad keys fetch --out FILE\`)`);
}

function logKeyOf(doc: KeysDocument): string | undefined {
  const key = doc.log?.verifierKey ?? doc.verifierKey;
  return typeof key === "string" ? key : undefined;
}

function originOf(doc: KeysDocument): string | undefined {
  const origin = doc.log?.origin ?? doc.origin;
  return typeof origin === "string" ? origin : undefined;
}

async function logKeyFromFile(path: string): Promise<string> {
  const text = (await readText(path)).trim();
  const key = text.startsWith("{") ? logKeyOf(await readKeysDocument(path, "--log-key")) : text;
  if (!key || !isVerifierKey(key)) {
    throw new UsageError(`--log-key: neither a note verifier key (<name>+<id>+<key>) nor a file holding one`);
  }
  return key;
}

async function recordKeysFromFile(path: string): Promise<Map<string, Uint8Array>> {
  const text = (await readText(path)).trim();
  if (!text.startsWith("{")) {
    const key = parseKey(text);
    if (!key)
      throw new UsageError("--record-key: neither a base64 Ed25519 public key nor a file holding one");
    return new Map([[formatKeyId(key), key]]);
  }
  const doc = await readKeysDocument(path, "--record-key");
  if (!doc.keys) throw new UsageError(`--record-key ${path}: the file has no "keys"`);
  return keyMap(doc.keys, path);
}

/** Key ids are recomputed from the keys: a file's ids are not trusted to match its keys. */
function keyMap(keys: readonly { publicKey?: unknown }[], path: string): Map<string, Uint8Array> {
  const map = new Map<string, Uint8Array>();
  for (const k of keys) {
    const key = typeof k.publicKey === "string" ? parseKey(k.publicKey) : undefined;
    if (!key) throw new UsageError(`${path}: a key's publicKey is not a base64 Ed25519 public key`);
    map.set(formatKeyId(key), key);
  }
  return map;
}
