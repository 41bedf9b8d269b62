/**
 * C2SP signed notes (https://c2sp.org/signed-note), Ed25519 only, byte-compatible with Go's
 * golang.org/x/mod/sumdb/note: the envelope of the log's checkpoints. Keys travel as Go's
 * strings, `<name>+<hex key id>+<base64(0x01 ‖ public key)>` for verifiers and
 * `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 ‖ seed)>` for signers.
 */
import { IsnadError } from "./errors";
import { concatBytes, equalBytes, formatBase64, parseBase64, parseUtf8, utf8 } from "./bytes";
import { ed25519KeyPair, generateEd25519Seed, signEd25519, verifyEd25519 } from "./ed25519";
import { sha256 } from "./sha256";

export interface NoteVerifier {
  readonly name: string;
  /** The key id, a uint32 (signed-note "Signatures"). */
  readonly keyId: number;
  readonly publicKey: Uint8Array;
}

export interface NoteSigner extends NoteVerifier {
  readonly seed: Uint8Array;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature exactly as on its line: base64(4-byte key id ‖ signature). */
  readonly base64: string;
}

export interface ParsedNote {
  /** The signed text, including its final newline (signed-note "Format"). */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface OpenedNote {
  readonly text: string;
  /** Signatures by the given verifiers, each checked; one entry per key. */
  readonly signatures: readonly NoteSignature[];
  /** Signatures by keys the caller did not pass (witnesses, rotated keys), not checked. */
  readonly unverified: readonly NoteSignature[];
}

/** Signature type identifier of Ed25519 (signed-note "Signature types"). */
const ALG_ED25519 = 0x01;
/** Go's cap; the spec asks verifiers for some limit of at least 16. */
export const MAX_NOTE_SIGNATURES = 100;
const SIGNATURE_PREFIX = "\u2014 "; // em dash, space

/** Key names are non-empty and contain neither Unicode spaces nor "+" (signed-note "Format"). */
export function isValidNoteName(name: string): boolean {
  return name !== "" && !/[\p{White_Space}+\p{Cs}]/u.test(name);
}

/** Key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], big-endian (signed-note "Ed25519"). */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  return readUint32(sha256(utf8(`${name}\n`), Uint8Array.of(ALG_ED25519), publicKey));
}

function readUint32(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
}

function formatKeyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, "0");
}

function checkName(name: string, code: "INVALID_KEY" | "INVALID_NOTE"): void {
  if (!isValidNoteName(name)) {
    throw new IsnadError(code, `invalid key name ${JSON.stringify(name)}: empty, or has a space or "+"`);
  }
}

export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  checkName(name, "INVALID_KEY");
  if (publicKey.length !== 32) throw new IsnadError("INVALID_KEY", "an Ed25519 public key is 32 bytes");
  const keyData = formatBase64(concatBytes(Uint8Array.of(ALG_ED25519), publicKey));
  return `${name}+${formatKeyIdHex(noteKeyId(name, publicKey))}+${keyData}`;
}

export function formatSignerKey(name: string, seed: Uint8Array): string {
  const { publicKey } = ed25519KeyPair(seed); // checks the seed length
  checkName(name, "INVALID_KEY");
  const keyData = formatBase64(concatBytes(Uint8Array.of(ALG_ED25519), seed));
  return `PRIVATE+KEY+${name}+${formatKeyIdHex(noteKeyId(name, publicKey))}+${keyData}`;
}

/** Splits `<name>+<8 hex>+<base64>`; the base64 may itself contain "+", the name may not. */
function parseKeyFields(text: string, what: string): { name: string; keyId: number; key: Uint8Array } {
  const match = /^([^+]*)\+([0-9a-fA-F]{8})\+(.*)$/s.exec(text);
  if (match === null) throw new IsnadError("INVALID_KEY", `not a ${what}`);
  const [, name, hex, base64] = match as unknown as [string, string, string, string];
  checkName(name, "INVALID_KEY");
  let key: Uint8Array;
  try {
    key = parseBase64(base64, 33);
  } catch (cause) {
    throw new IsnadError("INVALID_KEY", `${what}: key data is not base64 of 33 bytes`, { cause });
  }
  if (key[0] !== ALG_ED25519) throw new IsnadError("INVALID_KEY", `${what}: not an Ed25519 (0x01) key`);
  return { name, keyId: parseInt(hex, 16), key: key.subarray(1) };
}

export function parseVerifierKey(text: string): NoteVerifier {
  const { name, keyId, key } = parseKeyFields(text, "note verifier key");
  if (keyId !== noteKeyId(name, key)) {
    throw new IsnadError("INVALID_KEY", "note verifier key: key id does not match name and key");
  }
  return { name, keyId, publicKey: key };
}

export function parseSignerKey(text: string): NoteSigner {
  if (!text.startsWith("PRIVATE+KEY+")) throw new IsnadError("INVALID_KEY", "not a note signer key");
  const { name, keyId, key } = parseKeyFields(text.slice("PRIVATE+KEY+".length), "note signer key");
  const { publicKey } = ed25519KeyPair(key);
  // The id commits to the public key, so it can only be checked after deriving it from the seed.
  if (keyId !== noteKeyId(name, publicKey)) {
    throw new IsnadError("INVALID_KEY", "note signer key: key id does not match name and key");
  }
  return { name, keyId, publicKey, seed: key };
}

