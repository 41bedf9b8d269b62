/**
 * An OpenSSH Ed25519 private key file, as `ssh-keygen -t ed25519 -N ''` writes it (the
 * openssh-key-v1 format, OpenSSH PROTOCOL.key), read into the 32-byte Ed25519 seed, so a press
 * office signs with the key it already has. Pure and bounded; encrypted keys are refused with one
 * clear line (isnad never asks for a passphrase):
 *
 *   "-----BEGIN OPENSSH PRIVATE KEY-----" base64( "openssh-key-v1\0" ‖ string ciphername ‖
 *   string kdfname ‖ string kdfoptions ‖ uint32 N ‖ string publickey × N ‖ string private ) "-----END …"
 *   private = uint32 check ‖ uint32 check ‖ ( string "ssh-ed25519" ‖ string pk(32) ‖
 *             string seed(32) ‖ pk(32) ‖ string comment ) × N ‖ padding 1, 2, 3, …
 */
import { ed25519KeyPair, equalBytes, parseBase64 } from "@isnad/core";
import { SshReader } from "./ssh-wire";

const BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
const END = "-----END OPENSSH PRIVATE KEY-----";
const MAGIC = "openssh-key-v1\0";
/** An Ed25519 key file is about 400 characters; anything far larger is not one. */
const MAX_CHARS = 16_384;

export class OpenSshKeyError extends Error {
  override readonly name = "OpenSshKeyError";
  constructor(
    readonly code: "malformed" | "encrypted" | "unsupported",
    message: string,
  ) {
    super(message);
  }
}

/** Whether `text` looks like an OpenSSH private key file (then parseOpenSshEd25519Key reads it). */
export function isOpenSshPrivateKey(text: string): boolean {
  return text.trimStart().startsWith(BEGIN);
}

/** The Ed25519 seed of an unencrypted OpenSSH private key file; throws OpenSshKeyError. */
export function parseOpenSshEd25519Key(text: string): Uint8Array {
  const malformed = (why: string) => new OpenSshKeyError("malformed", `not an OpenSSH private key: ${why}`);
  if (text.length > MAX_CHARS) throw malformed(`longer than ${MAX_CHARS} characters`);
  const trimmed = text.trim();
  if (!trimmed.startsWith(BEGIN) || !trimmed.endsWith(END)) throw malformed(`no ${BEGIN} … ${END} block`);
  let blob: Uint8Array;
  try {
    blob = parseBase64(trimmed.slice(BEGIN.length, -END.length).replace(/\s+/g, ""));
  } catch {
    throw malformed("its body is not base64");
  }
  const r = new SshReader(blob, malformed);
  if (new TextDecoder().decode(r.take(MAGIC.length)) !== MAGIC) throw malformed("no openssh-key-v1 magic");
  const cipher = r.text();
  const kdf = r.text();
  r.string(); // kdf options
  if (cipher !== "none" || kdf !== "none") {
    throw new OpenSshKeyError(
      "encrypted",
      `the key is encrypted with a passphrase (${cipher}, ${kdf}): isnad reads unencrypted keys only — ` +
        "remove the passphrase on a copy (ssh-keygen -p -N '' -f COPY) or use a 64-hex-digit seed file",
    );
  }
  if (r.uint32() !== 1) throw new OpenSshKeyError("unsupported", "the file holds more than one key");
  r.string(); // the public key, repeated in the private section
  const priv = new SshReader(r.string(), malformed);
  r.done();
  if (!equalBytes(priv.take(4), priv.take(4))) throw malformed("its check numbers differ");
  const type = priv.text();
  if (type !== "ssh-ed25519")
    throw new OpenSshKeyError("unsupported", `the key is ${type}, not Ed25519 (ssh-keygen -t ed25519)`);
  const publicKey = priv.string();
  const secret = priv.string();
  priv.string(); // comment
  const padding = priv.rest();
  if (padding.some((byte, i) => byte !== i + 1)) throw malformed("its padding is not 1, 2, 3, …");
  if (publicKey.length !== 32 || secret.length !== 64) throw malformed("an Ed25519 key of the wrong length");
  const seed = secret.slice(0, 32);
  if (!equalBytes(ed25519KeyPair(seed).publicKey, publicKey) || !equalBytes(secret.subarray(32), publicKey))
    throw malformed("its private and public halves do not match");
  return seed;
}
