/**
 * OpenSSH signatures (SSHSIG, openssh PROTOCOL.sshsig) with Ed25519 keys, so a publisher can sign
 * with `ssh-keygen -Y sign -n isnad-statement@v1` and anyone can check isnad's own SSHSIG
 * signatures with `ssh-keygen -Y verify`. Pure: WebCrypto for SHA-512, core for Ed25519.
 *
 * The signed data is   "SSHSIG" ‖ string(namespace) ‖ string("") ‖ string(hash alg) ‖ string(H(message))
 * and the signature    "SSHSIG" ‖ uint32(1) ‖ string(public key) ‖ string(namespace) ‖ string("")
 *                      ‖ string(hash alg) ‖ string(signature), armored as "SSH SIGNATURE" PEM-like text
 * where string() is an SSH wire string (RFC 4251 §5: uint32 length ‖ bytes).
 */
import {
  ed25519KeyPair,
  equalBytes,
  formatBase64,
  parseBase64,
  signEd25519,
  utf8,
  verifyEd25519,
} from "@isnad/core";
import { SshReader } from "./ssh-wire";

/** The namespace isnad's statement signatures use (ssh-keygen -n). */
export const SSHSIG_NAMESPACE = "isnad-statement@v1";

const MAGIC = utf8("SSHSIG");
const ED25519 = "ssh-ed25519";
const BEGIN = "-----BEGIN SSH SIGNATURE-----";
const END = "-----END SSH SIGNATURE-----";
/** Bounds for hostile input: an Ed25519 SSHSIG is about 300 characters armored. */
const MAX_ARMORED = 4096;

export class SshsigError extends Error {
  override readonly name = "SshsigError";
}

function sshString(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length);
  out.set(bytes, 4);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An ssh-ed25519 public key blob (RFC 8709 §4). */
export function sshEd25519PublicKey(publicKey: Uint8Array): Uint8Array {
  return concat(sshString(utf8(ED25519)), sshString(publicKey));
}

/** The public key as one `ssh-ed25519 AAAA…` line (authorized_keys / allowed_signers form). */
export function formatSshEd25519PublicKey(publicKey: Uint8Array): string {
  return `${ED25519} ${formatBase64(sshEd25519PublicKey(publicKey))}`;
}

async function signedData(namespace: string, hashAlg: "sha256" | "sha512", message: Uint8Array) {
  const digest = new Uint8Array(
    await crypto.subtle.digest(hashAlg === "sha512" ? "SHA-512" : "SHA-256", Uint8Array.from(message)),
  );
  return concat(
    MAGIC,
    sshString(utf8(namespace)),
    sshString(new Uint8Array(0)),
    sshString(utf8(hashAlg)),
    sshString(digest),
  );
}

/** Signs `message` with an Ed25519 seed, as `ssh-keygen -Y sign -n <namespace>` would (SHA-512). */
export async function signSshsig(
  seed: Uint8Array,
  message: Uint8Array,
  namespace = SSHSIG_NAMESPACE,
): Promise<string> {
  const { publicKey } = ed25519KeyPair(seed);
  const signature = signEd25519(seed, await signedData(namespace, "sha512", message));
  const blob = concat(
    MAGIC,
    Uint8Array.of(0, 0, 0, 1),
    sshString(sshEd25519PublicKey(publicKey)),
    sshString(utf8(namespace)),
    sshString(new Uint8Array(0)),
    sshString(utf8("sha512")),
    sshString(concat(sshString(utf8(ED25519)), sshString(signature))),
  );
  const b64 = formatBase64(blob);
  const lines = b64.match(/.{1,70}/g) ?? [];
  return [BEGIN, ...lines, END, ""].join("\n");
}

/** SSH wire data of a signature; every overrun is an SshsigError. */
const reader = (bytes: Uint8Array) => new SshReader(bytes, (why) => new SshsigError(`SSHSIG: ${why}`));

/**
 * Verifies an armored SSHSIG over `message` in `namespace` and returns the signer's Ed25519
 * public key (32 bytes); the caller decides whether that key is trusted. Throws SshsigError.
 */
export async function verifySshsig(
  armored: string,
  message: Uint8Array,
  namespace = SSHSIG_NAMESPACE,
): Promise<Uint8Array> {
  if (armored.length > MAX_ARMORED) throw new SshsigError("SSHSIG: too long");
  const text = armored.trim();
  if (!text.startsWith(BEGIN) || !text.endsWith(END))
    throw new SshsigError("SSHSIG: not an SSH SIGNATURE block");
  let blob: Uint8Array;
  try {
    blob = parseBase64(text.slice(BEGIN.length, -END.length).replace(/\s+/g, ""));
  } catch {
    throw new SshsigError("SSHSIG: bad base64");
  }
  const r = reader(blob);
  if (!equalBytes(r.take(6), MAGIC)) throw new SshsigError("SSHSIG: bad magic");
  if (r.uint32() !== 1) throw new SshsigError("SSHSIG: unsupported version");
  const key = reader(r.string());
  const signedNamespace = r.text();
  r.string(); // reserved
  const hashAlg = r.text();
  const sig = reader(r.string());
  r.done();
  if (key.text() !== ED25519) throw new SshsigError("SSHSIG: only ssh-ed25519 keys are accepted");
  const publicKey = key.string();
  key.done();
  if (publicKey.length !== 32) throw new SshsigError("SSHSIG: bad Ed25519 key");
  // The namespace is under the signature too; checking it here gives the clearer error.
  if (signedNamespace !== namespace) throw new SshsigError(`SSHSIG: namespace is not ${namespace}`);
  if (hashAlg !== "sha512" && hashAlg !== "sha256") throw new SshsigError("SSHSIG: unsupported hash");
  if (sig.text() !== ED25519) throw new SshsigError("SSHSIG: signature is not ssh-ed25519");
  const signature = sig.string();
  sig.done();
  if (signature.length !== 64) throw new SshsigError("SSHSIG: bad Ed25519 signature");
  if (!verifyEd25519(publicKey, await signedData(namespace, hashAlg, message), signature))
    throw new SshsigError("SSHSIG: signature does not verify");
  return Uint8Array.from(publicKey);
}