/** A fresh Ed25519 note key for `name`, as objects and as Go-compatible key strings. */
export function generateNoteKey(name: string): {
  signer: NoteSigner;
  verifier: NoteVerifier;
  signerKey: string;
  verifierKey: string;
} {
  const signerKey = formatSignerKey(name, generateEd25519Seed());
  const signer = parseSignerKey(signerKey);
  const verifier: NoteVerifier = { name: signer.name, keyId: signer.keyId, publicKey: signer.publicKey };
  return { signer, verifier, signerKey, verifierKey: formatVerifierKey(name, signer.publicKey) };
}

// Signed notes MUST NOT contain ASCII control characters other than newline (signed-note
// "Format"); lone surrogates are checked too, since a JS string carrying one has no UTF-8 form.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARACTER = /[\u0000-\u0009\u000b-\u001f]|\p{Cs}/u;

/** Signs `text` (which must end in a newline) with each signer, in order; returns the note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith("\n")) throw new IsnadError("INVALID_NOTE", "note text must end with a newline");
  if (FORBIDDEN_CHARACTER.test(text)) {
    throw new IsnadError("INVALID_NOTE", "note text contains a control character or a lone surrogate");
  }
  if (signers.length === 0 || signers.length > MAX_NOTE_SIGNATURES) {
    throw new IsnadError("INVALID_ARGUMENT", `a note needs 1 to ${MAX_NOTE_SIGNATURES} signers`);
  }
  const message = utf8(text);
  let note = `${text}\n`;
  for (const signer of signers) {
    checkName(signer.name, "INVALID_KEY");
    const keyId = new Uint8Array(4);
    new DataView(keyId.buffer).setUint32(0, signer.keyId);
    const signature = formatBase64(concatBytes(keyId, signEd25519(signer.seed, message)));
    note += `${SIGNATURE_PREFIX}${signer.name} ${signature}\n`;
  }
  return note;
}

function malformed(problem: string): never {
  throw new IsnadError("INVALID_NOTE", `malformed note: ${problem}`);
}

/**
 * Parses a signed note without checking any signature. `note` may be the raw bytes (checked to
 * be UTF-8) or a string. Throws IsnadError("INVALID_NOTE").
 */
export function parseNote(note: string | Uint8Array): ParsedNote {
  let message: string;
  if (typeof note === "string") {
    message = note;
  } else {
    try {
      message = parseUtf8(note);
    } catch (cause) {
      throw new IsnadError("INVALID_NOTE", "malformed note: not UTF-8", { cause });
    }
  }
  if (FORBIDDEN_CHARACTER.test(message)) malformed("control character or lone surrogate");
  // The text ends at the last blank line; it may contain blank lines of its own.
  const split = message.lastIndexOf("\n\n");
  if (split < 0) malformed("no blank line before the signatures");
  const text = message.slice(0, split + 1);
  const block = message.slice(split + 2);
  if (!block.endsWith("\n")) malformed("no signature lines, or no final newline");
  const lines = block.slice(0, -1).split("\n");
  // Checked before any base64 or Ed25519 work, so a huge note costs little to refuse.
  if (lines.length > MAX_NOTE_SIGNATURES) malformed(`more than ${MAX_NOTE_SIGNATURES} signatures`);
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(SIGNATURE_PREFIX)) malformed("a signature line does not start with an em dash");
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(" ");
    const name = rest.slice(0, space);
    const base64 = rest.slice(space + 1);
    if (space < 0 || !isValidNoteName(name)) malformed("a signature line has no valid key name");
    let bytes: Uint8Array;
    try {
      bytes = parseBase64(base64);
    } catch (cause) {
      throw new IsnadError("INVALID_NOTE", "malformed note: a signature is not base64", { cause });
    }
    if (bytes.length < 5) malformed("a signature is shorter than a key id and one byte");
    return { name, keyId: readUint32(bytes), base64 };
  });
  return { text, signatures };
}

/**
 * Opens a signed note: parses it and checks every signature by a key in `verifiers`.
 * Following signed-note "Signatures": signatures by other keys are ignored (returned as
 * `unverified`); a failing signature by a known key rejects the whole note (SIGNATURE_INVALID);
 * a note with no signature by a known key is rejected (UNKNOWN_KEY). Unlike Go, which checks only
 * the first of several signatures by one key, every one is checked.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures: all } = parseNote(note);
  const message = utf8(text);
  const signatures: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenKeys = new Set<string>();
  const seenUnverified = new Set<string>();
  for (const signature of all) {
    const key = `${signature.name}+${formatKeyIdHex(signature.keyId)}`;
    const known = verifiers.filter((v) => v.name === signature.name && v.keyId === signature.keyId);
    if (known.length === 0) {
      if (!seenUnverified.has(signature.base64)) unverified.push(signature);
      seenUnverified.add(signature.base64);
      continue;
    }
    // Two keys under one name and id: the caller's trust list is broken; refuse to guess.
    if (known.some((v) => !equalBytes(v.publicKey, known[0]!.publicKey))) {
      throw new IsnadError("INVALID_ARGUMENT", `ambiguous verifiers for key ${key}`);
    }
    const bytes = parseBase64(signature.base64);
    if (!verifyEd25519(known[0]!.publicKey, message, bytes.subarray(4))) {
      throw new IsnadError("SIGNATURE_INVALID", `invalid signature by key ${key}`);
    }
    if (!seenKeys.has(key)) signatures.push(signature);
    seenKeys.add(key);
  }
  if (signatures.length === 0) {
    throw new IsnadError("UNKNOWN_KEY", "the note has no signature by a known key");
  }
  return { text, signatures, unverified };
}
