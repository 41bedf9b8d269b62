/**
 * C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature), the `cosignature/v1` Ed25519
 * signature type 0x04 that witnesses (c2sp.org/tlog-witness) add to a log's checkpoint.
 *
 * A cosignature line is an ordinary signed-note line, `— <name> base64(key id ‖ signature)`, whose
 * signature is `u64be timestamp ‖ Ed25519(<signed message>)` with the message
 * `cosignature/v1\ntime <timestamp>\n<checkpoint body>`. The key id is
 * SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)[:4]. Witness keys travel as vkeys,
 * `<name>+<hex key id>+base64(0x04 ‖ public key)`.
 */
import { IsnadError } from "./errors";
import { concatBytes, formatBase64, parseBase64, utf8 } from "./bytes";
import { ed25519KeyPair, signEd25519, verifyEd25519 } from "./ed25519";
import { isValidNoteName, type NoteSignature } from "./note";
import { sha256 } from "./sha256";

/** Signature type identifier of cosignature/v1 (tlog-cosignature "Format"). */
export const ALG_COSIGNATURE_V1 = 0x04;

export interface CosignerVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: Uint8Array;
}

export interface CosignerSigner extends CosignerVerifier {
  readonly seed: Uint8Array;
}

function readUint32(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
}

function checkName(name: string): void {
  if (!isValidNoteName(name)) {
    throw new IsnadError(
      "INVALID_KEY",
      `invalid witness name ${JSON.stringify(name)}: empty, or has a space or "+"`,
    );
  }
}

/** Key ID = SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key)[:4], big-endian. */
export function cosignatureKeyId(name: string, publicKey: Uint8Array): number {
  return readUint32(sha256(utf8(`${name}\n`), Uint8Array.of(ALG_COSIGNATURE_V1), publicKey));
}

/** A cosigner from a name and an Ed25519 seed. */
export function createCosigner(name: string, seed: Uint8Array): CosignerSigner {
  checkName(name);
  const { publicKey } = ed25519KeyPair(seed);
  return { name, keyId: cosignatureKeyId(name, publicKey), publicKey, seed };
}

export function formatCosignerVerifierKey(verifier: CosignerVerifier): string {
  checkName(verifier.name);
  const hex = cosignatureKeyId(verifier.name, verifier.publicKey).toString(16).padStart(8, "0");
  return `${verifier.name}+${hex}+${formatBase64(concatBytes(Uint8Array.of(ALG_COSIGNATURE_V1), verifier.publicKey))}`;
}

/** Parses a cosignature/v1 vkey; its key id must match its name and key. Throws INVALID_KEY. */
export function parseCosignerVerifierKey(text: string): CosignerVerifier {
  const match = /^([^+]*)\+([0-9a-fA-F]{8})\+(.*)$/s.exec(text);
  if (match === null) throw new IsnadError("INVALID_KEY", "not a witness verifier key");
  const [, name, hex, base64] = match as unknown as [string, string, string, string];
  checkName(name);
  let key: Uint8Array;
  try {
    key = parseBase64(base64, 33);
  } catch (cause) {
    throw new IsnadError("INVALID_KEY", "witness verifier key: key data is not base64 of 33 bytes", {
      cause,
    });
  }
  if (key[0] !== ALG_COSIGNATURE_V1) {
    throw new IsnadError("INVALID_KEY", "witness verifier key: not a cosignature/v1 (0x04) key");
  }
  const publicKey = key.subarray(1);
  const keyId = parseInt(hex, 16);
  if (keyId !== cosignatureKeyId(name, publicKey)) {
    throw new IsnadError("INVALID_KEY", "witness verifier key: key id does not match name and key");
  }
  return { name, keyId, publicKey };
}

/** The message a cosignature signs (tlog-cosignature "Signed message"). */
export function cosignedMessage(checkpointBody: string, timestamp: number): Uint8Array {
  return utf8(`cosignature/v1\ntime ${timestamp}\n${checkpointBody}`);
}

function checkTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new IsnadError(
      "INVALID_ARGUMENT",
      `cosignature timestamp ${timestamp} is not an integer in [0, 2^53)`,
    );
  }
}

/** The signature line (without its final newline) by which `signer` cosigns the checkpoint body at `timestamp` (seconds). */
export function cosignCheckpoint(checkpointBody: string, signer: CosignerSigner, timestamp: number): string {
  checkTimestamp(timestamp);
  const header = new Uint8Array(12);
  const view = new DataView(header.buffer);
  view.setUint32(0, signer.keyId);
  view.setBigUint64(4, BigInt(timestamp));
  const signature = signEd25519(signer.seed, cosignedMessage(checkpointBody, timestamp));
  return `\u2014 ${signer.name} ${formatBase64(concatBytes(header, signature))}`;
}

/**
 * Checks one note signature as a cosignature/v1 by `verifier` over `checkpointBody`. Returns the
 * timestamp (seconds) when it verifies, undefined when the signature is by another key or of
 * another type (not an error: a note may carry signatures of types a reader does not know), and
 * throws SIGNATURE_INVALID when a signature under this key id fails.
 */
export function verifyCosignature(
  checkpointBody: string,
  signature: NoteSignature,
  verifier: CosignerVerifier,
): number | undefined {
  if (signature.name !== verifier.name || signature.keyId !== verifier.keyId) return undefined;
  const bytes = parseBase64(signature.base64);
  // key id (4) ‖ timestamp (8) ‖ Ed25519 (64); any other length is not a cosignature/v1.
  if (bytes.length !== 76) {
    throw new IsnadError("SIGNATURE_INVALID", `cosignature by ${verifier.name} is not 76 bytes`);
  }
  const timestamp = new DataView(bytes.buffer, bytes.byteOffset + 4, 8).getBigUint64(0);
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new IsnadError(
      "SIGNATURE_INVALID",
      `cosignature by ${verifier.name} has an out-of-range timestamp`,
    );
  }
  const seconds = Number(timestamp);
  if (!verifyEd25519(verifier.publicKey, cosignedMessage(checkpointBody, seconds), bytes.subarray(12))) {
    throw new IsnadError("SIGNATURE_INVALID", `invalid cosignature by ${verifier.name}`);
  }
  return seconds;
}

/**
 * Adds signature lines (each `— name base64`, no newline) to a signed note, skipping any line
 * the note already has: the result is still a signed note, with the log's signature first.
 */
export function appendNoteSignatures(note: string, lines: readonly string[]): string {
  if (!note.endsWith("\n")) throw new IsnadError("INVALID_NOTE", "a signed note ends with a newline");
  const present = new Set(note.slice(note.lastIndexOf("\n\n") + 2).split("\n"));
  let out = note;
  for (const line of lines) {
    if (!line.startsWith("\u2014 ") || line.includes("\n")) {
      throw new IsnadError("INVALID_NOTE", "a signature line starts with an em dash and is one line");
    }
    if (present.has(line)) continue;
    present.add(line);
    out += `${line}\n`;
  }
  return out;
}
